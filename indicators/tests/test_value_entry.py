"""Entering an indicator's value: units as people write them, typos caught, judgement shown after saving."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import IndicatorValue
from serviceplans.roles import OFFICERS, roles_ensure
from tests.builders import small_council
from tests.factories import IndicatorOfficerFactory, OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    council = small_council(size=1)
    indicator = council["indicators"][1]  # Parks: percent, higher is better, target 50, Q1 48
    indicator.values.filter(period=council["q2"]).delete()
    user = UserFactory(username="jkaur")
    user.groups.add(roles_ensure()[OFFICERS])
    IndicatorOfficerFactory(indicator=indicator, officer=OfficerFactory(user=user))
    return council | {"indicator": indicator, "user": user}


def post(client, setting, **data):
    url = reverse("indicators:value-enter", args=[setting["indicator"].pk, setting["q2"].pk])
    return client.post(url, {"value": "", "no_data_reason": "", "note": "", "version": "0"} | data)


def saved(setting):
    return IndicatorValue.objects.filter(indicator=setting["indicator"], period=setting["q2"]).first()


@pytest.mark.parametrize(
    ("typed", "number"), [("49%", Decimal(49)), ("49", Decimal(49)), (" 52.5 % ", Decimal("52.5"))]
)
def test_values_are_read_as_people_type_them(client, setting, typed, number):
    client.force_login(setting["user"])
    response = post(client, setting, value=typed)
    assert response.status_code == 302
    assert saved(setting).value == number
    assert saved(setting).entered_by == setting["user"]


def test_after_saving_the_rag_symbol_and_direction_are_shown(client, setting):
    client.force_login(setting["user"])
    response = post(client, setting, value="52%")
    page = client.get(response["Location"]).content.decode()
    assert "The value for 2026/27 Q2 has been saved: 52%. Green; better than target range;" in page


def test_na_needs_a_reason(client, setting):
    client.force_login(setting["user"])
    response = post(client, setting, value="n/a")
    assert "Say why there is no value" in response.content.decode()
    assert saved(setting) is None

    post(client, setting, value="n/a", no_data_reason="Survey not carried out this year")
    assert (saved(setting).value, saved(setting).no_data_reason) == (None, "Survey not carried out this year")


def test_words_and_the_wrong_unit_are_refused_and_kept(client, setting):
    client.force_login(setting["user"])
    response = post(client, setting, value="about half")
    assert "Enter a percentage or n/a" in response.content.decode()
    assert 'value="about half"' in response.content.decode()

    response = post(client, setting, value="£1,200")
    assert "This indicator is measured as a percentage" in response.content.decode()
    assert saved(setting) is None


@pytest.mark.parametrize(
    ("typed", "reason"), [("150%", "outside 0 to 100"), ("4.8", "less than a tenth of the target")]
)
def test_a_value_far_out_of_line_must_be_confirmed(client, setting, typed, reason):
    client.force_login(setting["user"])
    response = post(client, setting, value=typed)
    content = response.content.decode()
    assert reason in content and "Yes, this value is right" in content
    assert saved(setting) is None

    response = post(client, setting, value=typed, confirm="on")
    assert response.status_code == 302
    assert saved(setting) is not None


def test_the_confirmation_box_is_not_shown_until_it_is_needed(client, setting):
    client.force_login(setting["user"])
    url = reverse("indicators:value-enter", args=[setting["indicator"].pk, setting["q2"].pk])
    assert "Yes, this value is right" not in client.get(url).content.decode()


def test_others_are_refused(client, setting):
    client.force_login(UserFactory(username="someone"))
    assert post(client, setting, value="50").status_code == 403
    assert saved(setting) is None


def test_a_second_save_from_a_stale_form_is_refused(client, setting):
    client.force_login(setting["user"])
    post(client, setting, value="51")
    response = post(client, setting, value="49")  # still says version 0
    assert "Someone else saved a value for this period" in response.content.decode()
    assert saved(setting).value == 51


def test_the_indicator_page_offers_value_entry_only_to_those_who_may(client, setting):
    page = reverse("indicators:indicator-detail", args=[setting["indicator"].pk])
    client.force_login(setting["user"])
    assert "Enter the value for 2026/27 Q2" in client.get(page).content.decode()
    client.force_login(UserFactory(username="reader"))
    assert "Enter the value for" not in client.get(page).content.decode()


def test_every_saved_value_is_kept_with_who_saved_it(client, setting):
    client.force_login(setting["user"])
    post(client, setting, value="51")
    post(client, setting, value="52", version="1")
    page = client.get(reverse("indicators:indicator-detail", args=[setting["indicator"].pk]))
    saved_values = [
        (v.value, v.history_user) for v in page.context["versions"] if v.period_id == setting["q2"].pk
    ]
    assert saved_values[:2] == [(Decimal(52), setting["user"]), (Decimal(51), setting["user"])]


def test_no_value_is_a_choice_whose_reason_is_revealed_beneath_it(client, setting):
    """Issue 15: “Why there is no value” sits under the “No” choice (shown by CSS once chosen)."""
    client.force_login(setting["user"])
    url = reverse("indicators:value-enter", args=[setting["indicator"].pk, setting["q2"].pk])
    page = client.get(url).content.decode()
    no = page.index('id="id_has_value_1"')
    assert no < page.index('id="conditional-id_has_value_1"') < page.index('id="id_no_data_reason"')
    assert page.index('id="conditional-id_has_value_0"') < page.index('id="id_value"') < no
    assert 'value="yes" checked' in page  # nothing entered yet: a value is expected

    response = post(client, setting, has_value="no", value="49%")
    assert "Say why there is no value" in response.content.decode()
    assert 'value="no" checked' in response.content.decode()
    post(client, setting, has_value="no", value="49%", no_data_reason="Survey not carried out")
    assert (saved(setting).value, saved(setting).no_data_reason) == (None, "Survey not carried out")
    page = client.get(url).content.decode()
    assert 'value="no" checked' in page and 'value="Survey not carried out"' in page


def test_choosing_yes_needs_a_value(client, setting):
    client.force_login(setting["user"])
    response = post(client, setting, has_value="yes", no_data_reason="Forgotten")
    assert "Enter the value, or choose “No, there is no value for this period”" in response.content.decode()
    assert saved(setting) is None
    post(client, setting, has_value="yes", value="49%", no_data_reason="Forgotten")
    assert (saved(setting).value, saved(setting).no_data_reason) == (Decimal(49), "")
