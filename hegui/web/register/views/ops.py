"""Filings, incidents and their clocks, data-subject requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hegui.errors import HeguiError
from hegui.web.accounts.models import Role
from hegui.web.accounts.permissions import org_view
from hegui.web.register import incidents as incident_core
from hegui.web.register.forms import (
    ClockForm,
    EvidenceForm,
    FilingForm,
    IncidentForm,
    SubjectRequestForm,
)
from hegui.web.register.models import (
    Filing,
    Incident,
    IncidentClock,
    Organisation,
    SubjectRequest,
)
from hegui.web.register.views._common import page


def _editor_for_new(role: Role, pk: int | None) -> None:
    # The blank "new" form is of no use to a viewer: refuse it outright.
    if pk is None and role.rank < Role.EDITOR.rank:
        raise PermissionDenied("needs the editor role")


@org_view(Role.VIEWER)
def filings(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    return page(
        request, org, role, "filings.html", rows=org.filings.all(), today=timezone.localdate()
    )


@org_view(Role.VIEWER)
def filing(
    request: HttpRequest, org: Organisation, role: Role, pk: int | None = None
) -> HttpResponse:
    """Show, create (pk None) or edit a filing; creating and editing need the editor role."""
    _editor_for_new(role, pk)
    item = get_object_or_404(Filing, organisation=org, pk=pk) if pk is not None else None
    form = FilingForm(request.POST or None, instance=item, organisation=org)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = org
        saved.save()
        messages.success(request, _("Filing saved"))
        return redirect("register:filing", slug=org.slug, pk=saved.pk)
    return page(
        request,
        org,
        role,
        "filing.html",
        item=item,
        form=form,
        evidence_form=EvidenceForm(),
        evidence=item.evidence.all() if item else [],
    )


@org_view(Role.VIEWER)
def incidents(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    return page(request, org, role, "incidents.html", rows=org.incidents.prefetch_related("clocks"))


@org_view(Role.EDITOR)
def incident_new(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    form = IncidentForm(request.POST or None, initial={"detected_at": timezone.localtime()})
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.organisation = org
        item.save()
        _clocks(request, item)
        return redirect("register:incident", slug=org.slug, pk=item.pk)
    return page(request, org, role, "incident_form.html", form=form, item=None)


def _clocks(request: HttpRequest, item: Incident) -> None:
    """Ask the core for the clocks; say so when it cannot (the user may then add them)."""
    update = incident_core.apply_core_clocks(item)
    if update.reason:
        messages.warning(request, _("No clocks computed: %(e)s") % {"e": update.reason})
    if update.removed:
        messages.warning(
            request,
            ngettext(
                "%(n)s computed deadline not yet reported no longer applies and was removed.",
                "%(n)s computed deadlines not yet reported no longer apply and were removed.",
                update.removed,
            )
            % {"n": update.removed},
        )
    if update.kept == 0:
        messages.info(request, _("Add the reporting deadlines that apply below."))


@org_view(Role.VIEWER)
def incident(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    """The live page: every clock counts down in the browser from its server-given deadline."""
    item = get_object_or_404(Incident, organisation=org, pk=pk)
    form = IncidentForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        _clocks(request, item)
        return redirect("register:incident", slug=org.slug, pk=item.pk)
    return _incident_page(request, org, role, item, form)


def _incident_page(
    request: HttpRequest,
    org: Organisation,
    role: Role,
    item: Incident,
    form: IncidentForm,
    *,
    status: int = 200,
) -> HttpResponse:
    kind = "summary" if request.GET.get("draft") == "summary" else "initial"
    return page(
        request,
        org,
        role,
        "incident.html",
        status=status,
        item=item,
        form=form,
        clock_form=ClockForm(),
        clocks=item.clocks.all(),
        clock_problem=incident_core.clock_problem(item),
        now=timezone.now(),
        draft_kind=kind,
        draft=incident_core.report_draft(item, kind),
    )


@require_POST
@org_view(Role.EDITOR)
def clock_add(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    item = get_object_or_404(Incident, organisation=org, pk=pk)
    form = ClockForm(request.POST)
    if form.is_valid():
        clock = form.save(commit=False)
        clock.incident = item
        clock.source = "manual"
        clock.save()
    else:
        messages.error(request, _("Clock not saved: %(e)s") % {"e": form.errors.as_text()})
    return redirect("register:incident", slug=org.slug, pk=item.pk)


@require_POST
@org_view(Role.EDITOR)
def clock_reported(
    request: HttpRequest, org: Organisation, role: Role, pk: int, clock: int
) -> HttpResponse:
    """Mark a report as sent, now or at the ``sent_at`` given (or undo with ``undo=1``)."""
    row = get_object_or_404(IncidentClock, incident__organisation=org, incident__pk=pk, pk=clock)
    if request.POST.get("undo"):
        row.reported_at = None
    else:
        try:
            row.reported_at = incident_core.sent_time(
                request.POST.get("sent_at"), row.incident, field=_("sent at")
            )
        except HeguiError as exc:
            messages.error(request, str(exc))
            item = row.incident
            return _incident_page(request, org, role, item, IncidentForm(instance=item), status=400)
    row.save()
    return redirect("register:incident", slug=org.slug, pk=pk)


@org_view(Role.VIEWER)
def requests_queue(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    today = timezone.localdate()
    rows = org.subject_requests.all()
    overdue = [r for r in rows if r.state == "open" and r.due < today]
    return page(request, org, role, "requests.html", rows=rows, overdue=overdue, today=today)


@org_view(Role.VIEWER)
def subject_request(
    request: HttpRequest, org: Organisation, role: Role, pk: int | None = None
) -> HttpResponse:
    _editor_for_new(role, pk)
    item = get_object_or_404(SubjectRequest, organisation=org, pk=pk) if pk is not None else None
    form = SubjectRequestForm(request.POST or None, instance=item, organisation=org)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = org
        saved.save()
        return redirect("register:requests", slug=org.slug)
    return page(request, org, role, "request.html", item=item, form=form)
