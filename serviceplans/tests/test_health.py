"""/healthz says the process is up without the database; /readyz says the database answers and every
migration is applied. Both cheap, unauthenticated and allowed over plain HTTP. (The database-down case is
tested against a real gunicorn in tests/test_production.py.)"""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


def test_healthz_answers_without_touching_the_database(client):
    """No django_db mark: any database access here would raise."""
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_with_the_database_migrated(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_migration_is_unapplied(client):
    MigrationRecorder(connection).migration_qs.filter(app="plans").order_by("-name").first().delete()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"1 migrations not applied\n"


@pytest.mark.django_db
def test_health_checks_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
