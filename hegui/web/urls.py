"""Root URL configuration of the hegui register."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve

from hegui.web.accounts.forms import ThrottledAuthenticationForm
from hegui.web.accounts.views import tokens
from hegui.web.register.views import pages
from hegui.web.settings import BASE_DIR

urlpatterns = [
    path("", pages.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", tokens, name="tokens"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("o/<slug:slug>/", include("hegui.web.register.urls")),
    path("api/", include("hegui.web.register.api_urls")),
    # The register serves its own few static files (CSS, the clock script), also when DEBUG is off:
    # it runs on localhost without a separate web server.
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": BASE_DIR / "static"}),
]
