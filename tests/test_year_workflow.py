"""A whole year's cycle through the real pages, as each person would do it.

The performance team (Priya Patel) gets the plan approved and published, schedules the year and opens Q1.
Two waste officers (Kevin Marsh and Jas Kaur) make their updates and submit their returns; their manager
(Alison Hardy) sends Kevin's back with a comment and approves Jas's; Kevin sees why, fixes it and resubmits;
Alison approves it. Reminders go out (to the right people, once a day, and to the late officer's manager
after the deadline). The period closes (edits refused), is published, and the task's audit trail names
every step and who took it.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.models import ProgressUpdate, ReminderSent
from indicators.models import IndicatorValue
from plans.models import Plan, ReportingPeriod, Return
from serviceplans.roles import MANAGERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.factories import (
    IndicatorFactory,
    IndicatorOfficerFactory,
    OfficerFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    TargetFactory,
    TaskFactory,
    TaskOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2026


def person(username, full_name, group, unit=None, *, heads=None):
    user = UserFactory(username=username, first_name=full_name.split()[0], last_name=full_name.split()[1])
    user.groups.add(roles_ensure()[group])
    officer = OfficerFactory(user=user, name=full_name, unit=unit)
    for head_of in heads or []:
        head_of.head = officer
        head_of.save()
    return user, officer


@pytest.fixture
def council():
    top = OrganisationUnitFactory(name="Millbrook Council", kind="council", slug="council")
    environment = OrganisationUnitFactory(
        name="Environment", kind="directorate", parent=top, slug="environment"
    )
    waste = OrganisationUnitFactory(name="Waste and Recycling", parent=environment, slug="waste")
    parks = OrganisationUnitFactory(name="Parks", parent=environment, slug="parks")
    people = {
        "priya": person("priya", "Priya Patel", PERFORMANCE_TEAM),
        "alison": person("alison", "Alison Hardy", MANAGERS, waste, heads=[waste]),
        "dev": person("dev", "Dev Brennan", MANAGERS, environment, heads=[environment, parks]),
        "kevin": person("kevin", "Kevin Marsh", OFFICERS, waste),
        "jas": person("jas", "Jas Kaur", OFFICERS, waste),
        "lee": person("lee", "Lee Walsh", OFFICERS, parks),
    }
    plan = PlanFactory(
        title="Environment Service Plan",
        slug="environment-2026-27",
        unit=environment,
        first_year=YEAR,
        owner=people["dev"][1],
        committee="Environment Scrutiny Committee",
    )
    waste_section = PlanSectionFactory(plan=plan, title="Waste and Recycling", unit=waste)
    parks_section = PlanSectionFactory(plan=plan, title="Parks", unit=parks)
    tasks = {
        "kevin": TaskFactory(section=waste_section, plan=plan, text="Roll out food waste collections"),
        "jas": TaskFactory(section=waste_section, plan=plan, text="Review trade waste charges"),
        "lee": TaskFactory(section=parks_section, plan=plan, text="Refurbish the Riverside play area"),
    }
    for name, task in tasks.items():
        TaskOfficerFactory(task=task, officer=people[name][1])
    indicator = IndicatorFactory(section=waste_section, plan=plan, name="Household waste recycled")
    IndicatorOfficerFactory(indicator=indicator, officer=people["kevin"][1])
    TargetFactory(indicator=indicator, financial_year=YEAR, value=45)
    return {"plan": plan, "people": people, "tasks": tasks, "indicator": indicator}


def as_(client, council, name):
    client.force_login(council["people"][name][0])
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def update(client, task, period, percent, status, commentary, version):
    return client.post(
        reverse("actions:task-update", args=[task.pk, period.pk]),
        {"percent_complete": percent, "status": status, "commentary": commentary, "version": version},
    )


def test_a_whole_year(client, council):
    plan, tasks, people = council["plan"], council["tasks"], council["people"]
    kevin, jas, lee = (people[n][1] for n in ("kevin", "jas", "lee"))

    # -- The plan: the owner submits it, the performance team records approval and publishes it. -----------
    as_(client, council, "kevin")
    assert client.post(reverse("plans:plan-step", args=[plan.slug, "submit"])).status_code == 403
    as_(client, council, "dev")
    response = client.post(reverse("plans:plan-step", args=[plan.slug, "submit"]), follow=True)
    assert "Environment Service Plan 2026/27 has been submitted for approval." in messages_of(response)
    assert client.post(reverse("plans:plan-step", args=[plan.slug, "approve"])).status_code == 403
    as_(client, council, "priya")
    response = client.post(
        reverse("plans:plan-step", args=[plan.slug, "approve"]),
        {"committee": "Environment Scrutiny Committee", "approved_on": "20/03/2026"},
        follow=True,
    )
    assert "Environment Service Plan 2026/27 has been recorded as approved." in messages_of(response)
    client.post(reverse("plans:plan-step", args=[plan.slug, "publish"]))
    plan.refresh_from_db()
    assert (plan.status, plan.approved_on) == (Plan.Status.PUBLISHED, date(2026, 3, 20))

    # -- Periods: schedule the year's quarters, open Q1. ----------------------------------------------------
    response = client.post(
        reverse("plans:period-list"), {"financial_year": "2026/27", "kinds": "quarter", "deadline_days": "30"}
    )
    assert response.status_code == 302
    quarters = ReportingPeriod.objects.filter(financial_year=YEAR, kind="quarter").order_by("number")
    assert [(p.label, p.state) for p in quarters] == [(f"2026/27 Q{n}", "scheduled") for n in range(1, 5)]
    q1 = quarters[0]
    assert q1.deadline == date(2026, 7, 30)
    client.post(reverse("plans:period-step", args=[q1.pk, "open"]))
    q1.refresh_from_db()
    assert q1.state == ReportingPeriod.State.OPEN

    # -- Officers make their updates and submit their returns. ----------------------------------------------
    as_(client, council, "kevin")
    home = client.get(reverse("home")).content.decode()
    assert "Submit my return" in home
    assert update(client, tasks["kevin"], q1, 25, "green", "Pilot round started.", 0).status_code == 302
    client.post(
        reverse("indicators:value-enter", args=[council["indicator"].pk, q1.pk]),
        {"value": "44", "no_data_reason": "", "note": "", "version": "0"},
    )
    assert IndicatorValue.objects.filter(indicator=council["indicator"], period=q1).exists()
    response = client.post(reverse("actions:return-submit", args=[q1.pk, kevin.pk]), follow=True)
    assert "Your return for 2026/27 Q1 has been submitted to Alison Hardy for sign-off." in messages_of(
        response
    )
    # Submitted: Kevin's Q1 updates are read-only to him until it is sent back.
    assert update(client, tasks["kevin"], q1, 30, "green", "More.", 1).status_code == 403
    # Nobody submits someone else's return.
    assert client.post(reverse("actions:return-submit", args=[q1.pk, jas.pk])).status_code == 403

    as_(client, council, "jas")
    update(client, tasks["jas"], q1, 20, "green", "Charges benchmarked.", 0)
    client.post(reverse("actions:return-submit", args=[q1.pk, jas.pk]))

    # -- The manager sends Kevin's back with a comment and approves Jas's. ----------------------------------
    as_(client, council, "alison")
    page = client.get(reverse("actions:return-list"))
    assert page.status_code == 200
    [waste_group] = page.context["groups"]  # Alison heads Waste only, so Lee (Parks) is not shown
    assert waste_group.counts == {"not_started": 0, "submitted": 2, "approved": 0, "sent_back": 0}
    kevin_return = Return.objects.get(officer=kevin, period=q1)
    jas_return = Return.objects.get(officer=jas, period=q1)
    response = client.post(
        reverse("actions:return-decide", args=[kevin_return.pk, "send_back"]), {"comment": ""}
    )
    assert response.status_code == 200
    assert "Enter a comment saying what the officer needs to put right" in response.content.decode()
    client.post(
        reverse("actions:return-decide", args=[kevin_return.pk, "send_back"]),
        {"comment": "Please explain the dip in the recycling rate."},
    )
    client.post(reverse("actions:return-decide", args=[jas_return.pk, "approve"]))
    # A manager cannot decide returns outside their units; an officer cannot decide at all.
    as_(client, council, "jas")
    assert client.post(reverse("actions:return-decide", args=[kevin_return.pk, "approve"])).status_code == 403
    assert client.get(reverse("actions:return-list")).status_code == 403

    # -- Kevin sees why, fixes it and resubmits; Alison approves. -------------------------------------------
    as_(client, council, "kevin")
    home = client.get(reverse("home")).content.decode()
    assert "Return sent back" in home
    assert "Please explain the dip in the recycling rate." in home
    assert "by Alison Hardy" in home
    assert (
        update(
            client, tasks["kevin"], q1, 25, "green", "Pilot round started; recycling dipped in June.", 1
        ).status_code
        == 302
    )
    client.post(reverse("actions:return-submit", args=[q1.pk, kevin.pk]))
    as_(client, council, "alison")
    client.post(reverse("actions:return-decide", args=[kevin_return.pk, "approve"]))
    assert dict(Return.objects.filter(period=q1).values_list("officer__name", "state")) == {
        "Kevin Marsh": "approved",
        "Jas Kaur": "approved",
    }

    # -- Reminders: before the deadline only Lee owes a return; once each day. -------------------------------
    mail.outbox.clear()
    out = StringIO()
    call_command("send_reminders", "--date", "2026-07-25", stdout=out)
    assert [m.to for m in mail.outbox] == [[lee.email]]
    assert f"Returns due: Lee Walsh <{lee.email}>" in out.getvalue()
    digest = mail.outbox[0]
    assert "2026/27 Q1" in digest.subject and "due" in digest.subject
    assert "due by 30 July 2026" in digest.body
    assert settings.SITE_URL + reverse("actions:return-submit", args=[q1.pk, lee.pk]) in digest.body
    html, mime = digest.alternatives[0]
    assert mime == "text/html" and "<a href=" in html and "2026/27 Q1" in html
    out = StringIO()
    call_command("send_reminders", "--date", "2026-07-25", stdout=out)
    assert len(mail.outbox) == 1  # nothing new the same day
    assert "0 sent" in out.getvalue() and "1 already sent today" in out.getvalue()

    # After the deadline: Lee is told it is overdue, and Lee's manager (Dev, head of Parks) who is late.
    call_command("send_reminders", "--date", "2026-08-03", stdout=StringIO())
    later = mail.outbox[1:]
    assert sorted(tuple(m.to) for m in later) == sorted([(lee.email,), (people["dev"][1].email,)])
    overdue = next(m for m in later if m.to == [lee.email])
    assert overdue.subject.startswith("Overdue")
    late_list = next(m for m in later if m.to == [people["dev"][1].email])
    assert "Lee Walsh" in late_list.body and "Kevin Marsh" not in late_list.body
    assert "Lee Walsh" in late_list.alternatives[0][0]
    assert ReminderSent.objects.count() == 3

    # -- The period closes: officers' edits are refused; the performance team can still correct. -----------
    as_(client, council, "priya")
    client.post(reverse("plans:period-step", args=[q1.pk, "close"]))
    as_(client, council, "lee")
    assert update(client, tasks["lee"], q1, 10, "green", "Late.", 0).status_code == 403
    assert client.post(reverse("actions:return-submit", args=[q1.pk, lee.pk])).status_code == 302
    assert not Return.objects.filter(officer=lee).exists()
    as_(client, council, "priya")
    page = client.get(reverse("actions:task-detail", args=[tasks["lee"].pk]))
    assert [p.pk for p in page.context["updatable_periods"]] == []  # closed periods are not offered…
    assert (
        update(client, tasks["lee"], q1, 10, "green", "Entered by the performance team.", 0).status_code
        == 302
    )

    # -- Published: judgements frozen for reports. ----------------------------------------------------------
    response = client.post(reverse("plans:period-step", args=[q1.pk, "publish"]), follow=True)
    assert "2026/27 Q1 is published: its judgements are frozen for reports." in messages_of(response)
    q1.refresh_from_db()
    assert q1.state == ReportingPeriod.State.PUBLISHED
    assert IndicatorValue.objects.get(indicator=council["indicator"], period=q1).target_applied == 45

    # -- The audit trail on Kevin's task names every step and who took it. ----------------------------------
    as_(client, council, "jas")
    page = client.get(reverse("actions:task-detail", args=[tasks["kevin"].pk]))
    steps = [
        (e.who, e.what, e.action, [(c.field, c.old, c.new) for c in e.changes])
        for e in page.context["history"]
    ]
    steps.reverse()  # oldest first
    trail = [(who, what, action) for who, what, action, _changes in steps if what != "Task"]
    assert trail == [
        ("Kevin Marsh", "Update, 2026/27 Q1", "Created"),
        ("Kevin Marsh", "Kevin Marsh's return, 2026/27 Q1", "Submitted"),
        ("Alison Hardy", "Kevin Marsh's return, 2026/27 Q1", "Sent back"),
        ("Kevin Marsh", "Update, 2026/27 Q1", "Changed"),
        ("Kevin Marsh", "Kevin Marsh's return, 2026/27 Q1", "Submitted"),
        ("Alison Hardy", "Kevin Marsh's return, 2026/27 Q1", "Approved"),
    ]
    sent_back = next(s for s in steps if s[2] == "Sent back")
    assert sent_back[3] == [
        ("Comment", "(blank)", "Please explain the dip in the recycling rate."),
        ("State", "Submitted", "Sent back"),
    ]
    fixed = next(s for s in steps if s[1] == "Update, 2026/27 Q1" and s[2] == "Changed")
    assert fixed[3] == [
        ("Commentary", "Pilot round started.", "Pilot round started; recycling dipped in June.")
    ]
    html = page.content.decode()
    assert re.search(r"Alison Hardy.*Kevin Marsh&#x27;s return, 2026/27 Q1", html, re.S)
    assert ProgressUpdate.objects.get(task=tasks["kevin"], period=q1).version == 2
