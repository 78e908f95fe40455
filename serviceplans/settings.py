"""Settings for the service-plan system.

Everything that differs between a laptop, CI and a council's server comes from environment variables. The
defaults are a council's server's (DEBUG off, HTTPS only, a secret key required); ``DEBUG=true`` gives a
laptop's (``make run`` sets it; the test suite loads ``serviceplans.settings_test``, which does too):

- ``DEBUG``: off unless ``DEBUG=true`` (which ``make run`` and the test suite set).
- ``SECRET_KEY``: required when ``DEBUG`` is off: the service refuses to start without one.
- ``DATABASE_URL``: e.g. ``postgres://app:app@127.0.0.1:5432/app``; unset means a SQLite file ``db.sqlite3``
  in the project folder.
- ``ALLOWED_HOSTS``, ``CSRF_TRUSTED_ORIGINS``: comma-separated.
- ``COUNCIL_NAME``: the council's name shown in the header and on papers.
- ``EMAIL_BACKEND``, ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``, ``DEFAULT_FROM_EMAIL``: Django's own names (the console with DEBUG on, SMTP off).
- Behind HTTPS (DEBUG off): ``SECURE_SSL_REDIRECT`` (true), ``SECURE_HSTS_SECONDS`` (one year),
  ``SECURE_HSTS_INCLUDE_SUBDOMAINS`` (true), ``SECURE_HSTS_PRELOAD`` (true), ``SECURE_PROXY_SSL_HEADER``
  (e.g. ``HTTP_X_FORWARDED_PROTO,https``: only when the proxy in front sets that header itself).
- ``CONN_MAX_AGE``: seconds a database connection is kept between requests (60).
- ``LOG_LEVEL`` (INFO), ``LOG_FORMAT`` (``json`` lines, or ``text``), ``SENTRY_DSN`` (optional).
- ``TASKS_BACKEND``: where background work is queued (the database, run by ``db_worker``).
- ``REPORT_RENDERS_PER_USER``: background PDFs one person may have waiting or running at once (3).
- ``SITE_URL``: the address people reach the service at, for links in reminder e-mails.
- ``IMPORT_MAX_BYTES``, ``IMPORT_MAX_ROWS``: limits on uploaded plan workbooks (10 MB, 20,000 rows).
- ``EXPORT_BACKGROUND_ROWS``: a list's Excel download with more rows is made by the worker (10,000).
- ``PRIVATE_STORAGE_*``, ``CONN_MAX_AGE``, ``DATABASE_POOL*``, ``DATABASE_PREPARED_STATEMENTS``: see "Several
  servers, one service" below.
- ``SIGN_IN_FAILURE_LIMIT``, ``SIGN_IN_LOCKOUT_MINUTES``, ``TRUSTED_PROXY_COUNT``, ``PASSWORD_RESET_PER_ADDRESS``,
  ``PASSWORD_RESET_PER_EMAIL``, ``SESSION_IDLE_MINUTES``: sign-in protection (see its block at the end).
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Safe by default: DEBUG is on only when asked for, and then only on a developer's machine.
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set the SECRET_KEY environment variable to a long "
            "random value, e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(or set DEBUG=true on a development machine)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

COUNCIL_NAME = env.str("COUNCIL_NAME", default="Borough of Millbrook Council")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_tables2",
    "simple_history",
    "django_tasks_db",
    "serviceplans",
    "plans",
    "actions",
    "indicators",
    "reporting",
    "risks",  # the risk register (issue 17): above actions and indicators, beside reporting
    # Issue 16: the JSON API and its tokens, and the public open-data pages (top of the dependency order).
    "ninja",  # django-ninja: serves its own Swagger UI files from static, no CDN
    "api",
    "opendata",
    "demo",  # the demo council's data and `load_demo` (top of the layers: nothing imports it)
]

MIDDLEWARE = [
    "serviceplans.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "serviceplans.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "plans.context_processors.council",
            ],
        },
    },
]

# Forms render with the project's templates (templates/govuk/…), so every form looks and behaves the same.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "serviceplans.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite set up for a web server with many threads: a transaction takes the write lock when it starts
    # (IMMEDIATE), so two saves at the same moment queue instead of failing with "database is locked" half
    # way through; a writer waits up to SQLITE_BUSY_SECONDS for the lock; WAL lets readers carry on while
    # someone writes. The test database is a file too (in-memory ones cannot be shared between the live
    # server's threads), so the suite's concurrency tests run on the same set-up as `make run`.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_SECONDS", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # One file per test run, so two runs at once (or two clones) never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"serviceplans-test-{os.getpid()}.sqlite3")
    }
# Keep connections open between requests, checked before reuse so a restarted database server costs one
# failed check, not a failed request. A new PostgreSQL connection costs about 5 ms; a new SQLite one reads
# the schema again and starts with an empty page cache, so every page read comes from the file again (2-9 ms
# a page measured on the demo council, more the bigger the council). Each thread keeps its own connection.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# In development and tests WhiteNoise serves straight from the apps' and project's static folders; in
# production only what collectstatic gathered into STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
# Source maps are for a developer's browser tools, not for users: collectstatic copies them but does not
# compress them (brotli on Swagger UI's 2 MB map took most of a `make serve` start-up's collectstatic).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# E-mail is configured with Django's familiar EMAIL_* variable names, turned into Django 6.1's MAILERS
# (the EMAIL_* settings themselves are deprecated there). The console with DEBUG on (nothing leaves the
# machine), SMTP otherwise.
EMAIL_BACKEND_PATH = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": {}}}
if EMAIL_BACKEND_PATH == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env.str("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "username": env.str("EMAIL_HOST_USER", default=""),
        "password": env.str("EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("EMAIL_USE_TLS", default=False),
        "use_ssl": env.bool("EMAIL_USE_SSL", default=False),
        "timeout": env.int("EMAIL_TIMEOUT", default=30),
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="performance@localhost")

# HTTPS. In production (DEBUG off) every page is served over HTTPS only: plain HTTP is redirected (except
# the health checks, which load balancers call over HTTP), browsers are told to insist on HTTPS (HSTS) and
# cookies are sent over HTTPS only. Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER names the header
# it sets, e.g. HTTP_X_FORWARDED_PROTO,https; set it only when the proxy always sets or strips that header.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    # The service has a host name of its own (plans.council.gov.uk), so these cover only its own
    # subdomains; "preload" does nothing until the domain's owner submits it to the browsers' list.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
_proxy_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a header and a value, e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_header)

# Content-Security-Policy (Django's own): only this site's scripts, styles, images and fonts; inline scripts
# only with the page's nonce ({{ csp_nonce }}); no inline styles; no frames, plugins or foreign forms.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Pages for errors in the service's own layout (templates/400.html … 500.html, 403_csrf.html).
CSRF_FAILURE_VIEW = "serviceplans.errors.csrf_failure"

DJANGO_TABLES2_TEMPLATE = "django_tables2/govuk.html"

# Background work (big PDFs) through Django's tasks framework, queued in the database and run by
# `python manage.py db_worker` (make run starts one). TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend
# runs tasks at once inside the request instead, with no worker.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# How many background PDFs one person may have queued or running at once (repeated requests for the same
# report join the render already under way and do not count twice).
REPORT_RENDERS_PER_USER = env.int("REPORT_RENDERS_PER_USER", default=3)

# Where the service is reached, for links in e-mails sent outside a request (reminders from cron).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Limits on uploaded plan workbooks: bigger files are refused with a clear message, never half-read.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)

# A list's Excel download of more rows than this is made by the background worker while a page shows its
# progress, then offered to whoever asked for it (serviceplans/downloads.py); up to it, it streams at once.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=10_000)

# --- Several servers, one service (issue 13) -------------------------------------------------------------
# Nothing a later request needs is kept on one server's disk: uploaded workbooks waiting between preview and
# confirm, and rendered PDFs, go through Django's storage API under the name "private" (never served
# publicly: the views check who may read each file). By default a folder, PRIVATE_STORAGE_DIR (``private/``
# in the project): fine for one server, or several sharing one network folder. With PRIVATE_STORAGE_BUCKET
# set, an S3-compatible bucket through django-storages (``pip install -e '.[s3]'``), configured by
# PRIVATE_STORAGE_ENDPOINT_URL (for MinIO, Ceph, …; blank for AWS), PRIVATE_STORAGE_REGION,
# PRIVATE_STORAGE_PREFIX (a folder in the bucket) and the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
# (or an instance role). See docs/deploy.md.
PRIVATE_STORAGE_BUCKET = env.str("PRIVATE_STORAGE_BUCKET", default="")
if PRIVATE_STORAGE_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_STORAGE_BUCKET,
            "endpoint_url": env.str("PRIVATE_STORAGE_ENDPOINT_URL", default="") or None,
            "region_name": env.str("PRIVATE_STORAGE_REGION", default="") or None,
            "location": env.str("PRIVATE_STORAGE_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.str("PRIVATE_STORAGE_DIR", default=str(BASE_DIR / "private")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
# Rendered PDFs of draft reports are kept this many days, then deleted (published papers are kept).
RENDER_MAX_AGE_DAYS = env.int("RENDER_MAX_AGE_DAYS", default=7)

# PostgreSQL connections. Default: persistent connections (CONN_MAX_AGE seconds, 60) with a health check
# before reuse, so a request does not pay ~5 ms to connect and a connection dropped by a database restart
# or failover is replaced rather than failing a request. That suits gunicorn's sync workers and the task
# worker (one request at a time per process, so one connection each) and works behind PgBouncer.
# DATABASE_POOL=true uses psycopg's connection pool instead (for threaded workers, gthread); Django refuses
# the pool together with CONN_MAX_AGE, so the two are exclusive here. DATABASE_POOL_MAX_SIZE caps it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if env.bool("DATABASE_POOL", default=False):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # the pool checks its own connections
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=8),
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements (DATABASE_PREPARED_STATEMENTS, default true): queries are sent with their
    # parameters apart (server-side binding), and one a connection has run 5 times is kept planned by
    # PostgreSQL, so a page's dozen queries are not parsed and planned again on every request (about a
    # sixth of a page's time at 10x; see docs/deploy.md). Set it false behind a pooler that cannot keep them
    # (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
# --- end of "Several servers, one service" ----------------------------------------------------------------

# Issue 16: the public open-data pages at /open/ (published periods only). Off unless switched on.
OPEN_DATA_ENABLED = env.bool("OPEN_DATA_ENABLED", default=False)

# Logs: one JSON object a line on standard output (LOG_FORMAT=text for plain lines), each with the request
# id, user id and outcome where there is a request. See serviceplans/logs.py.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "serviceplans.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "serviceplans.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            "formatter": "text" if env.str("LOG_FORMAT", default="json") == "text" else "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Each request is logged once by serviceplans.request; Django's own 4xx/5xx lines would repeat it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # WeasyPrint reports every CSS property it does not know; only its errors are worth a line.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# -- Sign-in protection (issue 11, finding 8) ------------------------------------------------------------------
# django-axes locks out a username, and an address, after repeated wrong passwords (the sign-in page and the
# admin sign-in alike); password reset requests are limited; idle sessions end. The rules and the lock-out
# page are in serviceplans/security.py. Environment variables:
# - SIGN_IN_FAILURE_LIMIT (5): failed sign-ins for one username, or from one address, before the lock-out.
# - SIGN_IN_LOCKOUT_MINUTES (15): how long the lock-out lasts after the last failure.
# - TRUSTED_PROXY_COUNT (0): reverse proxies in front of the service that add X-Forwarded-For; 0 means
#   the connection's own address is used (X-Forwarded-For is ignored, since anyone can send it).
# - PASSWORD_RESET_PER_ADDRESS (5), PASSWORD_RESET_PER_EMAIL (3): reset requests allowed an hour.
# - SESSION_IDLE_MINUTES (480, 8 hours): a session not used for this long ends; using it renews it (at most
#   every SESSION_RENEW_SECONDS, so reading pages does not write the session to the database each time).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    "serviceplans.security.SessionIdleMiddleware",  # renews a session's expiry as it is used
    "axes.middleware.AxesMiddleware",  # last, as axes asks: it turns a lock-out into its page
]
AUTHENTICATION_BACKENDS = [
    "serviceplans.security.SignInGuardBackend",  # axes' check, before any password is looked at
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the username, or the address
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time on the lock-out page stays true
AXES_LOCKOUT_CALLABLE = "serviceplans.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "serviceplans.security.client_address"
AXES_VERBOSE = False  # serviceplans.security logs each failure and lock-out itself
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=5)
PASSWORD_RESET_PER_EMAIL = env.int("PASSWORD_RESET_PER_EMAIL", default=3)
PASSWORD_RESET_WINDOW_MINUTES = 60
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=8 * 60) * 60
SESSION_RENEW_SECONDS = 5 * 60
# Optional error reporting: set SENTRY_DSN (and install sentry-sdk) to send errors to Sentry or GlitchTip.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed (pip install sentry-sdk)."
        ) from error
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0)
