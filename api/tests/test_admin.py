"""The performance team makes and revokes tokens in admin; the secret is shown once and never kept."""

import pytest
from django.contrib.auth.models import Group

from api.models import ApiToken
from api.rules import token_hash
from serviceplans.roles import COMMITTEE_CLERKS, PERFORMANCE_TEAM
from tests.factories import OrganisationUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def test_the_performance_team_makes_a_token_and_sees_its_secret_once(client):
    client.force_login(staff(PERFORMANCE_TEAM))
    waste = OrganisationUnitFactory(name="Waste", slug="waste")
    form = client.get("/admin/api/apitoken/add/")
    assert form.status_code == 200 and "Read and post indicator values" in form.content.decode()
    response = client.post(
        "/admin/api/apitoken/add/", {"name": "Waste feeder", "access": "read_write", "unit": waste.pk}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert key.startswith("spt_") and key in response.content.decode()
    assert token.key_hash == token_hash(key) and token.unit == waste and token.can_write
    assert token.service_user.get_full_name() == "Waste feeder (API token)"
    listing = client.get("/admin/api/apitoken/").content.decode()
    assert token.key_hint in listing and key not in listing
    assert key not in client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()

    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_clerk_cannot_see_or_make_tokens(client):
    client.force_login(staff(COMMITTEE_CLERKS))
    assert client.get("/admin/api/apitoken/").status_code == 403
    assert (
        client.post("/admin/api/apitoken/add/", {"name": "Mine", "access": "read_write"}).status_code == 403
    )
    assert not ApiToken.objects.exists()
