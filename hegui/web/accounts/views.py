"""A user's own API tokens: create (the key is shown once) and revoke."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hegui.web.accounts.models import ApiToken


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List, create and revoke the logged-in user's API tokens."""
    new_key = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            ApiToken.objects.filter(user=request.user, pk=request.POST["revoke"]).delete()
            return redirect("tokens")
        name = request.POST.get("name", "").strip()[:100] or "token"
        _, new_key = ApiToken.issue(request.user, name)
    rows = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/tokens.html", {"rows": rows, "new_key": new_key})
