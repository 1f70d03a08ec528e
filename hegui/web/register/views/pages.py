"""Home, organisation dashboard, members, profiles, assessments, obligations and the calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hegui.errors import HeguiError
from hegui.web.accounts.models import ROLE_CHOICES, ROLE_VALUES, Membership, Role
from hegui.web.accounts.permissions import org_view, organisations_for
from hegui.web.register import charts, services, staleness
from hegui.web.register.deadlines import collect_deadlines
from hegui.web.register.forms import (
    AssessForm,
    EvidenceForm,
    ObligationForm,
    OrganisationForm,
    ProfileForm,
)
from hegui.web.register.models import (
    Assessment,
    Obligation,
    ObligationEvent,
    Organisation,
    SubjectRequest,
)
from hegui.web.register.views._common import actor, page


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's organisations, and a form to create a new one (creator becomes admin)."""
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            org = form.save()
            Membership.objects.create(user=request.user, organisation=org, role=Role.ADMIN)
        return redirect("register:dashboard", slug=org.slug)
    return render(
        request,
        "register/home.html",
        {"memberships": organisations_for(request.user), "form": form},
    )


@org_view(Role.VIEWER)
def dashboard(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    today = timezone.localdate()
    open_obs = org.obligations.filter(
        state__in=[Obligation.State.OPEN, Obligation.State.IN_PROGRESS]
    )
    overdue_requests = org.subject_requests.filter(state=SubjectRequest.State.OPEN, due__lt=today)
    deadlines = [d for d in collect_deadlines(org) if d.open][:10]
    return page(
        request,
        org,
        role,
        "dashboard.html",
        open_obligations=open_obs.count(),
        overdue_obligations=open_obs.filter(due__lt=today).count(),
        open_incidents=org.incidents.filter(state="open").count(),
        overdue_requests=overdue_requests,
        deadlines=deadlines,
        timeline_svg=charts.timeline_svg(deadlines, today=today),
        trend_svg=charts.trend_svg(org),
        latest=org.assessments.first(),
    )


@org_view(Role.ADMIN)
def members(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    """Admins add, change and remove members."""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        new_role = request.POST.get("role", "")
        user = get_user_model().objects.filter(username=username).first()
        admins = org.memberships.filter(role=Role.ADMIN)
        if user is None:
            messages.error(request, _("No such user: %(name)s") % {"name": username})
        elif new_role != Role.ADMIN and list(admins.values_list("user", flat=True)) == [user.pk]:
            # Never leave an organisation without an admin: nobody could manage it any more.
            messages.error(request, _("An organisation needs at least one admin"))
        elif new_role == "remove":
            Membership.objects.filter(user=user, organisation=org).delete()
        elif new_role in ROLE_VALUES:
            Membership.objects.update_or_create(
                user=user, organisation=org, defaults={"role": new_role}
            )
        else:
            messages.error(request, _("Unknown role"))
        return redirect("register:members", slug=org.slug)
    rows = org.memberships.select_related("user").order_by("user__username")
    return page(request, org, role, "members.html", rows=rows, roles=ROLE_CHOICES)


@org_view(Role.VIEWER)
def profile(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    form = ProfileForm(request.POST or None, request.FILES or None)
    current = org.current_profile()
    if request.method == "POST" and form.is_valid():
        based_on = form.cleaned_data.get("based_on")
        if based_on is not None and based_on != (current.number if current else 0):
            # A newer version was saved since this page was opened: storing this text as the
            # newest version would silently undo that version's changes.
            form.add_error(None, staleness.version_message(current))
        else:
            try:
                version = services.save_profile(
                    org,
                    form.cleaned_data["yaml_text"],
                    note=form.cleaned_data["note"],
                    actor=actor(request),
                )
            except HeguiError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved profile version %(n)s") % {"n": version.number})
                return redirect("register:profile", slug=org.slug)
    if not form.is_bound:
        form = ProfileForm(
            initial={
                "yaml_text": current.yaml_text if current else "",
                "based_on": current.number if current else 0,
            }
        )
    return page(
        request,
        org,
        role,
        "profile.html",
        form=form,
        current=current,
        versions=org.profiles.all(),
        flow_svg=charts.dataflow_svg(org),
    )


@org_view(Role.VIEWER)
def profile_version(
    request: HttpRequest, org: Organisation, role: Role, number: int
) -> HttpResponse:
    """A stored version as YAML (download with ?download=1)."""
    version = get_object_or_404(org.profiles, number=number)
    response = HttpResponse(version.yaml_text, content_type="text/plain; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{org.slug}-v{number}.yaml"'
    return response


@org_view(Role.VIEWER)
def assessments(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    form = AssessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.run_assessment(
                org, as_of=form.cleaned_data["as_of"], actor=actor(request)
            )
        except HeguiError as exc:
            # A bad stored profile is the user's to fix: show where (file, line, field).
            form.add_error(None, str(exc))
        else:
            return redirect("register:assessment", slug=org.slug, pk=done.pk)
    return page(
        request,
        org,
        role,
        "assessments.html",
        form=form,
        rows=org.assessments.all(),
    )


@org_view(Role.VIEWER)
def assessment(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    item = get_object_or_404(Assessment, organisation=org, pk=pk)
    return page(request, org, role, "assessment.html", item=item, findings=item.findings)


@org_view(Role.VIEWER)
def assessment_diff(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    rows = list(org.assessments.all())
    diff = old = new = None
    if "old" in request.GET and "new" in request.GET:
        try:
            old = org.assessments.get(pk=int(request.GET["old"]))
            new = org.assessments.get(pk=int(request.GET["new"]))
        except (ValueError, Assessment.DoesNotExist) as exc:
            raise Http404("no such assessment") from exc
        diff = services.diff_assessments(old, new)
        causes = services.diff_causes(old, new)
        for group in (diff.added, diff.removed, [b for _, b in diff.changed]):
            for f in group:
                f["why"] = causes.get(services.finding_key(f), {})
    return page(request, org, role, "diff.html", rows=rows, diff=diff, old=old, new=new)


@org_view(Role.VIEWER)
def obligations(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    rows = org.obligations.all()
    state = request.GET.get("state")
    if state in Obligation.State.values:
        rows = rows.filter(state=state)
    return page(
        request,
        org,
        role,
        "obligations.html",
        rows=rows,
        states=Obligation.State.choices,
        today=timezone.localdate(),
    )


@org_view(Role.VIEWER)
def obligation(request: HttpRequest, org: Organisation, role: Role, pk: int) -> HttpResponse:
    ob = get_object_or_404(Obligation, organisation=org, pk=pk)
    before = {f: getattr(ob, f) for f in ObligationForm.Meta.fields}
    form = ObligationForm(request.POST or None, instance=ob)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            changes = {
                f: [_plain(before[f]), _plain(getattr(saved, f))]
                for f in before
                if before[f] != getattr(saved, f)
            }
            if changes or form.cleaned_data["note"]:
                ObligationEvent.objects.create(
                    obligation=saved,
                    actor=actor(request),
                    changes=changes,
                    note=form.cleaned_data["note"],
                )
        return redirect("register:obligation", slug=org.slug, pk=ob.pk)
    return page(
        request,
        org,
        role,
        "obligation.html",
        ob=ob,
        form=form,
        evidence_form=EvidenceForm(),
        events=ob.events.all(),
        evidence=ob.evidence.all(),
        filings=ob.filings.all(),
    )


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


@org_view(Role.VIEWER)
def calendar(request: HttpRequest, org: Organisation, role: Role) -> HttpResponse:
    """Every deadline in the register, grouped by month."""
    items = collect_deadlines(org)
    months: dict[str, list] = {}
    for item in items:
        months.setdefault(item.when.strftime("%Y-%m"), []).append(item)
    today = timezone.localdate()
    return page(
        request,
        org,
        role,
        "calendar.html",
        months=months,
        today=today,
        timeline_svg=charts.timeline_svg([d for d in items if d.open], today=today),
    )
