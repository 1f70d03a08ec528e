"""The JSON API: the register's data over HTTP with token auth and the same role checks.

Requests authenticate with ``Authorization: Bearer <token>`` (tokens from ``hegui createuser
--token`` or the admin). Session cookies are not accepted here, so the API needs no CSRF token and
a logged-in browser cannot be tricked into API writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import yaml
from django import forms as djforms
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from hegui.errors import HeguiError
from hegui.web.accounts.models import ApiToken, Role
from hegui.web.accounts.permissions import check_role, organisations_for
from hegui.web.register import forms, services
from hegui.web.register import incidents as incident_core
from hegui.web.register.audit import actor_context, mask_reporter
from hegui.web.register.deadlines import collect_deadlines
from hegui.web.register.inputs import (
    InputError,
    check_in_range,
    json_type_errors,
    parse_json,
)
from hegui.web.register.models import (
    Filing,
    Incident,
    Obligation,
    ObligationEvent,
    Organisation,
    SubjectRequest,
)
from hegui.web.register.staleness import stale_message, version_message

MAX_BODY = 2 * 1024 * 1024


@dataclass(frozen=True)
class Resource:
    """One API collection: its model, the form that validates writes, and what it returns."""

    model: type[models.Model]
    form: type[forms.EditForm]
    fields: tuple[str, ...]
    creatable: bool = True


RESOURCES: dict[str, Resource] = {
    "obligations": Resource(
        Obligation,
        forms.ObligationForm,
        (
            "id",
            "rule_id",
            "subject",
            "regime",
            "title_en",
            "title_zh",
            "finding_status",
            "due",
            "owner",
            "state",
            "notes",
        ),
        creatable=False,
    ),
    "filings": Resource(
        Filing,
        forms.FilingForm,
        (
            "id",
            "kind",
            "title",
            "authority",
            "reference",
            "state",
            "deadline",
            "submitted_on",
            "valid_until",
            "obligation",
            "notes",
        ),
    ),
    "incidents": Resource(
        Incident,
        forms.IncidentForm,
        ("id", "title", "description", "detected_at", "grade", "state", "facts"),
    ),
    "requests": Resource(
        SubjectRequest,
        forms.SubjectRequestForm,
        (
            "id",
            "kind",
            "requester_ref",
            "received_on",
            "due",
            "due_basis",
            "state",
            "closed_on",
            "notes",
        ),
    ),
}


class ApiError(Exception):
    """An error answered as JSON ``{"error": ...}`` with an HTTP status."""

    def __init__(self, status: int, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def serialise(
    obj: models.Model, fields: tuple[str, ...], *, mask_contacts: bool = False
) -> dict[str, Any]:
    data = model_to_dict(obj, fields=[f for f in fields if f != "id"])
    data["id"] = obj.pk
    out = {k: _jsonable(data.get(k)) for k in fields}
    if isinstance(obj, Incident):
        if mask_contacts and "facts" in out:
            out["facts"] = mask_reporter(out["facts"])
        out["clocks"] = [
            {
                "id": c.pk,
                "label": c.label,
                "recipient": c.recipient,
                "deadline": _jsonable(c.deadline),
                "reported_at": _jsonable(c.reported_at),
                "source": c.source,
                "citation": c.citation,
            }
            for c in obj.clocks.all()
        ]
    return out


def _authenticate(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() not in ("bearer", "token") or not key.strip():
        raise ApiError(401, "missing token: send 'Authorization: Bearer <token>'")
    token = ApiToken.lookup(key.strip())
    if token is None or not token.user.is_active:
        raise ApiError(401, "invalid token")
    # A plain UPDATE: recording "last used" is not a register change, so it is not audited.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def _body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY:
        raise ApiError(413, "request body too large")
    try:
        data = parse_json(request.body or b"{}", source="body")
    except InputError as exc:
        raise ApiError(400, str(exc)) from exc
    if not isinstance(data, dict):
        raise ApiError(400, "body must be a JSON object")
    return data


def api_view(view: Callable[..., Any]) -> Callable[..., JsonResponse]:
    """Token auth, JSON errors, and the org role check (viewer to read, editor to write)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs: Any) -> JsonResponse:
        try:
            user = _authenticate(request)
            if "slug" in kwargs:
                needed = Role.VIEWER if request.method in ("GET", "HEAD") else Role.EDITOR
                org, role = check_role(user, kwargs.pop("slug"), needed)
                kwargs["org"] = org
                # Viewers read incidents with the reporter's contact masked, as on the pages
                # (where only editors see the facts).
                request.hegui_mask_contacts = role.rank < Role.EDITOR.rank  # type: ignore[attr-defined]
            with actor_context(f"api:{user.get_username()}"):
                result = view(request, user=user, **kwargs)
            if isinstance(result, HttpResponse):
                return result  # type: ignore[return-value]  # a JsonResponse with headers
        except ApiError as exc:
            payload: dict[str, Any] = {"error": exc.message}
            if exc.details is not None:
                payload["details"] = exc.details
            return JsonResponse(payload, status=exc.status)
        except Http404:
            return JsonResponse({"error": "not found"}, status=404)
        except PermissionDenied as exc:
            return JsonResponse({"error": str(exc) or "forbidden"}, status=403)
        except HeguiError as exc:
            return JsonResponse({"error": str(exc)}, status=400)
        status = 201 if request.method == "POST" else 200
        return JsonResponse(result, status=status, safe=False)

    return wrapper


