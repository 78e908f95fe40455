"""Settings come from the environment with safe defaults. Each case loads the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

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


def load_settings(**environ):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "EMAIL_BACKEND"}
    }
    env.update(environ, DJANGO_SETTINGS_MODULE="serviceplans.settings")
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_are_a_sqlite_file_in_the_project_folder_and_british_english():
    result = load_settings()
    settings = json.loads(result.stdout)

    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == str(PROJECT / "db.sqlite3")
    assert (settings["language"], settings["tz"]) == ("en-gb", "Europe/London")
    assert settings["mailer"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://app:secret@db.example:5432/plans")
    settings = json.loads(result.stdout)

    assert settings["engine"] == "django.db.backends.postgresql"
    assert (settings["name"], settings["host"]) == ("plans", "db.example")


def test_secret_key_is_mandatory_when_debug_is_off():
    result = load_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_load_with_a_secret_key():
    result = load_settings(DEBUG="false", SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_smtp_is_configured_with_djangos_own_variable_names():
    result = load_settings(
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
