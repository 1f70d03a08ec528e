"""Register app: organisations, profiles, assessments, obligations, filings, incidents..."""

from __future__ import annotations

from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "hegui.web.register"
    label = "register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the audit-log signal handlers once the models are loaded.
        from hegui.web.register import audit

        audit.connect()
