"""Settings for several servers (issue 13): the private storage and PostgreSQL connections come from the
environment. Each case loads the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

# Settings read in fresh processes (and, on PostgreSQL, the server the suite runs on): run once by make test.
pytestmark = pytest.mark.one_run

PROJECT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({"private": settings.STORAGES["private"], "conn_max_age": db.get("CONN_MAX_AGE"),
                  "health_checks": db.get("CONN_HEALTH_CHECKS"), "options": db.get("OPTIONS", {})}))
"""
QUERY_THROUGH_THE_POOL = """
import django
django.setup()
from django.db import connection
print(connection.cursor().execute("SELECT 40 + 2").fetchone()[0], type(connection.pool).__name__)
"""
OURS = {
    "DATABASE_URL",
    "PRIVATE_STORAGE_DIR",
    "PRIVATE_STORAGE_BUCKET",
    "DATABASE_POOL",
    "CONN_MAX_AGE",
    "DATABASE_PREPARED_STATEMENTS",
}
PREPARED_ON_A_REAL_SERVER = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    for _ in range(6):  # prepared from the fifth time a connection runs it
        cursor.execute("SELECT %s::int + 2", [40])
    answer = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM pg_prepared_statements")
    print(answer, cursor.fetchone()[0])
"""


def run(code: str, **environ) -> str:
    env = {k: v for k, v in os.environ.items() if k not in OURS}
    env |= {"DEBUG": "true", "SECRET_KEY": "test-only", "DJANGO_SETTINGS_MODULE": "serviceplans.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env | environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def load_settings(**environ) -> dict:
    return json.loads(run(PRINT_SETTINGS, **environ))


def test_the_private_storage_is_a_private_folder_by_default():
    private = load_settings()["private"]
    assert private["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert private["OPTIONS"]["location"] == str(PROJECT / "private")
    assert private["OPTIONS"]["base_url"] is None  # no web address: files are only sent by the views
    assert (
        private["OPTIONS"]["file_permissions_mode"],
        private["OPTIONS"]["directory_permissions_mode"],
    ) == (
        0o600,
        0o700,
    )
    assert load_settings(PRIVATE_STORAGE_DIR="/srv/shared/plans")["private"]["OPTIONS"]["location"] == (
        "/srv/shared/plans"
    )


def test_a_bucket_puts_the_private_storage_in_s3():
    private = load_settings(
        PRIVATE_STORAGE_BUCKET="council-plans",
        PRIVATE_STORAGE_ENDPOINT_URL="https://s3.council.example",
        PRIVATE_STORAGE_PREFIX="serviceplans",
    )["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["OPTIONS"] | {"region_name": None} == {
        "bucket_name": "council-plans",
        "endpoint_url": "https://s3.council.example",
        "region_name": None,
        "location": "serviceplans",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_postgresql_keeps_connections_and_checks_them_before_reuse():
    settings = load_settings(DATABASE_URL="postgres://app:secret@db.example:5432/plans")
    assert (settings["conn_max_age"], settings["health_checks"]) == (60, True)
    assert "pool" not in settings["options"]
    assert (
        load_settings(DATABASE_URL="postgres://app@db.example/plans", CONN_MAX_AGE="300")["conn_max_age"]
        == 300
    )


def test_database_pool_uses_psycopgs_pool_instead():
    settings = load_settings(DATABASE_URL="postgres://app@db.example/plans", DATABASE_POOL="true")
    assert settings["conn_max_age"] == 0  # Django refuses a pool with persistent connections
    assert settings["options"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}


def test_postgresql_queries_are_bound_on_the_server_and_repeated_ones_kept_prepared():
    settings = load_settings(DATABASE_URL="postgres://app@db.example/plans")
    assert (settings["options"]["server_side_binding"], settings["options"]["prepare_threshold"]) == (True, 5)
    pooled = load_settings(DATABASE_URL="postgres://app@db.example/plans", DATABASE_POOL="true")
    assert pooled["options"]["server_side_binding"] is True
    off = load_settings(DATABASE_URL="postgres://app@db.example/plans", DATABASE_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in off["options"] and "prepare_threshold" not in off["options"]


def test_sqlite_keeps_its_connection_and_has_no_pool():
    settings = load_settings()
    assert settings["conn_max_age"] == 60 and "pool" not in settings["options"]
    assert "server_side_binding" not in settings["options"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL to open a pool (set DATABASE_URL)"
)
@pytest.mark.django_db
def test_queries_go_through_the_pool_on_a_real_server():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    assert run(QUERY_THROUGH_THE_POOL, DATABASE_URL=url, DATABASE_POOL="true").split() == [
        "42",
        "ConnectionPool",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db
def test_a_query_run_again_is_prepared_on_a_real_server():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    assert run(PREPARED_ON_A_REAL_SERVER, DATABASE_URL=url).split() == ["42", "1"]
    assert run(PREPARED_ON_A_REAL_SERVER, DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="false").split() == [
        "42",
        "0",
    ]
