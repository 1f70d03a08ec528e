"""Accounts app: organisation memberships with roles, and API tokens."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hegui.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
