"""Middleware: security headers and the audit actor of the current request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from hegui.web.register.audit import actor_context, lock_chain

# Methods that may change the register; GET and HEAD never take the write lock.
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and a Permissions-Policy to every response.

    X-Frame-Options, nosniff, Referrer-Policy and COOP come from Django's own settings; CSP is not
    built into Django 5.2, so it is set here from ``settings.CONTENT_SECURITY_POLICY``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class AuditActorMiddleware:
    """Makes the request's user the actor of every audit entry written during the request.

    The user is read when each entry is written, not when the request starts: logging in
    changes it, and the login's own write (``last_login``) belongs to the user who logged in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def actor() -> str:
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                return "web:anonymous"
            return f"web:{user.get_username()}"

        with actor_context(actor):
            return self.get_response(request)


class WriteTransactionMiddleware:
    """Runs every request that may write (POST, PUT, PATCH, DELETE) in one database transaction.

    A change, its audit entry and its history line then commit together or not at all. Django
    turns a view's exception into a 500 response before it reaches this middleware, so the
    transaction is rolled back on any error response (4xx or 5xx): a refused or failed request
    changes nothing. The audit chain's lock is taken first (PostgreSQL; on SQLite the
    ``IMMEDIATE`` transaction already is the write lock), so writers queue in one order and
    cannot deadlock on it. Reads run in autocommit and never wait for writers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in _SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            lock_chain()
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response
