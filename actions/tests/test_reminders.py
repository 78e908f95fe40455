"""Reminder e-mails: one digest per officer, managers told who is late, nothing twice in a day."""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import ReminderSent
from actions.reminders import reminders_send
from actions.services import return_send_back, return_submit
from tests.builders import small_council
from tests.factories import (
    IndicatorOfficerFactory,
    OfficerFactory,
    ReportingPeriodFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2026, 10, 30)


@pytest.fixture
def council():
    council = small_council(size=2)
    waste, parks = council["services"]
    council["q2"].deadline = DEADLINE
    council["q2"].save()
    director = OfficerFactory(name="Dana Director", unit=council["directorate"])
    council["directorate"].head = director
    council["directorate"].save()
    manager = OfficerFactory(name="Alison Hardy", unit=waste)
    waste.head = manager
    waste.save()
    kevin = OfficerFactory(name="Kevin Marsh", unit=waste)
    nobody = OfficerFactory(name="No Address", unit=waste, email="")
    signed_in = OfficerFactory(
        name="Lee Walsh", unit=parks, email="", user=UserFactory(email="lee@example.org")
    )
    waste_tasks = [t for t in council["tasks"] if t.section.unit == waste]
    parks_tasks = [t for t in council["tasks"] if t.section.unit == parks]
    TaskOfficerFactory(task=waste_tasks[0], officer=kevin)
    TaskOfficerFactory(task=waste_tasks[1], officer=nobody)
    TaskOfficerFactory(task=waste_tasks[1], officer=manager)  # the manager owes a return too
    TaskOfficerFactory(task=parks_tasks[0], officer=signed_in)
    IndicatorOfficerFactory(indicator=council["indicators"][0], officer=kevin)
    return council | {"director": director, "manager": manager, "kevin": kevin, "lee": signed_in}


def sent_to() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_before_the_deadline_each_officer_gets_one_digest_and_managers_nothing(council):
    summary = reminders_send(today=date(2026, 10, 20))

    kevin, manager = council["kevin"], council["manager"]
    assert sent_to() == sorted([kevin.email, manager.email, "lee@example.org"])
    assert summary.no_address == ["No Address"]
    digest = next(m for m in mail.outbox if m.to == [kevin.email])
    assert digest.subject == "Reminder: your return for 2026/27 Q2 is due"
    assert digest.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Dear Kevin Marsh" in digest.body
    assert "due by 30 October 2026. 1 of 1 task update, 1 of 1 value done." in digest.body
    assert "Everything is in: submit it from http" in digest.body  # all done, just not submitted
    html, mime = digest.alternatives[0]
    assert mime == "text/html" and "Everything is in" in html
    assert "OVERDUE" not in digest.body
    to_do = next(m for m in mail.outbox if m.to == [manager.email])  # the manager's task has no Q2 update
    # the link opens the return's check page, which lists what is missing with a link to each
    link = settings.SITE_URL + reverse("actions:return-submit", args=[council["q2"].pk, manager.pk])
    assert f"Make it: {link}" in to_do.body
    assert f'<a href="{link}">' in to_do.alternatives[0][0]


def test_one_digest_lists_every_open_period(council):
    q3 = ReportingPeriodFactory(financial_year=2026, number=3, state="open", deadline=date(2027, 1, 29))
    assert q3.label == "2026/27 Q3"
    reminders_send(today=date(2026, 11, 2))
    digest = next(m for m in mail.outbox if m.to == [council["kevin"].email])
    assert digest.subject == "Overdue: your return for 2026/27 Q2"
    assert "OVERDUE" in digest.body and "DUE – please make" in digest.body
    assert "2026/27 Q2 (July to September 2026): was due by 30 October 2026" in digest.body
    assert "Everything is in: submit it from" in digest.body  # Kevin's Q2 update and value are in
    assert "2026/27 Q3 (October to December 2026): due by 29 January 2027" in digest.body
    assert len([m for m in mail.outbox if m.to == [council["kevin"].email]]) == 1


