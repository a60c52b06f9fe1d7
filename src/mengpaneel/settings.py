"""Mengpaneel settings: one module, driven by environment variables.

Every variable is documented in README.md ("Configuration"). Defaults suit a
laptop (SQLite, console e-mail); with DEBUG off the production variables are
required and ``manage.py check --deploy`` is clean.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from mengpaneel.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(env_str("MENGPANEEL_DATA_DIR") or PROJECT_DIR / "var")
NODE_MODULES = Path(env_str("MENGPANEEL_NODE_MODULES") or PROJECT_DIR / "node_modules")

DEBUG = env_bool("DEBUG", default=True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Local use only: a random key kept beside the database, so sessions survive restarts.
    key_file = DATA_DIR / "secret-key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if not DEBUG and not env_list("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "mengpaneel.ratelimit",
    "mengpaneel.core",
    "mengpaneel.accounts",
    "mengpaneel.organisations",
    "mengpaneel.workshops",
    "mengpaneel.agenda",
    "mengpaneel.panel",
    "mengpaneel.live",
    "mengpaneel.insights",
    "mengpaneel.reports",
    "mengpaneel.orgchart",
    "mengpaneel.competences",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mengpaneel.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Logs out a session idle for longer than SESSION_IDLE_MINUTES.
    "mengpaneel.accounts.middleware.IdleSessionMiddleware",
    # Cache-Control: private, no-store on every response meant for one person.
    "mengpaneel.caching.PrivateResponsesMiddleware",
    # A disk that takes no writes: the maintenance page (503), not a 500.
    "mengpaneel.core.errors.MaintenanceMiddleware",
    # Turns a reached rate limit (ratelimit.Limited) into the 429 page.
    "mengpaneel.ratelimit.middleware.RateLimitMiddleware",
]

ROOT_URLCONF = "mengpaneel.urls"
WSGI_APPLICATION = "mengpaneel.wsgi.application"
ASGI_APPLICATION = "mengpaneel.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # People's text in the app's sentences: {{ name|bdi }}, {{ name|isolate }}.
            "builtins": ["mengpaneel.text_filters"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
# Every SQLite database, the default file or one named in DATABASE_URL, gets our backend
# (core/sqlite) and these options.
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock when a transaction starts, so two
    # writers queue instead of failing with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;",
}
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["ENGINE"] = "mengpaneel.core.sqlite"
        DATABASES["default"]["OPTIONS"] = {
            **SQLITE_OPTIONS,
            **DATABASES["default"].get("OPTIONS", {}),
        }
        DATABASES["default"].setdefault("TEST", {"NAME": ":memory:"})
    DB_POOL_SIZE = env_int("MENGPANEEL_DB_POOL_SIZE", 10)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_SIZE > 0:
        # Under ASGI every request runs its synchronous code in a thread of its own, so a
        # persistent connection (CONN_MAX_AGE) is never reused: each request would open
        # one. A pool per process hands them out instead (docs/decisions.md).
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            "timeout": 10,
        }
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, reusing connections across requests (its docstring).
            "ENGINE": "mengpaneel.core.sqlite",
            "NAME": str(DATA_DIR / "mengpaneel.sqlite3"),
            # Said outright: pytest-django only knows Django's own engine name for SQLite.
            "TEST": {"NAME": ":memory:"},
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")

# --- Cache: rate-limit counters, shared by every app process ---------------------
# Redis when there is one; else a table in the database, which every process (and
# every machine, on PostgreSQL) sees. docs/decisions.md, "Rate limits".
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mengpaneel",
            # A Redis that does not answer costs a request one second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "mengpaneel.ratelimit.cache.DatabaseCache",
            "LOCATION": "mengpaneel_cache",
            # Counters must not be culled while they count; `mengpaneel cleanup` deletes
            # expired rows, and the cache itself culls only past this many.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    }

# --- Accounts --------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses an attempt past a login limit before any password is compared.
    "mengpaneel.accounts.backends.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env_int("MENGPANEEL_INVITATION_DAYS", 14)
DEMO_PASSWORD = env_str("MENGPANEEL_DEMO_PASSWORD")

# Failed logins per hour before logging in pauses (accounts/limits.py).
LOGIN_FAILURES_PER_ADDRESS_AND_IP = env_int("MENGPANEEL_LOGIN_ATTEMPTS", 5)
LOGIN_FAILURES_PER_IP = env_int("MENGPANEEL_LOGIN_ATTEMPTS_PER_IP", 30)
LOGIN_FAILURES_PER_ADDRESS = env_int("MENGPANEEL_LOGIN_ATTEMPTS_PER_ACCOUNT", 20)
# E-mails per hour: password resets per recipient and per asking network.
RESET_MAILS_PER_ADDRESS = 3
RESET_MAILS_PER_IP = 20

# --- E-mail ------------------------------------------------------------------
_email_host = env_str("EMAIL_HOST")
if _email_host:
    _email_port = env_int("EMAIL_PORT", 587)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _email_port,
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=_email_port == 587),
                "use_ssl": env_bool("EMAIL_USE_SSL", default=_email_port == 465),
                "timeout": 20,
            },
        }
    }
else:
    # Locally, e-mail (invitations, password resets) is printed to the console.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mengpaneel <noreply@mengpaneel.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ---------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files: everything served by the app, never from a CDN --------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or DATA_DIR / "static")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nlds/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("nlds/voorbeeld", NODE_MODULES / "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
# Uploads are never served from a public URL: each goes out through a view that checks
# access (mengpaneel.uploads). A file over the limit is refused while it arrives.
MAX_UPLOAD_BYTES = env_int("MENGPANEEL_MAX_UPLOAD_MB", 10) * 1_000_000
FILE_UPLOAD_HANDLERS = [
    "mengpaneel.uploads.handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600

# --- Security --------------------------------------------------------------------
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Behind a reverse proxy: trust its X-Forwarded-Proto, and take the client's address from
# the last X-Forwarded-For entry, the one the proxy added (ratelimit/clients.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session without a request for this long is logged out (0: never); accounts/middleware.py.
SESSION_IDLE_MINUTES = env_int("MENGPANEEL_SESSION_IDLE_MINUTES", 120)
CSRF_FAILURE_VIEW = "mengpaneel.core.errors.csrf_failure"
# The health check answers over plain HTTP on loopback too (the proxy's own check).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Logging: never write a secret token into a log ----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "mengpaneel.redaction.RedactTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
