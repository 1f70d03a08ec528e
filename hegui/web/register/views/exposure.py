"""Penalty exposure: the core's calculator (``hegui.api.penalty_exposure``) for this organisation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from hegui import api
from hegui.errors import HeguiError
from hegui.web.accounts.models import Role
from hegui.web.accounts.permissions import org_view
from hegui.web.register import services
from hegui.web.register.models import Organisation
from hegui.web.register.views._common import page


@org_view(Role.VIEWER)
def penalties(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    """Pick a violation (and circumstances, entity); show the tier, CNY bands and reasoning."""
    violations = api.list_violations()
    chosen = request.GET.get("violation", "")
    entity = request.GET.get("entity", "").strip() or None
    circumstances = [
        c.strip() for c in request.GET.get("circumstances", "").split(",") if c.strip()
    ]
    result = error = None
    if chosen:
        current = org.current_profile()
        try:
            profile = services.parse_profile(current.yaml_text) if current is not None else None
            result = api.penalty_exposure(chosen, circumstances, profile, entity).model_dump(
                mode="json"
            )
        except HeguiError as exc:
            error = str(exc)
    return page(
        request,
        org,
        role,
        "penalties.html",
        violations=violations,
        chosen=chosen,
        entity=entity or "",
        circumstances=", ".join(circumstances),
        result=result,
        error=error,
    )