def test_after_the_deadline_the_nearest_manager_hears_who_is_late(council):
    return_submit(officer=council["lee"], period=council["q2"], user=None)  # Lee is not late

    reminders_send(today=date(2026, 11, 2))

    manager, director = council["manager"], council["director"]
    late_lists = {m.to[0]: m for m in mail.outbox if m.subject.startswith("Late returns")}
    assert set(late_lists) == {manager.email, director.email}
    # Kevin and No Address are late in Waste: their manager hears; the manager's own late return goes up a level.
    waste_list = late_lists[manager.email]
    assert waste_list.subject == "Late returns: 2 officers in your units"
    assert "Kevin Marsh" in waste_list.body and "No Address" in waste_list.body
    assert "Alison Hardy" not in waste_list.body.replace("Dear Alison Hardy", "")
    assert "Alison Hardy" in late_lists[director.email].body
    assert f"{settings.SITE_URL}/tasks/returns/?period={council['q2'].pk}" in waste_list.body
    assert "Kevin Marsh" in waste_list.alternatives[0][0]
    assert "Lee Walsh" not in "".join(m.body for m in late_lists.values())


def test_a_sent_back_return_is_still_due_and_says_why(council):
    record = return_submit(officer=council["kevin"], period=council["q2"], user=None)
    return_send_back(record=record, user=None, comment="Add the Q2 update.")
    reminders_send(today=date(2026, 10, 20))
    digest = next(m for m in mail.outbox if m.to == [council["kevin"].email])
    assert 'sent back by your manager: "Add the Q2 update."' in digest.body


def test_sending_twice_on_the_same_day_sends_nothing_new(council):
    first = reminders_send(today=date(2026, 11, 2))
    count = len(mail.outbox)
    second = reminders_send(today=date(2026, 11, 2))

    assert count == len(first.sent) == 5  # three digests, two late lists
    assert len(mail.outbox) == count
    assert (second.sent, second.already_sent) == ([], 5)
    assert ReminderSent.objects.filter(sent_on=date(2026, 11, 2)).count() == 5
    reminders_send(today=date(2026, 11, 3))  # the next day is a new day
    assert len(mail.outbox) == 2 * count


def test_submitted_and_approved_returns_are_not_chased(council):
    for officer in (council["kevin"], council["lee"], council["manager"]):
        return_submit(officer=officer, period=council["q2"], user=None)
    reminders_send(today=date(2026, 11, 2))
    # Only No Address is late (and cannot be e-mailed): just their manager hears.
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        (council["manager"].email, "Late returns: 1 officer in your units")
    ]


def test_the_command_prints_what_it_sent_and_checks_its_date(council):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-10-20", stdout=out)
    assert "Reminders for 2026-10-20: 3 sent." in out.getvalue()
    assert f"Returns due: Kevin Marsh <{council['kevin'].email}>" in out.getvalue()
    assert "No e-mail address for: No Address." in out.getvalue()
    with pytest.raises(CommandError, match="--date must be a date like"):
        call_command("send_reminders", "--date", "20/10/2026", stdout=StringIO())


def test_an_officer_late_for_two_periods_is_counted_once_in_the_managers_subject(council):
    for officer in (council["lee"], council["manager"]):
        return_submit(officer=officer, period=council["q2"], user=None)
    q1 = council["q1"]
    q1.state, q1.deadline = "open", date(2026, 8, 11)  # reopened, and also late
    q1.save()
    for officer in (council["lee"], council["manager"]):
        return_submit(officer=officer, period=q1, user=None)

    reminders_send(today=date(2026, 11, 2))

    late_list = next(m for m in mail.outbox if m.to == [council["manager"].email])
    # Kevin and No Address are each late for Q1 and Q2: two officers, four returns.
    assert late_list.subject == "Late returns: 2 officers in your units"
    assert late_list.body.count("Kevin Marsh") == 2
