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


def test_the_actor_holds_todays_delegations_the_units_headed_and_the_locked_returns(council):
    """What the rules need about a signed-in officer, read in five queries (their groups, officer record,
    units headed, today's delegations to them, and the locked returns of everyone they act for); the unit
    tree is read as well only for someone who heads a unit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.models import Delegation, Officer, Return

    people, q1, q2 = council["people"], council["q1"], council["q2"]
    officer, stand_in, other, manager = (
        Officer.objects.get(user=people[name]) for name in ("officer", "stand_in", "other_officer", "manager")
    )
    Delegation.objects.create(officer=other, delegate=stand_in, starts_on=date(2027, 1, 1))  # not yet
    Return.objects.create(officer=officer, period=q2, state=Return.State.SUBMITTED)  # the delegator's
    Return.objects.create(officer=stand_in, period=q1, state=Return.State.APPROVED)  # their own
    Return.objects.create(
        officer=stand_in, period=q2, state=Return.State.SENT_BACK, comment="Add the figures"
    )
    Return.objects.create(officer=other, period=q2, state=Return.State.SUBMITTED)  # delegation not started

    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(people["stand_in"], today=date(2026, 11, 1))
    assert len(queries) == 5
    assert actor.officer_id == stand_in.pk
    assert actor.acting_for == {stand_in.pk, officer.pk}
    assert actor.managed_units == frozenset()
    assert actor.locked_returns == {(officer.pk, q2.end_date), (stand_in.pk, q1.end_date)}
    assert actor.roles == {OFFICERS}

    later = actor_for(people["stand_in"], today=date(2027, 2, 1))  # one delegation over, the other begun
    assert later.acting_for == {stand_in.pk, other.pk}
    assert later.locked_returns == {(other.pk, q2.end_date), (stand_in.pk, q1.end_date)}

    with CaptureQueriesContext(connection) as queries:
        head = actor_for(people["manager"])
    assert len(queries) == 6  # and the unit tree
    assert head.officer_id == manager.pk and head.managed_units == {council["services"][0].pk}
    assert head.acting_for == {manager.pk} and head.locked_returns == frozenset()


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
