"""Return sign-off: officers submit, managers approve or send back, and the sign-off page."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ProgressUpdate
from actions.permissions import can_update_task
from actions.selectors import returns_for_period
from actions.services import return_approve, return_send_back, return_submit
from indicators.permissions import can_enter_value
from plans.models import Delegation, Return
from plans.permissions import actor_for, can_decide_return
from plans.rules import IllegalTransition
from serviceplans.roles import MANAGERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import add_rows, small_council
from tests.factories import IndicatorOfficerFactory, OfficerFactory, TaskOfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


def login_officer(username, group, unit, *, heads=None):
    user = UserFactory(username=username, first_name=username.title(), last_name="Smith")
    user.groups.add(roles_ensure()[group])
    officer = OfficerFactory(user=user, unit=unit, name=f"{username.title()} Smith")
    if heads is not None:
        heads.head = officer
        heads.save()
    return user, officer


@pytest.fixture
def council():
    council = small_council(size=2)
    waste, parks = council["services"]
    people = {
        "director": login_officer("director", MANAGERS, council["directorate"], heads=council["directorate"]),
        "manager": login_officer("manager", MANAGERS, waste, heads=waste),
        "kevin": login_officer("kevin", OFFICERS, waste),
        "jas": login_officer("jas", OFFICERS, waste),
        "lee": login_officer("lee", OFFICERS, parks),
        "performance": login_officer("performance", PERFORMANCE_TEAM, None),
    }
    waste_tasks = [t for t in council["tasks"] if t.section.unit == waste]
    parks_tasks = [t for t in council["tasks"] if t.section.unit == parks]
    TaskOfficerFactory(task=waste_tasks[0], officer=people["kevin"][1])
    TaskOfficerFactory(task=waste_tasks[1], officer=people["kevin"][1])
    TaskOfficerFactory(task=waste_tasks[1], officer=people["jas"][1])
    TaskOfficerFactory(task=parks_tasks[0], officer=people["lee"][1])
    IndicatorOfficerFactory(indicator=council["indicators"][0], officer=people["kevin"][1])
    return council | {"people": people, "waste_tasks": waste_tasks, "parks_tasks": parks_tasks}


def officer(council, name):
    return council["people"][name][1]


def user(council, name):
    return council["people"][name][0]


# -- services --------------------------------------------------------------------------------------------


def test_submit_approve_send_back_and_resubmit(council):
    q2, kevin = council["q2"], officer(council, "kevin")
    record = return_submit(officer=kevin, period=q2, user=user(council, "kevin"))
    assert (record.state, record.submitted_by) == ("submitted", user(council, "kevin"))
    with pytest.raises(IllegalTransition, match="already submitted"):
        return_submit(officer=kevin, period=q2, user=user(council, "kevin"))
    with pytest.raises(IllegalTransition, match="Enter a comment"):
        return_send_back(record=record, user=user(council, "manager"), comment="  ")
    record = return_send_back(record=record, user=user(council, "manager"), comment=" Add the Q2 figure. ")
    assert (record.state, record.comment, record.decided_by) == (
        "sent_back",
        "Add the Q2 figure.",
        user(council, "manager"),
    )
    with pytest.raises(IllegalTransition, match="cannot be approved: it is sent back"):
        return_approve(record=record, user=user(council, "manager"))
    record = return_submit(officer=kevin, period=q2, user=user(council, "kevin"))
    record = return_approve(record=record, user=user(council, "manager"))
    assert (record.state, record.comment) == ("approved", "")
    history = list(
        record.history.order_by("history_date", "history_id").values_list("state", "history_user__username")
    )
    assert history == [
        ("submitted", "kevin"),
        ("sent_back", "manager"),
        ("submitted", "kevin"),
        ("approved", "manager"),
    ]


def test_a_return_is_only_submitted_while_its_period_is_open(council):
    with pytest.raises(IllegalTransition, match="the period is not open"):
        return_submit(officer=officer(council, "kevin"), period=council["q1"], user=None)
    assert not Return.objects.exists()


# -- permissions -----------------------------------------------------------------------------------------


def test_once_submitted_the_officers_own_returns_are_read_only_to_them_until_sent_back(council):
    q2, kevin = council["q2"], officer(council, "kevin")
    shared_task = council["waste_tasks"][1]  # Kevin's and Jas's
    own_task = council["waste_tasks"][0]
    indicator = council["indicators"][0]
    record = return_submit(officer=kevin, period=q2, user=None)

    actor = actor_for(user(council, "kevin"))
    assert not can_update_task(actor, own_task, q2)
    assert not can_enter_value(actor, indicator, q2)
    assert can_update_task(actor_for(user(council, "jas")), shared_task, q2)  # Jas has not submitted
    assert can_update_task(actor_for(user(council, "manager")), own_task, q2)  # the manager can correct
    assert can_update_task(actor_for(user(council, "performance")), own_task, q2)

    return_send_back(record=record, user=None, comment="Fix it.")
    assert can_update_task(actor_for(user(council, "kevin")), own_task, q2)


def test_who_decides_a_return(council):
    kevin, lee, manager = officer(council, "kevin"), officer(council, "lee"), officer(council, "manager")
    q2 = council["q2"]
    assert can_decide_return(actor_for(user(council, "manager")), kevin, q2)  # head of Kevin's unit
    assert can_decide_return(actor_for(user(council, "director")), kevin, q2)  # head of a unit above it
    assert can_decide_return(actor_for(user(council, "director")), manager, q2)
    assert not can_decide_return(actor_for(user(council, "manager")), manager, q2)  # never their own
    assert not can_decide_return(actor_for(user(council, "manager")), lee, q2)  # not their unit
    assert not can_decide_return(actor_for(user(council, "jas")), kevin, q2)
    assert can_decide_return(actor_for(user(council, "performance")), lee, q2)


# -- the selector ------------------------------------------------------------------------------------------


def test_returns_for_period_counts_what_each_officer_owes_and_has_done(council):
    q2 = council["q2"]
    return_submit(officer=officer(council, "kevin"), period=q2, user=None)
    rows = {r.officer.name: r for r in returns_for_period(q2)}
    assert set(rows) == {"Kevin Smith", "Jas Smith", "Lee Smith"}
    kevin = rows["Kevin Smith"]
    # small_council updates every other task in Q2: the first of each service's tasks has one.
    assert (kevin.tasks_due, kevin.tasks_done, kevin.values_due, kevin.values_done) == (2, 1, 1, 1)
    assert (kevin.state, kevin.missing, kevin.is_due) == ("submitted", 1, False)
    assert (rows["Lee Smith"].state, rows["Lee Smith"].is_due) == ("not_started", True)
    waste = council["services"][0]
    assert {r.officer.name for r in returns_for_period(q2, unit_ids=[waste.pk])} == {
        "Kevin Smith",
        "Jas Smith",
    }
    # Draft plans ask for no returns.
    council["plan"].status = "draft"
    council["plan"].save()
    assert returns_for_period(q2) == []


# -- pages -------------------------------------------------------------------------------------------------


def test_my_updates_offers_the_return_and_shows_why_it_was_sent_back(client, council):
    q2, kevin = council["q2"], officer(council, "kevin")
    client.force_login(user(council, "kevin"))
    content = client.get(reverse("home")).content.decode()
    assert "Submit my return" in content
    assert "1 still to do" in content  # one task update missing (the value is in)

    check = client.get(reverse("actions:return-submit", args=[q2.pk, kevin.pk])).content.decode()
    assert "Check your return before you submit it" in check
    assert "1 update is still missing." in check
    refused = client.post(reverse("actions:return-submit", args=[q2.pk, kevin.pk]))
    assert "Say why 1 update is missing, or go back and complete them" in refused.content.decode()
    assert not Return.objects.filter(officer=kevin).exists()

    response = client.post(
        reverse("actions:return-submit", args=[q2.pk, kevin.pk]),
        {"gaps_reason": "Waiting for the contractor's figures."},
        follow=True,
    )
    content = response.content.decode()
    assert "Your return for 2026/27 Q2 has been submitted to Manager Smith for sign-off." in content
    assert Return.objects.get(officer=kevin).gaps_reason == "Waiting for the contractor's figures."
    assert "Submit my return" not in content and "Waiting for sign-off" in content
    assert "Return submitted" in content  # instead of the Update links
    assert 'href="/tasks/all/' not in content
    assert f'href="/indicators/{council["indicators"][0].pk}/value/{q2.pk}/"' not in content

    return_send_back(
        record=Return.objects.get(officer=kevin),
        user=user(council, "manager"),
        comment="Add the missing update.",
    )
    content = client.get(reverse("home")).content.decode()
    assert "Return sent back" in content
    assert "Add the missing update." in content
    assert "by Manager Smith" in content
    assert "Submit my return" in content


def test_a_delegate_submits_for_the_officer_and_nobody_else_can(client, council):
    q2, kevin = council["q2"], officer(council, "kevin")
    Delegation.objects.create(officer=kevin, delegate=officer(council, "lee"))
    client.force_login(user(council, "jas"))
    assert client.post(reverse("actions:return-submit", args=[q2.pk, kevin.pk])).status_code == 403
    client.force_login(user(council, "lee"))
    response = client.post(
        reverse("actions:return-submit", args=[q2.pk, kevin.pk]), {"gaps_reason": "On leave"}, follow=True
    )
    assert "Kevin Smith's return for 2026/27 Q2 has been submitted" in unescape(response.content.decode())
    assert Return.objects.get(officer=kevin).submitted_by == user(council, "lee")
    assert client.post(reverse("actions:return-submit", args=[q2.pk, 99999])).status_code == 404
    response = client.post(reverse("actions:return-submit", args=[council["q1"].pk, kevin.pk]), follow=True)
    assert "the period is not open" in response.content.decode()


def test_signoff_page_is_for_managers_and_the_performance_team(client, council):
    client.force_login(user(council, "kevin"))
    assert client.get(reverse("actions:return-list")).status_code == 403
    client.logout()
    assert client.get(reverse("actions:return-list")).status_code == 302
    client.force_login(user(council, "manager"))
    assert client.get(reverse("actions:return-list")).status_code == 200


def test_signoff_page_counts_returns_by_unit_and_offers_decisions(client, council):
    q2 = council["q2"]
    return_submit(officer=officer(council, "kevin"), period=q2, user=None)
    record = return_submit(officer=officer(council, "lee"), period=q2, user=None)
    return_approve(record=record, user=None)

    client.force_login(user(council, "performance"))
    response = client.get(reverse("actions:return-list"))
    assert response.context["period"] == q2  # the open quarter by default
    counts = {g.unit.name: g.counts for g in response.context["groups"]}
    assert counts == {  # managers own no tasks here, so owe no returns
        "Parks": {"not_started": 0, "submitted": 0, "approved": 1, "sent_back": 0},
        "Waste": {"not_started": 1, "submitted": 1, "approved": 0, "sent_back": 0},
    }
    assert response.context["totals"] == {"not_started": 1, "submitted": 1, "approved": 1, "sent_back": 0}
    content = response.content.decode()
    assert len(re.findall(r">Approve<span", content)) == 1
    assert len(re.findall(r">Send back<span", content)) == 4  # Kevin's and Lee's: summary and button each

    client.force_login(user(council, "manager"))  # Waste only
    response = client.get(reverse("actions:return-list"))
    assert [g.unit.name for g in response.context["groups"]] == ["Waste"]
    waste = council["services"][0]
    response = client.get(
        reverse("actions:return-list"), {"period": q2.pk, "unit": council["services"][1].pk}
    )
    assert "There is a problem with the filters" in response.content.decode()  # not one of their units:
    assert [g.unit.name for g in response.context["groups"]] == ["Waste"]  # explained and ignored
    response = client.get(reverse("actions:return-list"), {"period": "nonsense", "unit": waste.pk})
    assert response.status_code == 200 and response.context["period"] == q2


def test_deciding_from_the_page(client, council):
    q2 = council["q2"]
    kevin_return = return_submit(officer=officer(council, "kevin"), period=q2, user=None)
    jas_return = return_submit(officer=officer(council, "jas"), period=q2, user=None)
    lee_return = return_submit(officer=officer(council, "lee"), period=q2, user=None)
    client.force_login(user(council, "manager"))

    response = client.post(
        reverse("actions:return-decide", args=[kevin_return.pk, "send_back"]), {"comment": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert f'href="#comment-{kevin_return.pk}"' in content
    assert "govuk-textarea--error" in content and "<details" in content and " open>" in content

    response = client.post(
        reverse("actions:return-decide", args=[kevin_return.pk, "send_back"]),
        {"comment": "Add the Q2 update for the food waste task.", "unit": ""},
        follow=True,
    )
    assert "Kevin Smith's return for 2026/27 Q2 has been sent back with your comment." in unescape(
        response.content.decode()
    )
    response = client.post(reverse("actions:return-decide", args=[jas_return.pk, "approve"]), follow=True)
    assert "Jas Smith's return for 2026/27 Q2 is approved." in unescape(response.content.decode())
    response = client.post(reverse("actions:return-decide", args=[jas_return.pk, "approve"]), follow=True)
    assert "cannot be approved: it is already approved" in response.content.decode()

    assert client.post(reverse("actions:return-decide", args=[lee_return.pk, "approve"])).status_code == 403
    assert client.post(reverse("actions:return-decide", args=[jas_return.pk, "delete"])).status_code == 403
    assert client.post(reverse("actions:return-decide", args=[99999, "approve"])).status_code == 404
    assert client.get(reverse("actions:return-decide", args=[jas_return.pk, "approve"])).status_code == 302
    kevin_return.refresh_from_db()
    jas_return.refresh_from_db()
    assert (kevin_return.state, jas_return.state) == ("sent_back", "approved")


def signoff_queries(client, council, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_signoff_page_queries_do_not_grow_with_officers(client, council):
    """Queries: session, user, the reader's groups, officer record, delegations, units headed, the unit tree
    (for the units they manage), their submitted returns, the periods, the unit tree again (for the unit
    choices), then the task links, indicator links, officers and returns of the period, and the risk reviews
    owed (added through actions.hooks by the risk register)."""
    client.force_login(user(council, "director"))
    url = reverse("actions:return-list")
    few, response = signoff_queries(client, council, url)
    assert response.context["row_count"] == 3
    add_rows(council, 4)
    waste, parks = council["services"]
    for n, task in enumerate(council["tasks"][4:]):
        someone = OfficerFactory(unit=waste if n % 2 else parks)
        TaskOfficerFactory(task=task, officer=someone)
        return_submit(officer=someone, period=council["q2"], user=None)
    many, response = signoff_queries(client, council, url)
    assert response.context["row_count"] == 3 + len(council["tasks"][4:])
    assert few == many == 15


def test_my_updates_queries_do_not_grow_with_returns(client, council):
    """My updates reads each open period's returns in four queries, however many the officer owes."""
    client.force_login(user(council, "kevin"))
    few, _response = signoff_queries(client, council, reverse("home"))
    for task in council["parks_tasks"][1:]:
        TaskOfficerFactory(task=task, officer=officer(council, "kevin"))
    add_rows(council, 3)
    for task in council["tasks"][-4:]:
        TaskOfficerFactory(task=task, officer=officer(council, "kevin"))
    many, response = signoff_queries(client, council, reverse("home"))
    assert response.context["sign_off"][0].tasks_due == 7
    assert few == many


