"""Backups restore: the demo council is dumped with ``pg_dump`` and restored with ``pg_restore`` into a
fresh database, and every table comes back with the same number of rows (docs/deploy.md, "Backups").

PostgreSQL only: it tests PostgreSQL's own tools on the test server (which trusts 127.0.0.1).
"""

import io
import os
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql

pytestmark = [
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL: it tests pg_dump and pg_restore (set DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),  # pg_dump must see the demo data, so it is committed
]


def postgres_tool(name: str) -> str:
    """The newest PostgreSQL client tool installed (Debian keeps them under /usr/lib/postgresql/N/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3].split(".")[0])
    )
    if not found:
        pytest.fail(f"{name} is not installed (apt-get install postgresql-client)")
    return str(found[-1])


def connection_options(database: str) -> dict:
    db = connection.settings_dict
    return {
        "dbname": database,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
    }


def tool_arguments(database: str) -> list[str]:
    options = connection_options(database)
    return ["--host", options["host"], "--port", str(options["port"]), "--username", options["user"]]


def row_counts(database: str) -> dict[str, int]:
    """Every table in the public schema with its number of rows."""
    with psycopg.connect(**connection_options(database)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {
            table: db.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }


def test_a_dump_of_the_demo_council_restores_into_a_fresh_database(tmp_path):
    call_command("load_demo", password="backup-test-password", verbosity=0, stdout=io.StringIO())
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore"
    environment = os.environ | (
        {"PGPASSWORD": connection.settings_dict["PASSWORD"]} if connection.settings_dict["PASSWORD"] else {}
    )
    dump = tmp_path / "serviceplans.dump"
    with psycopg.connect(**connection_options("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
    try:
        began = time.monotonic()
        subprocess.run(
            [
                postgres_tool("pg_dump"),
                *tool_arguments(source),
                "--format=custom",
                "--file",
                str(dump),
                source,
            ],
            check=True,
            env=environment,
        )
        dumped = time.monotonic()
        subprocess.run(
            [postgres_tool("pg_restore"), *tool_arguments(target), "--no-owner", "--exit-on-error"]
            + ["--dbname", target, str(dump)],
            check=True,
            env=environment,
        )
        restored = time.monotonic()

        before, after = row_counts(source), row_counts(target)
        assert after == before
        assert before["plans_plan"] > 0 and before["actions_task"] > 100 and before["auth_user"] >= 5
        print(
            f"\npg_dump of the demo council: {dump.stat().st_size / 1e6:.1f} MB in {dumped - began:.1f} s; "
            f"pg_restore in {restored - dumped:.1f} s; {len(before)} tables, {sum(before.values())} rows"
        )
    finally:
        with psycopg.connect(**connection_options("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
