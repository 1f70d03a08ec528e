"""A user's own API tokens: create (the key is shown once) and revoke."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hegui.web.accounts.models import ApiToken
from hegui.web.register.inputs import int_or_none


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List, create and revoke the logged-in user's API tokens."""
    new_key = None
    error = ""
    if request.method == "POST":
        if request.POST.get("revoke"):
            pk = int_or_none(request.POST["revoke"])
            if pk is not None:
                ApiToken.objects.filter(user=request.user, pk=pk).delete()
                return redirect("tokens")
            error = _("Field “revoke”: not a token id.")
        else:
            name = request.POST.get("name", "").strip()[:100] or "token"
            _unused, new_key = ApiToken.issue(request.user, name)
    rows = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "accounts/tokens.html",
        {"rows": rows, "new_key": new_key, "error": error},
        status=400 if error else 200,
    )
