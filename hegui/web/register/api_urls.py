"""JSON API routes; /api/schema describes exactly these (a test checks both ways)."""

from __future__ import annotations

from django.urls import path

from hegui.web.register import api, api_records
from hegui.web.register.openapi import schema_view

app_name = "api"

urlpatterns = [
    path("schema", schema_view, name="schema"),
    path("orgs", api.orgs, name="orgs"),
    path("orgs/<slug:slug>/profile", api.profile, name="profile"),
    path("orgs/<slug:slug>/assessments", api.assessments, name="assessments"),
    path("orgs/<slug:slug>/assessments/<int:pk>", api.assessment, name="assessment"),
    path("orgs/<slug:slug>/deadlines", api.deadlines, name="deadlines"),
    path("orgs/<slug:slug>/scans", api_records.scans, name="scans"),
    path("orgs/<slug:slug>/pi-audits", api_records.pi_audits, name="pi_audits"),
    path(
        "orgs/<slug:slug>/incidents/<int:pk>/clocks/<int:clock>/sent",
        api_records.clock_sent,
        name="clock_sent",
    ),
]
for _name in api.RESOURCES:
    urlpatterns += [
        path(f"orgs/<slug:slug>/{_name}", api.collection(_name), name=_name),
        path(f"orgs/<slug:slug>/{_name}/<int:pk>", api.item(_name), name=f"{_name}_item"),
    ]
