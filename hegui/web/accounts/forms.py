"""Login form with a per-user-name throttle against password guessing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _key(username: str) -> str:
    return f"hegui-login-failures:{username.strip().lower()[:150]}"


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses a user name for a while after too many failed passwords in a row."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if cache.get(_key(username), 0) >= settings.LOGIN_MAX_FAILURES:
            raise ValidationError(
                _("Too many failed attempts for this user; try again later."), code="throttled"
            )
        try:
            data = super().clean()
        except ValidationError:
            failures = cache.get(_key(username), 0) + 1
            cache.set(_key(username), failures, settings.LOGIN_LOCKOUT_SECONDS)
            raise
        cache.delete(_key(username))
        return data