def test_the_return_page_shows_the_whole_return_and_the_manager_decides_there(client, council):
    q2, kevin = council["q2"], officer(council, "kevin")
    return_submit(officer=kevin, period=q2, user=None, gaps_reason="Figures come in late")
    url = reverse("actions:return-detail", args=[q2.pk, kevin.pk])
    client.force_login(user(council, "manager"))

    content = client.get(url).content.decode()

    assert "Figures come in late" in content
    for update in ProgressUpdate.objects.filter(task__task_officers__officer=kevin, period=q2):
        assert update.commentary in content
        assert f"{update.percent_complete}% complete" in content
    assert "Expected by now" in content and "Last period" in content
    assert "against a target of" in content  # each value's judgement explains itself
    refused = client.post(
        reverse("actions:return-decide", args=[Return.objects.get(officer=kevin).pk, "send_back"]),
        {"comment": "", "next": url},
    )
    assert refused.status_code == 200
    assert "Enter a comment saying what the officer needs to put right" in refused.content.decode()
    response = client.post(
        reverse("actions:return-decide", args=[Return.objects.get(officer=kevin).pk, "send_back"]),
        {"comment": "Add the Q2 figure", "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    assert Return.objects.get(officer=kevin).state == "sent_back"


def test_the_return_page_is_for_the_officer_their_managers_and_the_performance_team(client, council):
    q2, kevin = council["q2"], officer(council, "kevin")
    url = reverse("actions:return-detail", args=[q2.pk, kevin.pk])
    for name, status in [("kevin", 200), ("manager", 200), ("jas", 403)]:
        client.force_login(user(council, name))
        assert client.get(url).status_code == status, name


def test_with_many_returns_units_are_collapsed_and_one_unit_opens_on_its_own(client, council, settings):
    """Past ``inline_rows`` returns the page lists units with their counts, each linking to a page with that
    unit's officers (and their decisions); a small council still sees every return at once."""
    from actions.views import ReturnListView

    q2 = council["q2"]
    return_submit(officer=officer(council, "kevin"), period=q2, user=None)
    client.force_login(user(council, "performance"))
    response = client.get(reverse("actions:return-list"))
    assert response.context["expanded"] and "Kevin Smith" in response.content.decode()

    waste = council["services"][0]
    original = ReturnListView.inline_rows
    ReturnListView.inline_rows = 2
    try:
        response = client.get(reverse("actions:return-list"))
        content = response.content.decode()
        assert not response.context["expanded"]
        assert "Kevin Smith" not in content and ">Approve<span" not in content
        assert f'href="?period={q2.pk}&amp;unit={waste.slug}#unit-{waste.pk}"' in content
        assert "choose a unit above" in content
        for chosen in (waste.slug, waste.pk, waste.name.upper()):  # from the link, an old link, or typed
            opened = client.get(reverse("actions:return-list"), {"period": q2.pk, "unit": chosen})
            content = opened.content.decode()
            assert opened.context["expanded"]
            assert "Kevin Smith" in content and "Lee Smith" not in content
            assert len(re.findall(r">Approve<span", content)) == 1
    finally:
        ReturnListView.inline_rows = original


def test_the_units_are_a_search_box_and_their_counts_come_a_page_at_a_time(client, council):
    """However many units the council has, the sign-off page never sends them as a drop-down, and lists
    their counts a page at a time; a name that matches nothing is explained and every return still shown."""
    from actions.views import ReturnListView

    client.force_login(user(council, "performance"))
    response = client.get(reverse("actions:return-list"))
    content = response.content.decode()
    assert 'data-lookup="/plans/lookup/units/"' in content and '<select name="unit"' not in content

    original = ReturnListView.inline_rows, ReturnListView.units_per_page
    ReturnListView.inline_rows, ReturnListView.units_per_page = 1, 1
    try:
        first = client.get(reverse("actions:return-list"))
        second = client.get(reverse("actions:return-list"), {"units_page": 2})
        assert len(first.context["groups"]) == len(second.context["groups"]) == 1
        assert first.context["groups"][0].unit != second.context["groups"][0].unit
        assert first.context["group_page"].paginator.count == 2
        assert first.context["totals"] == second.context["totals"]  # the totals count every unit's returns
        assert "units_page=2#returns-by-unit" in first.content.decode()
    finally:
        ReturnListView.inline_rows, ReturnListView.units_per_page = original

    nowhere = client.get(reverse("actions:return-list"), {"unit": "Ministry of Magic"})
    assert "Choose a part of the council you look after: none is called that" in nowhere.content.decode()
    assert nowhere.context["row_count"] == response.context["row_count"]


def test_units_listed_count_the_same_returns_as_every_officer_s_row(client, council):
    """Past ``inline_rows`` the page counts each unit's returns by state from narrow queries, making no row for
    each officer: unit by unit, the same counts, totals, number of returns and title as the rows the page
    shows when it lists every officer."""
    from actions.views import ReturnListView

    q2 = council["q2"]
    return_submit(officer=officer(council, "kevin"), period=q2, user=None)
    approved = return_submit(officer=officer(council, "lee"), period=q2, user=None)
    return_approve(record=approved, user=user(council, "performance"))
    client.force_login(user(council, "performance"))
    every_row = client.get(reverse("actions:return-list"))
    assert every_row.context["expanded"]

    def counted(response):
        return [(g.unit.pk if g.unit else None, g.counts) for g in response.context["groups"]]

    original = ReturnListView.inline_rows
    ReturnListView.inline_rows = 1
    try:
        units_only = client.get(reverse("actions:return-list"))
    finally:
        ReturnListView.inline_rows = original
    assert not units_only.context["expanded"]
    assert counted(units_only) == counted(every_row)
    assert {"submitted", "approved", "not_started"} <= {
        state for _unit, counts in counted(units_only) for state, n in counts.items() if n
    }
    for name in ("totals", "row_count", "title"):
        assert units_only.context[name] == every_row.context[name], name
