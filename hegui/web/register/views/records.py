"""Evidence uploads and downloads, scans, PI compliance audits, audit log, developments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hegui import api
from hegui.errors import HeguiError
from hegui.web.accounts.models import Role
from hegui.web.accounts.permissions import org_view
from hegui.web.register import services
from hegui.web.register.audit_data import field_changes
from hegui.web.register.forms import (
    DevelopmentsForm,
    EvidenceForm,
    PiAuditForm,
    PiAuditItemForm,
    ScanForm,
)
from hegui.web.register.inputs import int_or_none
from hegui.web.register.models import (
    AuditEntry,
    Evidence,
    Filing,
    Obligation,
    Organisation,
    PiAudit,
    PiAuditItem,
    Scan,
)
from hegui.web.register.uploads import check_evidence, sanitise_scan, scan_rule_ids
from hegui.web.register.views._common import actor, page

_TARGETS = {"obligation": Obligation, "filing": Filing, "audit_item": PiAuditItem}


@require_POST
@org_view(Role.EDITOR)
def evidence_upload(
    request: HttpRequest, org: Organisation, role: Role, target: str, pk: int
) -> HttpResponse:
    """Attach a checked file to an obligation, filing or audit item of this organisation."""
    model = _TARGETS.get(target)
    if model is None:
        raise Http404("unknown evidence target")
    owner_filter = {"audit__organisation": org} if target == "audit_item" else {"organisation": org}
    obj = get_object_or_404(model, pk=pk, **owner_filter)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = check_evidence(
                upload.name, upload.content_type or "", upload.read(settings.EVIDENCE_MAX_BYTES + 1)
            )
        except HeguiError as exc:
            messages.error(request, str(exc))
        else:
            Evidence.objects.create(
                organisation=org,
                name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                content=checked.content,
                uploaded_by=actor(request),
                **{target: obj},
            )
            messages.success(request, f"{checked.name} SHA-256 {checked.sha256}")
    else:
        messages.error(request, form.errors.as_text())
    # Back to the page the evidence belongs to (never to a user-given URL).
    if target == "audit_item":
        return redirect("register:pi_audit", slug=org.slug, pk=obj.audit_id)
    return redirect(f"register:{target}", slug=org.slug, pk=obj.pk)


@org_view(Role.VIEWER)
def evidence_download(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    item = get_object_or_404(Evidence, organisation=org, pk=pk)
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    # Always a download, never rendered inline: evidence is untrusted content.
    response["Content-Disposition"] = f'attachment; filename="evidence-{item.pk}"'
    response["X-Checksum-SHA256"] = item.sha256
    return response


@org_view(Role.VIEWER)
def scans(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = sanitise_scan(upload.read(settings.SCAN_MAX_BYTES + 1), name=upload.name)
        except HeguiError as exc:
            form.add_error("file", str(exc))
        else:
            scan = Scan.objects.create(
                organisation=org,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                summary=summary,
                uploaded_by=actor(request),
            )
            return redirect("register:scan", slug=org.slug, pk=scan.pk)
    return page(request, org, role, "scans.html", rows=org.scans.all(), form=form)


@org_view(Role.VIEWER)
def scan(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    item = get_object_or_404(Scan, organisation=org, pk=pk)
    linked = org.obligations.filter(rule_id__in=scan_rule_ids(item.summary))
    return page(request, org, role, "scan.html", item=item, linked=linked)


@org_view(Role.VIEWER)
def pi_audits(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    form = PiAuditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        audit = form.save(commit=False)
        audit.organisation = org
        audit.save()
        for item in _checklist(audit.checklist):
            PiAuditItem.objects.create(audit=audit, **item)
        return redirect("register:pi_audit", slug=org.slug, pk=audit.pk)
    return page(request, org, role, "pi_audits.html", rows=org.pi_audits.all(), form=form)


def _checklist(kind: str) -> list[dict[str, str]]:
    """Items of the chosen checklist from the core's law data (none for an empty checklist)."""
    if kind == PiAudit.Checklist.PI_AUDIT:
        items = api.pi_audit_checklist()
    elif kind == PiAudit.Checklist.VIDEO:
        items = list(api.video_inspection_checklist().items)
    else:
        return []  # PiAudit.Checklist.NONE: the auditor adds the items
    return [
        {
            "ref": str(item.point),
            "text": f"{item.title.zh} / {item.title.en}"[:500],
            "citation": "; ".join(c.label("en") for c in item.citations)[:200],
        }
        for item in items
    ]


@org_view(Role.VIEWER)
def pi_audit(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    audit = get_object_or_404(PiAudit, organisation=org, pk=pk)
    edit_pk = request.POST.get("item", "")
    item_pk = int_or_none(edit_pk)
    item = get_object_or_404(audit.items, pk=item_pk) if item_pk is not None else None
    form = PiAuditItemForm(request.POST or None, instance=item)
    status = 200
    if edit_pk and item_pk is None:
        # Not an id at all (a tampered form): say which field, do not save a new item instead.
        form.is_valid()
        form.add_error(None, _("Field “item”: not an item id of this audit."))
        status = 400
    elif request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.audit = audit
        saved.save()
        return redirect("register:pi_audit", slug=org.slug, pk=audit.pk)
    items = audit.items.prefetch_related("evidence")
    tally: dict[str, int] = {}
    for i in items:
        tally[i.get_result_display()] = tally.get(i.get_result_display(), 0) + 1
    return page(
        request,
        org,
        role,
        "pi_audit.html",
        audit=audit,
        items=items,
        form=form,
        evidence_form=EvidenceForm(),
        tally=tally,
        report=request.GET.get("report") == "1",
        status=status,
    )


@org_view(Role.ADMIN)
def audit_log(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    rows = list(AuditEntry.objects.filter(organisation=org.slug).order_by("-seq")[:500])
    changes = field_changes(rows)
    shown = [(e, changes.get(e.seq, [])) for e in rows]
    return page(request, org, role, "audit_log.html", rows=shown)


@org_view(Role.VIEWER)
def developments(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    """The regulatory digest for this organisation over a period (default: the last 90 days)."""
    form = DevelopmentsForm(request.GET or None)
    items: list[dict[str, Any]] = []
    errors: list[str] = []
    end = timezone.localdate()
    start = end - dt.timedelta(days=90)
    if form.is_bound and not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {message}" if name in form.fields else message
            for name, messages_ in form.errors.items()
            for message in messages_
        ]
    else:
        data = form.cleaned_data if form.is_bound else {}
        end = data.get("end") or end
        start = data.get("start") or end - dt.timedelta(days=90)
    # A bad period is the request's fault (400); a stored profile this hegui cannot read is not.
    status = 400 if errors else 200
    current = org.current_profile()
    if current is not None and not errors:
        try:
            result = api.digest(services.parse_profile(current.yaml_text), start, end)
            items = list(result.to_dict()["items"])
        except HeguiError as exc:
            errors.append(str(exc))
    return page(
        request,
        org,
        role,
        "developments.html",
        has_profile=current is not None,
        items=items,
        start=start,
        end=end,
        errors=errors,
        status=status,
    )
