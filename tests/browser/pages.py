"""Every page officers, managers, the performance team and committee clerks reach in a quarter (admin
excluded), on a small council with one of everything: the reflow test visits them at 320 px in Chromium
and the Nu Html Checker test reads them through Django's test client."""

from django.urls import reverse

from actions.models import ProgressUpdate
from actions.services import return_submit
from reporting.reports.services import report_create
from risks.tests.factories import RiskFactory, RiskOwnerFactory, RiskReviewFactory
from serviceplans.roles import COMMITTEE_CLERKS, MANAGERS, OFFICERS, PERFORMANCE_TEAM, roles_ensure
from tests.builders import small_council, staff_of
from tests.factories import IndicatorOfficerFactory, OfficerFactory, TaskOfficerFactory, UserFactory

ROLES = ("officer", "manager", "performance", "clerk")
PASSWORD = "correct-horse-battery"


def quarter_world() -> dict:
    """Q2 open with a submitted return, a risk under review and a draft committee report."""
    council = small_council(size=2)
    waste = council["services"][0]
    people = staff_of(
        waste,
        [
            ("manager", "Alison Hardy", MANAGERS, False),
            ("officer", "Kevin Marsh", OFFICERS, False),
            ("performance", "Priya Shah", PERFORMANCE_TEAM, True),
            ("clerk", "Carol Clerk", COMMITTEE_CLERKS, True),
        ],
        head="manager",
        job_title="Service Manager",
    )
    groups = roles_ensure()
    task, other, theirs = council["tasks"][0], council["tasks"][2], council["tasks"][1]
    for each in (task, other):
        TaskOfficerFactory(task=each, officer=people["officer"])
    # A colleague has submitted their return: the manager has it to decide; the officer's is still open.
    colleague = OfficerFactory(
        user=UserFactory(username="colleague"), name="Jas Kaur", unit=waste, job_title="Waste Officer"
    )
    colleague.user.groups.add(groups[OFFICERS])
    TaskOfficerFactory(task=theirs, officer=colleague)
    ProgressUpdate.objects.filter(task=other, period=council["q2"]).delete()  # one update still to do
    ProgressUpdate.objects.filter(task=task, period=council["q2"]).update(
        commentary="Food waste collections now reach 9,000 homes across the borough's northern wards."
    )
    indicator = council["indicators"][0]
    IndicatorOfficerFactory(indicator=indicator, officer=people["officer"])
    risk = RiskFactory(unit=waste, plan=council["plan"], reference="WST-01", title="Recycling income falls")
    RiskOwnerFactory(risk=risk, officer=people["officer"])
    RiskReviewFactory(risk=risk, period=council["q1"], likelihood=3, impact=4, commentary="Prices steady.")
    the_return = return_submit(
        officer=colleague,
        period=council["q2"],
        user=colleague.user,
        gaps_reason="The contractor's figures arrive in November.",
    )
    report = report_create(
        user=people["clerk"].user,
        plan=council["plan"],
        period=council["q2"],
        committee="Environment Scrutiny Committee",
    )
    return council | {
        "people": people,
        "task": task,
        "other_task": other,
        "colleague": colleague,
        "indicator": indicator,
        "risk": risk,
        "return": the_return,
        "report": report,
    }


def pages_by_role(world: dict) -> dict[str, list[str]]:
    """The URLs each role reaches, read-only ones and forms alike."""
    q2, plan, officer, colleague = world["q2"], world["plan"], world["people"]["officer"], world["colleague"]
    everyone = [
        reverse("home"),
        reverse("reporting:dashboard"),
        reverse("plans:plan-list"),
        reverse("plans:plan-detail", args=[plan.slug]),
        reverse("actions:task-list"),
        reverse("actions:task-detail", args=[world["task"].pk]),
        reverse("indicators:indicator-list"),
        reverse("indicators:indicator-detail", args=[world["indicator"].pk]),
        reverse("risks:risk-list"),
        reverse("risks:risk-detail", args=[world["risk"].pk]),
        reverse("reporting:report-list"),
        reverse("reporting:plan-document-preview", args=[plan.slug]),
        "/api/docs",
    ]
    preview = reverse("reporting:report-detail", args=[world["report"].pk])  # drafts: not for officers
    the_return = reverse("actions:return-detail", args=[q2.pk, colleague.pk])
    return {
        "officer": everyone
        + [
            reverse("actions:bulk-update", args=[q2.pk]),
            reverse("actions:task-update", args=[world["other_task"].pk, q2.pk]),
            reverse("indicators:value-enter", args=[world["indicator"].pk, q2.pk]),
            reverse("risks:risk-review", args=[world["risk"].pk, q2.pk]),
            reverse("actions:return-submit", args=[q2.pk, officer.pk]),
            reverse("actions:return-detail", args=[q2.pk, officer.pk]),
        ],
        "manager": everyone
        + [
            preview,
            reverse("actions:return-list"),
            the_return,
            reverse("risks:return-reviews", args=[q2.pk, colleague.pk]),
        ],
        "performance": everyone
        + [
            preview,
            reverse("actions:return-list"),
            the_return,
            reverse("plans:period-list"),
            reverse("reporting:report-create"),
            reverse("reporting:report-update", args=[world["report"].pk]),
            reverse("workbook:import-upload"),
        ],
        "clerk": everyone
        + [
            preview,
            reverse("reporting:report-create"),
            reverse("reporting:report-update", args=[world["report"].pk]),
            reverse("reporting:report-publish", args=[world["report"].pk]),
        ],
    }
