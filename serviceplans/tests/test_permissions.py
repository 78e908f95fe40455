"""The permission rules as a matrix: every role against every kind of object, open and closed periods."""

from datetime import date

import pytest

from actions.permissions import can_update_task
from indicators.permissions import can_enter_value
from plans.models import ReportingPeriod
from plans.permissions import actor_for
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, MEMBERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council
from tests.factories import (
    IndicatorOfficerFactory,
    OfficerFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def person(username, group, *, officer_unit=None, heads=None):
    groups = roles_ensure()
    user = UserFactory(username=username)
    user.groups.add(groups[group])
    officer = OfficerFactory(user=user, unit=officer_unit, name=username.title())
    if heads is not None:
        heads.head = officer
        heads.save()
    return user, officer


@pytest.fixture
def council():
    council = small_council(size=1)
    waste, parks = council["services"]
    people = {
        "performance": person("performance", PERFORMANCE_TEAM)[0],
        "clerk": person("clerk", COMMITTEE_CLERKS)[0],
        "member": person("member", MEMBERS)[0],
    }
    people["manager"], _ = person("manager", MANAGERS, heads=waste)
    people["officer"], officer = person("officer", OFFICERS, officer_unit=waste)
    people["other_officer"], _ = person("other_officer", OFFICERS, officer_unit=parks)
    people["stand_in"], stand_in = person("stand_in", OFFICERS, officer_unit=parks)
    waste_task, parks_task = council["tasks"]
    waste_indicator, parks_indicator = council["indicators"]
    TaskOfficerFactory(task=waste_task, officer=officer)
    IndicatorOfficerFactory(indicator=waste_indicator, officer=officer)
    from plans.models import Delegation

    Delegation.objects.create(officer=officer, delegate=stand_in, ends_on=date(2026, 12, 31))
    council.update(
        people=people,
        waste_task=waste_task,
        parks_task=parks_task,
        waste_indicator=waste_indicator,
        parks_indicator=parks_indicator,
    )
    return council


# role → (waste task, parks task) in an OPEN period
OPEN_MATRIX = {
    "performance": (True, True),
    "manager": (True, False),  # heads Waste only
    "officer": (True, False),  # responsible for the Waste task only
    "stand_in": (True, False),  # delegated by the Waste officer
    "other_officer": (False, False),
    "clerk": (False, False),
    "member": (False, False),
}


@pytest.mark.parametrize("role", sorted(OPEN_MATRIX))
def test_who_may_report_in_an_open_period(council, role):
    actor = actor_for(council["people"][role], today=date(2026, 11, 1))
    q2 = council["q2"]
    expected_waste, expected_parks = OPEN_MATRIX[role]

    assert can_update_task(actor, council["waste_task"], q2) is expected_waste
    assert can_update_task(actor, council["parks_task"], q2) is expected_parks
    assert can_enter_value(actor, council["waste_indicator"], q2) is expected_waste
    assert can_enter_value(actor, council["parks_indicator"], q2) is expected_parks


@pytest.mark.parametrize("role", sorted(OPEN_MATRIX))
def test_closed_periods_are_read_only_except_for_the_performance_team(council, role):
    actor = actor_for(council["people"][role], today=date(2026, 11, 1))
    q1 = council["q1"]
    assert q1.state == ReportingPeriod.State.CLOSED

    allowed = role == "performance"
    assert can_update_task(actor, council["waste_task"], q1) is allowed
    assert can_enter_value(actor, council["waste_indicator"], q1) is allowed


def test_a_delegation_ends(council):
    actor = actor_for(council["people"]["stand_in"], today=date(2027, 1, 1))
    assert can_update_task(actor, council["waste_task"], council["q2"]) is False


def test_a_manager_covers_units_beneath_their_own(council):
    directorate = council["directorate"]
    head, _ = person("director", MANAGERS, heads=directorate)
    actor = actor_for(head)
    assert can_update_task(actor, council["parks_task"], council["q2"]) is True


def test_a_superuser_without_groups_runs_everything(council):
    actor = actor_for(UserFactory(username="root", is_superuser=True))
    assert can_update_task(actor, council["parks_task"], council["q1"]) is True


def test_signed_out_people_may_do_nothing(council):
    from django.contrib.auth.models import AnonymousUser

    actor = actor_for(AnonymousUser())
    assert can_update_task(actor, council["waste_task"], council["q2"]) is False


def test_ensure_roles_command_creates_the_groups_with_admin_permissions():
    from io import StringIO

    from django.contrib.auth.models import Group
    from django.core.management import call_command

    out = StringIO()
    call_command("ensure_roles", stdout=out)
    call_command("ensure_roles", stdout=out)

    assert set(Group.objects.values_list("name", flat=True)) >= {
        PERFORMANCE_TEAM,
        COMMITTEE_CLERKS,
        MANAGERS,
        OFFICERS,
        MEMBERS,
    }
    assert Group.objects.get(name=PERFORMANCE_TEAM).permissions.filter(codename="change_task").exists()
    assert not Group.objects.get(name=COMMITTEE_CLERKS).permissions.filter(codename="change_task").exists()
    assert Group.objects.get(name=COMMITTEE_CLERKS).permissions.filter(codename="view_task").exists()
