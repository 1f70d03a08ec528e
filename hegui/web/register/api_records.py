"""API routes beyond the generic collections: scans, PI audits, and marking a report sent."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from hegui.web.register.api import ApiError, _allow, _body, _jsonable, api_view
from hegui.web.register.incidents import sent_time
from hegui.web.register.inputs import InputError
from hegui.web.register.models import IncidentClock, Organisation, Scan
from hegui.web.register.uploads import sanitise_scan_data


def _scan(scan: Scan) -> dict[str, Any]:
    return {
        "id": scan.pk,
        "kind": scan.kind,
        "name": scan.name,
        "summary": scan.summary,
        "uploaded_by": scan.uploaded_by,
        "uploaded_at": _jsonable(scan.uploaded_at),
    }


@api_view
def scans(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
    """GET the scans; POST ``{"kind", "name", "result"}`` stores a sanitised scan result."""
    _allow(request, "GET", "POST")
    if request.method == "POST":
        body = _body(request)
        if body.get("kind") not in Scan.Kind.values or not isinstance(body.get("name"), str):
            raise ApiError(400, "kind (table|app) and name are required")
        if not isinstance(body.get("result"), dict):
            raise ApiError(400, "result must be the scan's JSON object")
        summary = sanitise_scan_data(body["result"], name=body["name"])
        scan = Scan.objects.create(
            organisation=org,
            kind=body["kind"],
            name=body["name"][:200],
            summary=summary,
            uploaded_by=user.get_username(),
        )
        return _scan(scan)
    return [_scan(s) for s in org.scans.all()]


@api_view
def pi_audits(request: HttpRequest, *, user: Any, org: Organisation) -> Any:
    """GET the PI compliance audits with their checklist items and evidence checksums."""
    _allow(request, "GET")
    return [
        {
            "id": a.pk,
            "title": a.title,
            "checklist": a.checklist,
            "period_start": _jsonable(a.period_start),
            "period_end": _jsonable(a.period_end),
            "auditor": a.auditor,
            "items": [
                {
                    "id": i.pk,
                    "ref": i.ref,
                    "text": i.text,
                    "citation": i.citation,
                    "result": i.result,
                    "notes": i.notes,
                    "evidence": [
                        {"name": e.name, "sha256": e.sha256, "size": e.size}
                        for e in i.evidence.all()
                    ],
                }
                for i in a.items.prefetch_related("evidence")
            ],
        }
        for a in org.pi_audits.all()
    ]


@api_view
def clock_sent(request: HttpRequest, *, user: Any, org: Organisation, pk: int, clock: int) -> Any:
    """POST marks an incident report as sent now (``{"undo": true}`` clears it)."""
    _allow(request, "POST")
    row = IncidentClock.objects.filter(
        incident__organisation=org, incident__pk=pk, pk=clock
    ).first()
    if row is None:
        raise Http404("not found")
    body = _body(request)
    if body.get("undo"):
        row.reported_at = None
    else:
        try:
            row.reported_at = sent_time(body.get("at"), row.incident, field="at")
        except InputError as exc:
            raise ApiError(400, str(exc), {"at": [exc.message]}) from exc
    row.save()
    return {"id": row.pk, "label": row.label, "reported_at": _jsonable(row.reported_at)}
