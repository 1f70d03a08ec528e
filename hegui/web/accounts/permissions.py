"""Role checks used by every register view and API call.

A user who is not a member of an organisation gets 404 (the organisation's existence is not
revealed); a member whose role is too low gets 403. Superusers do not bypass membership: even the
site admin must be made a member to see an organisation's data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from hegui.web.accounts.models import Membership, Role
from hegui.web.register.models import Organisation


def role_in(user: Any, organisation: Organisation) -> Role | None:
    """The user's role in ``organisation``, or None if not a member."""
    if not getattr(user, "is_authenticated", False):
        return None
    row = Membership.objects.filter(user=user, organisation=organisation).first()
    return Role(row.role) if row else None


def check_role(user: Any, slug: str, minimum: Role) -> tuple[Organisation, Role]:
    """Load the organisation ``slug`` for ``user``; raise 404 if not a member, 403 if too low."""
    organisation = get_object_or_404(Organisation, slug=slug)
    role = role_in(user, organisation)
    if role is None:
        raise Http404("no such organisation")
    if role.rank < minimum.rank:
        raise PermissionDenied(f"needs the {minimum.value} role")
    return organisation, role


def org_view(minimum: Role) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view taking ``slug``: log-in required, then the role check.

    The view is called as ``view(request, org, role, **kwargs)``. Unsafe methods (POST) need at
    least the editor role even when reading needs only viewer.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
            needed = minimum
            if request.method not in ("GET", "HEAD") and needed.rank < Role.EDITOR.rank:
                needed = Role.EDITOR
            org, role = check_role(request.user, slug, needed)
            return view(request, org, role, **kwargs)

        return wrapper

    return decorator


def organisations_for(user: Any) -> list[tuple[Organisation, Role]]:
    """Every organisation the user is a member of, with the role."""
    rows = Membership.objects.filter(user=user).select_related("organisation")
    return [(m.organisation, Role(m.role)) for m in rows.order_by("organisation__name")]
