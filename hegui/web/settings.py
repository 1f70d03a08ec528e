"""Django settings for the hegui compliance register.

Everything that differs between installs comes from the environment, so the same module serves
``hegui serve``, the tests and a production deployment:

- ``HEGUI_HOME``: data directory (SQLite file, secret key); default ``~/.local/share/hegui``.
- ``DATABASE_URL``: any database dj-database-url understands; default SQLite in ``HEGUI_HOME``.
- ``HEGUI_SECRET_KEY``: overrides the secret key generated once into ``HEGUI_HOME/secret_key``.
- ``HEGUI_DEBUG=1``: Django debug mode (never in production).
- ``HEGUI_ALLOWED_HOSTS``: comma-separated host names; default localhost only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
HEGUI_HOME = Path(os.environ.get("HEGUI_HOME", Path.home() / ".local" / "share" / "hegui"))


def _secret_key() -> str:
    env = os.environ.get("HEGUI_SECRET_KEY")
    if env:
        return env
    path = HEGUI_HOME / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    # First run: generate a key and keep it private to this user.
    HEGUI_HOME.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("HEGUI_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("HEGUI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "hegui.web.accounts",
    "hegui.web.register",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hegui.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hegui.web.middleware.AuditActorMiddleware",
    "hegui.web.middleware.WriteTransactionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hegui.web.urls"
WSGI_APPLICATION = "hegui.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HEGUI_HOME / 'register.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue for the write lock (up to 20 s) instead of failing with "database
    # is locked"; IMMEDIATE takes that lock when a transaction starts, so a transaction that read
    # first cannot fail to upgrade to writing (SQLite reports that at once, without waiting).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Password guessing: after this many failures in a row a user name is refused for a while.
LOGIN_MAX_FAILURES = int(os.environ.get("HEGUI_LOGIN_MAX_FAILURES", 10))
LOGIN_LOCKOUT_SECONDS = 15 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Security: cookies are HttpOnly and SameSite; the CSP and other headers come from the middleware.
# Behind TLS set HEGUI_SECURE_COOKIES=1 (cookies only over HTTPS, plus HSTS).
_SECURE = os.environ.get("HEGUI_SECURE_COOKIES") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _SECURE
SECURE_HSTS_SECONDS = 31536000 if _SECURE else 0
SESSION_COOKIE_AGE = 8 * 3600  # a working day; log in again after that
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# Evidence uploads: bounded size, a short list of content types checked against the bytes.
EVIDENCE_MAX_BYTES = int(os.environ.get("HEGUI_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
SCAN_MAX_BYTES = int(os.environ.get("HEGUI_SCAN_MAX_BYTES", 5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
