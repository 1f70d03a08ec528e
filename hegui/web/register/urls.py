"""Register page routes, all under /o/<slug>/."""

from __future__ import annotations

from django.urls import path

from hegui.web.register.views import exposure, ops, pages, records

app_name = "register"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("members/", pages.members, name="members"),
    path("profile/", pages.profile, name="profile"),
    path("profile/v<int:number>.yaml", pages.profile_version, name="profile_version"),
    path("assessments/", pages.assessments, name="assessments"),
    path("assessments/<int:pk>/", pages.assessment, name="assessment"),
    path("assessments/diff/", pages.assessment_diff, name="diff"),
    path("obligations/", pages.obligations, name="obligations"),
    path("obligations/<int:pk>/", pages.obligation, name="obligation"),
    path("calendar/", pages.calendar, name="calendar"),
    path("filings/", ops.filings, name="filings"),
    path("filings/new/", ops.filing, name="filing_new"),
    path("filings/<int:pk>/", ops.filing, name="filing"),
    path("incidents/", ops.incidents, name="incidents"),
    path("incidents/new/", ops.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", ops.incident, name="incident"),
    path("incidents/<int:pk>/clocks/", ops.clock_add, name="clock_add"),
    path(
        "incidents/<int:pk>/clocks/<int:clock>/reported/", ops.clock_reported, name="clock_reported"
    ),
    path("requests/", ops.requests_queue, name="requests"),
    path("requests/new/", ops.subject_request, name="request_new"),
    path("requests/<int:pk>/", ops.subject_request, name="request"),
    path("evidence/<str:target>/<int:pk>/", records.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/download/", records.evidence_download, name="evidence"),
    path("scans/", records.scans, name="scans"),
    path("scans/<int:pk>/", records.scan, name="scan"),
    path("pi-audits/", records.pi_audits, name="pi_audits"),
    path("pi-audits/<int:pk>/", records.pi_audit, name="pi_audit"),
    path("audit-log/", records.audit_log, name="audit_log"),
    path("developments/", records.developments, name="developments"),
    path("penalties/", exposure.penalties, name="penalties"),
]