def _allow(request: HttpRequest, *methods: str) -> None:
    if request.method not in methods:
        raise ApiError(405, f"method {request.method} not allowed; use {', '.join(methods)}")


@api_view
def orgs(request: HttpRequest, *, user: Any) -> Any:
    _allow(request, "GET")
    return [{"slug": o.slug, "name": o.name, "role": r.value} for o, r in organisations_for(user)]


@api_view
def profile(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
    _allow(request, "GET", "PUT")
    if request.method == "PUT":
        body = _body(request)
        if not isinstance(body.get("yaml"), str):
            raise ApiError(400, "field 'yaml' (string) is required")
        based_on = body.get("based_on")
        if based_on is not None:
            if isinstance(based_on, bool) or not isinstance(based_on, int):
                raise ApiError(400, "based_on must be a version number", {"based_on": ["type"]})
            latest = org.current_profile()
            if based_on != (latest.number if latest else 0):
                raise ApiError(412, version_message(latest), {"based_on": ["stale"]})
        services.save_profile(
            org, body["yaml"], note=str(body.get("note", ""))[:200], actor=user.get_username()
        )
    current = org.current_profile()
    if current is None:
        raise Http404("no profile")
    return {"number": current.number, "note": current.note, "yaml": current.yaml_text}


@api_view
def assessments(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
    _allow(request, "GET", "POST")
    if request.method == "POST":
        body = _body(request)
        try:
            as_of = dt.date.fromisoformat(body["as_of"]) if body.get("as_of") else None
            check_in_range(as_of)
        except (TypeError, ValueError, djforms.ValidationError) as exc:
            raise ApiError(
                400, "as_of must be a date YYYY-MM-DD", {"as_of": [str(exc)[:200]]}
            ) from exc
        done = services.run_assessment(org, as_of=as_of, actor=user.get_username())
        return {"id": done.pk, "as_of": done.as_of.isoformat(), "result": done.result}
    return [
        {
            "id": a.pk,
            "as_of": a.as_of.isoformat(),
            "ran_at": _jsonable(a.ran_at),
            "findings": len(a.findings),
        }
        for a in org.assessments.all()
    ]


@api_view
def assessment(request: HttpRequest, *, user: Any, org: Organisation, pk: int) -> Any:
    _allow(request, "GET")
    item = org.assessments.filter(pk=pk).first()
    if item is None:
        raise Http404("no such assessment")
    return {"id": item.pk, "as_of": item.as_of.isoformat(), "result": item.result}


@api_view
def deadlines(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
    _allow(request, "GET")
    return [
        {
            "date": d.when.isoformat(),
            "at": _jsonable(d.at),
            "kind": d.kind,
            "label": d.label,
            "open": d.open,
        }
        for d in collect_deadlines(org)
    ]


def _check_types(form: type[djforms.BaseForm], data: dict[str, Any]) -> None:
    """Refuse JSON values of the wrong type before the form sees them (400 naming the field)."""
    errors = json_type_errors(form, data)
    if errors:
        raise ApiError(400, "invalid fields", errors)


def _defaults(res: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """A new record's omitted fields take the model's defaults (e.g. ``state``)."""
    out = dict(data)
    for name in res.form.base_fields:
        if name in out:
            continue
        try:
            field = res.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.has_default() and not callable(field.default):
            out[name] = field.default
    return out


def _form(res: Resource, org: Organisation, data: dict[str, Any], instance: Any) -> Any:
    _check_types(res.form, data)
    if res.model is Incident:
        # The API takes incident facts as a JSON object; the form takes them as YAML text.
        facts = data.get("facts", instance.facts if instance is not None else {})
        if not isinstance(facts, dict):
            raise ApiError(400, "facts must be an object", {"facts": ["not an object"]})
        data = {**data, "facts_yaml": yaml.safe_dump(facts, allow_unicode=True)}
    if res.form in (forms.FilingForm, forms.SubjectRequestForm):
        return res.form(data, instance=instance, organisation=org)
    return res.form(data, instance=instance)


def _invalid(form: Any) -> ApiError:
    errors = form.errors.get_json_data()
    if "facts_yaml" in errors:
        errors["facts"] = errors.pop("facts_yaml")  # the API's name for the facts
    return ApiError(400, "invalid fields", errors)


def _after_save(obj: models.Model, out: dict[str, Any]) -> dict[str, Any]:
    """Incidents get their clocks from the core after every write, as in the pages."""
    if isinstance(obj, Incident):
        update = incident_core.apply_core_clocks(obj)
        notes = []
        if update.reason:
            notes.append(f"no clocks computed: {update.reason}")
        if update.removed:
            notes.append(
                f"{update.removed} computed deadline(s) not yet reported no longer apply "
                "and were removed"
            )
        if notes:
            out["warning"] = "; ".join(notes)
        obj.refresh_from_db()
        out.update({k: v for k, v in serialise(obj, RESOURCES["incidents"].fields).items()})
    return out


def _etag(res: Resource, obj: models.Model) -> str:
    return f'"{res.form.fingerprint_of(obj)}"'


def _with_etag(data: Any, etag: str, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False)
    response["ETag"] = etag
    return response


def collection(name: str) -> Callable[..., JsonResponse]:
    res = RESOURCES[name]

    @api_view
    def view(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
        _allow(request, "GET", "POST") if res.creatable else _allow(request, "GET")
        if request.method == "POST":
            form = _form(res, org, _defaults(res, _body(request)), None)
            if not form.is_valid():
                raise _invalid(form)
            obj = form.save(commit=False)
            obj.organisation = org
            obj.save()
            return _after_save(obj, serialise(obj, res.fields))
        rows = res.model.objects.filter(organisation=org)  # type: ignore[attr-defined]
        mask = getattr(request, "hegui_mask_contacts", True)
        return [serialise(o, res.fields, mask_contacts=mask) for o in rows]

    view.__name__ = f"api_{name}"
    return view


def item(name: str) -> Callable[..., JsonResponse]:
    res = RESOURCES[name]

    @api_view
    def view(request: HttpRequest, *, user: Any, org: Organisation, pk: int) -> Any:
        _allow(request, "GET", "PATCH")
        obj = res.model.objects.filter(organisation=org, pk=pk).first()  # type: ignore[attr-defined]
        if obj is None:
            raise Http404("not found")
        if request.method == "PATCH":
            # Optional optimistic locking: If-Match with the ETag of a GET refuses the PATCH
            # when someone changed the record since (412), instead of overwriting their change.
            wanted = request.headers.get("If-Match", "").strip()
            if wanted and wanted != "*" and _etag(res, obj) not in wanted.split(","):
                raise ApiError(412, stale_message(obj), {"__all__": ["stale"]})
            body = _body(request)
            _check_types(res.form, body)
            current = {
                k: v for k, v in serialise(obj, res.fields).items() if k in res.form.base_fields
            }
            current.update(body)
            before = serialise(obj, res.fields)
            form = _form(res, org, current, obj)
            if not form.is_valid():
                raise _invalid(form)
            obj = form.save()
            if isinstance(obj, Obligation):
                after = serialise(obj, res.fields)
                changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
                note = form.cleaned_data.get("note") or ""
                if changes or note:  # as on the page: no empty history lines
                    ObligationEvent.objects.create(
                        obligation=obj,
                        actor=user.get_username(),
                        changes=changes,
                        note=note or "API",
                    )
            out = _after_save(obj, serialise(obj, res.fields))
            return _with_etag(out, _etag(res, obj))
        mask = getattr(request, "hegui_mask_contacts", True)
        return _with_etag(serialise(obj, res.fields, mask_contacts=mask), _etag(res, obj))

    view.__name__ = f"api_{name}_item"
    return view
