"""One settings module, driven by the environment (12-factor).

`DATABASE_URL` picks the database (default: embedded SQLite under `var/`),
`SECRET_KEY` and `DEBUG` come from the environment. Running with DEBUG off and no
SECRET_KEY is refused, so production can never run on the development key.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(os.environ.get("VANORT_BASE_DIR", Path(__file__).resolve().parents[3]))
VAR_DIR = Path(os.environ.get("VANORT_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
# Local mode (demo accounts, the development key): read here, once; code asks settings.VANORT_LOCAL.
VANORT_LOCAL = _env_bool("VANORT_LOCAL", False)
_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
# Keys published in this code, in Django's templates or in tutorials: never a production secret.
_KNOWN_SECRETS = {_DEV_SECRET, "changeme", "change-me", "secret", "secret-key", "your-secret-key", "insecure"}
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and not VANORT_LOCAL:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, or DEBUG=1 / VANORT_LOCAL=1 for a local run."
        )
    if SECRET_KEY.strip().lower() in _KNOWN_SECRETS or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY is a published default key. Generate a secret one for production.")
SECRET_KEY = SECRET_KEY or _DEV_SECRET

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "vanort.core",
    "vanort.accounts",
    "vanort.audit",
    "vanort.registry",
    "vanort.motions",
    "vanort.legal",
    "vanort.documents",
    "vanort.cooperation",
    "vanort.search",
    "vanort.web",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.forms",  # Django's widget templates, after ours (web/templates/django/forms overrides select)
]

# Background jobs (document OCR): django-tasks with its database backend, so the embedded
# SQLite and PostgreSQL both work without another service; `make run` starts the worker
# (`python manage.py db_worker`). Tests run tasks immediately (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vanort.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "vanort.api.language.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vanort.web.middleware.RejectNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Widgets render with the project's template engine, so web/templates can override a widget
# template (the select, see web/templates/django/forms/widgets/select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "vanort.config.urls"
WSGI_APPLICATION = "vanort.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vanort.web.context.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'vanort.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout: readers never block the single writer, and a second writer
    # waits instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short interactive queries: JIT compilation costs more than it saves (and spikes p95).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Parameters sent apart from the SQL (no quoting in Python) and statements run often are
    # prepared once per connection: about 10 % less CPU per request in the load test.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords an account, and
# separately an address, is locked for the cool-off time — the web login and the admin login.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("VANORT_LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("VANORT_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/accounts/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English")), ("uk", _("Українська"))]
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]  # src/vanort/locale, shipped in the package
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; kept default
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and _env_bool("VANORT_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health check may speak plain HTTP

# The municipality whose start page `/` shows (SCB code).
VANORT_HOME_MUNICIPALITY = os.environ.get("VANORT_HOME_MUNICIPALITY", "0126")
VANORT_PAGE_SIZE = 25
# Cooperation notices by e-mail: the console locally, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vanort@localhost")
# Open data (/data/): the licence of the register's facts and the source statement shown with them.
VANORT_OPEN_DATA_LICENCE = os.environ.get("VANORT_OPEN_DATA_LICENCE", "CC0 1.0")
VANORT_OPEN_DATA_LICENCE_URL = os.environ.get(
    "VANORT_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/publicdomain/zero/1.0/"
)
VANORT_OPEN_DATA_SOURCE = os.environ.get("VANORT_OPEN_DATA_SOURCE", "")
# Where people report accessibility problems and ask about their personal data (footer, statements).
VANORT_CONTACT_EMAIL = os.environ.get("VANORT_CONTACT_EMAIL", "")
VANORT_MAX_UPLOAD_BYTES = int(os.environ.get("VANORT_MAX_UPLOAD_BYTES", 20_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = VANORT_MAX_UPLOAD_BYTES + 1_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = VANORT_MAX_UPLOAD_BYTES + 1_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
