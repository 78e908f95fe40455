"""Error pages are the service's own (its layout, the council's name, plain words, where to go next), with
DEBUG off as in production (pytest-django runs every test with DEBUG off)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from serviceplans.roles import PERFORMANCE_TEAM
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def in_the_layout(html: str) -> bool:
    return 'class="app-header' in html and "govuk-footer" in html and "govuk-frontend.min.css" in html


def test_unknown_address_is_a_404_page_in_the_layout_with_the_councils_name(client, settings):
    settings.COUNCIL_NAME = "Borough of Testbridge Council"
    response = client.get("/no-such-page/")
    html = response.content.decode()

    assert response.status_code == 404
    assert in_the_layout(html)
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "Borough of Testbridge Council" in html
    assert "Traceback" not in html and "URLconf" not in html


def test_a_refusal_says_why_in_plain_words_and_where_to_go(client):
    client.force_login(UserFactory())
    response = client.get(reverse("plans:period-list"))
    html = response.content.decode()

    assert response.status_code == 403
    assert in_the_layout(html)
    assert "You cannot do this" in html
    assert "Only the performance team runs the reporting periods." in html
    assert "ask the performance team" in html
    assert f'href="{reverse("home")}"' in html


def test_the_performance_team_is_not_refused(client):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=PERFORMANCE_TEAM)[0])
    client.force_login(user)

    assert client.get(reverse("plans:period-list")).status_code == 200


def test_a_form_sent_without_its_security_token_gets_the_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    html = response.content.decode()

    assert response.status_code == 403
    assert in_the_layout(html)
    assert "Your form could not be sent" in html
    assert "Nothing was saved" in html
    assert "CSRF" not in html


def test_a_bad_host_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    html = response.content.decode()

    assert response.status_code == 400
    assert in_the_layout(html)
    assert "Sorry, there is a problem with that request" in html


@pytest.mark.urls("serviceplans.tests.urls_failing")
def test_a_suspicious_request_gets_the_400_page(client):
    response = client.get("/test-failures/suspicious/")

    assert response.status_code == 400
    assert "Sorry, there is a problem with that request" in response.content.decode()


@pytest.mark.urls("serviceplans.tests.urls_failing")
def test_a_server_error_page_needs_no_database_and_shows_no_detail(django_assert_num_queries, settings):
    """The 500 page is rendered without the request context processors: a signed-in person's failed
    request (a database failure, say) makes no further query, and the error's text (which may hold a
    password) never reaches the page."""
    settings.COUNCIL_NAME = "Borough of Testbridge Council"
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    with django_assert_num_queries(0):
        response = client.get("/test-failures/database/")
    html = response.content.decode()

    assert response.status_code == 500
    assert in_the_layout(html)
    assert "Sorry, there is a problem with the service" in html
    assert "Borough of Testbridge Council" in html
    assert "s3cret-db-password" not in html and "db.internal" not in html


def test_500_template_renders_with_no_request_at_all():
    from django.template.loader import render_to_string

    html = render_to_string("500.html", {"council_name": "Borough of Testbridge Council"})

    assert in_the_layout(html)
    assert "Borough of Testbridge Council" in html
