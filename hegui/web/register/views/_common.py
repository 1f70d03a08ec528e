"""Helpers shared by the register views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hegui.web.accounts.models import Role
from hegui.web.register.models import Organisation


def page(
    request: HttpRequest,
    org: Organisation,
    role: Role,
    template: str,
    *,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """Render a register page with the organisation, role and edit rights in the context."""
    context.update(
        org=org,
        role=role,
        can_edit=role.rank >= Role.EDITOR.rank,
        is_admin=role is Role.ADMIN,
        lang=getattr(request, "LANGUAGE_CODE", "en"),
    )
    return render(request, f"register/{template}", context, status=status)


def actor(request: HttpRequest) -> str:
    """The name recorded as 'by' on versions and history lines."""
    return request.user.get_username() if request.user.is_authenticated else "anonymous"
