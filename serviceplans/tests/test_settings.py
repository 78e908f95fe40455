"""Settings come from the environment with safe defaults. Each case loads the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = (
    pytest.mark.one_run
)  # each case is a fresh process reading the environment, not the test database

PROJECT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
                  "debug": settings.DEBUG, "language": settings.LANGUAGE_CODE, "tz": settings.TIME_ZONE,
                  "mailer": settings.MAILERS["default"]}))
"""


#: What a council's server would set: no DEBUG, a secret key, PostgreSQL, its host name, behind a proxy.
PRODUCTION = {
    "SECRET_KEY": "a-long-random-key-for-tests-0123456789-abcdefghijklmnop",
    "DATABASE_URL": "postgres://app:secret@db.example:5432/plans",
    "ALLOWED_HOSTS": "plans.millbrook.example",
    "CSRF_TRUSTED_ORIGINS": "https://plans.millbrook.example",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "EMAIL_HOST": "smtp.millbrook.example",
}
# DJANGO_ALLOW_ASYNC_UNSAFE: set by tests/conftest.py for Playwright; a real server never has it.
CLEARED = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "EMAIL_BACKEND",
    "ALLOWED_HOSTS",
    "SECURE_PROXY_SSL_HEADER",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def clean_environment(**environ) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(environ, DJANGO_SETTINGS_MODULE="serviceplans.settings")
    return env


def manage(*args, **environ):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean_environment(**environ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_settings(**environ):
    env = clean_environment(**environ)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_are_a_sqlite_file_in_the_project_folder_and_british_english():
    result = load_settings(DEBUG="true")
    settings = json.loads(result.stdout)

    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == str(PROJECT / "db.sqlite3")
    assert (settings["language"], settings["tz"]) == ("en-gb", "Europe/London")
    assert settings["mailer"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_selects_postgresql():
    result = load_settings(DEBUG="true", DATABASE_URL="postgres://app:secret@db.example:5432/plans")
    settings = json.loads(result.stdout)

    assert settings["engine"] == "django.db.backends.postgresql"
    assert (settings["name"], settings["host"]) == ("plans", "db.example")


def test_secret_key_is_mandatory_when_debug_is_off():
    result = load_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_with_no_debug_and_no_secret_key_manage_py_refuses_to_start():
    """DEBUG is off unless asked for, so a server set up with nothing refuses rather than running with a
    key everyone knows."""
    result = manage("check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_debug_is_off_unless_asked_for():
    assert json.loads(load_settings(SECRET_KEY="k" * 50).stdout)["debug"] is False
    assert json.loads(load_settings(DEBUG="true").stdout)["debug"] is True


def test_production_settings_pass_the_deployment_checklist_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deployment_checklist_without_https_settings_would_warn():
    """The check above is meaningful: turning the redirect off is caught."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="false", **PRODUCTION)

    assert result.returncode != 0
    assert "security.W008" in result.stderr


PRINT_SECURITY = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({name: getattr(settings, name, None) for name in (
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "WHITENOISE_USE_FINDERS", "SECURE_REDIRECT_EXEMPT")}
    | {"conn_max_age": db["CONN_MAX_AGE"], "health_checks": db["CONN_HEALTH_CHECKS"],
       "mailer": settings.MAILERS["default"]["BACKEND"],
       "storage": settings.STORAGES["staticfiles"]["BACKEND"]}))
"""


def security_settings(**environ) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SECURITY],
        cwd=PROJECT,
        env=clean_environment(**environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_is_https_only_with_persistent_checked_connections():
    settings = security_settings(**PRODUCTION)

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$", r"^readyz$"]
    assert settings["WHITENOISE_USE_FINDERS"] is False
    assert settings["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["mailer"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["conn_max_age"], settings["health_checks"]) == (60, True)


def test_https_settings_are_configurable():
    settings = security_settings(
        **PRODUCTION | {"SECURE_HSTS_SECONDS": "3600", "CONN_MAX_AGE": "0", "SECURE_PROXY_SSL_HEADER": ""}
    )

    assert settings["SECURE_HSTS_SECONDS"] == 3600
    assert settings["SECURE_PROXY_SSL_HEADER"] is None
    assert settings["conn_max_age"] == 0


def test_development_keeps_the_laptop_defaults():
    settings = security_settings(DEBUG="true")

    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["WHITENOISE_USE_FINDERS"] is True
    assert settings["mailer"] == "django.core.mail.backends.console.EmailBackend"
    # SQLite keeps its connection too: a new one reads the schema again and starts with an empty page cache.
    assert settings["conn_max_age"] == 60


def test_production_settings_load_with_a_secret_key():
    result = load_settings(DEBUG="false", SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_smtp_is_configured_with_djangos_own_variable_names():
    result = load_settings(
        DEBUG="true",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.millbrook.example",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="performance",
        EMAIL_HOST_PASSWORD="pw",
        EMAIL_USE_TLS="true",
    )
    options = json.loads(result.stdout)["mailer"]["OPTIONS"]

    assert options["host"] == "smtp.millbrook.example"
    assert (options["port"], options["username"], options["use_tls"]) == (587, "performance", True)
