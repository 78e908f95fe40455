from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.models import CouncilSettings, Plan, ReportingPeriod
from tests.factories import (
    ObjectiveFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    PriorityFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db


def test_units_form_a_tree_of_any_depth():
    council = OrganisationUnitFactory(name="Millbrook Council", kind="council")
    directorate = OrganisationUnitFactory(parent=council, kind="directorate")
    division = OrganisationUnitFactory(parent=directorate, kind="division")
    section = OrganisationUnitFactory(parent=division, kind="section")
    team = OrganisationUnitFactory(parent=section, kind="team")

    assert team.parent.parent.parent.parent == council
    assert list(council.children.all()) == [directorate]


def test_a_unit_cannot_be_moved_beneath_itself():
    council = OrganisationUnitFactory(kind="council")
    directorate = OrganisationUnitFactory(parent=council)
    council.parent = directorate

    with pytest.raises(ValidationError, match="beneath itself"):
        council.clean()


def test_a_unit_cannot_be_its_own_parent_in_the_database():
    unit = OrganisationUnitFactory()
    unit.parent_id = unit.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        unit.save()


def test_reporting_period_dates_are_derived_from_year_kind_and_number():
    period = ReportingPeriod.objects.create(financial_year=2008, kind="quarter", number=2)

    assert (period.start_date, period.end_date) == (date(2008, 7, 1), date(2008, 9, 30))
    assert str(period) == "2008/09 Q2"


def test_reporting_period_month_dates_follow_the_financial_year():
    period = ReportingPeriod.objects.create(financial_year=2007, kind="month", number=11)

    assert (period.start_date, period.end_date) == (date(2008, 2, 1), date(2008, 2, 29))
    assert period.label == "2007/08 M11"


@pytest.mark.parametrize(("kind", "number"), [("quarter", 5), ("half", 3), ("month", 13), ("year", 2)])
def test_reporting_period_number_must_fit_its_kind(kind, number):
    period = ReportingPeriod(financial_year=2008, kind=kind, number=number)
    with pytest.raises(ValidationError):
        period.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.bulk_create(
            [
                ReportingPeriod(
                    financial_year=2008,
                    kind=kind,
                    number=number,
                    start_date=date(2008, 4, 1),
                    end_date=date(2008, 6, 30),
                )
            ]
        )


def test_a_period_exists_once():
    ReportingPeriodFactory(financial_year=2008, kind="half", number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.create(financial_year=2008, kind="half", number=1)


@pytest.mark.parametrize("years", [0, 4])
def test_plan_covers_one_to_three_years(years):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(years=years)


def test_plan_labels_its_years_as_councils_write_them():
    assert PlanFactory.build(first_year=2008, years=1).years_label == "2008/09"
    assert PlanFactory.build(first_year=2006, years=3).years_label == "2006–2009"
    assert [str(y) for y in PlanFactory.build(first_year=2006, years=3).financial_years] == [
        "2006/07",
        "2007/08",
        "2008/09",
    ]


def test_plan_slug_is_unique():
    PlanFactory(slug="corporate-services-2008-09")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(slug="corporate-services-2008-09")


def test_plan_status_starts_as_draft():
    assert PlanFactory().status == Plan.Status.DRAFT


def test_section_titles_are_unique_within_a_plan_only():
    section = PlanSectionFactory(title="Economic Development")
    PlanSectionFactory(title="Economic Development")  # another plan: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanSectionFactory(plan=section.plan, title="Economic Development")


def test_objective_links_to_priorities_and_must_use_its_own_plans_section():
    pledge = PriorityFactory(code="Pledge 4", title="A Safer Salford")
    objective = ObjectiveFactory()
    objective.priorities.add(pledge)
    assert list(pledge.objectives.all()) == [objective]

    objective.section = PlanSectionFactory()  # a section of another plan
    with pytest.raises(ValidationError, match="same plan"):
        objective.clean()


def test_priority_years_must_be_in_order():
    assert PriorityFactory.build(first_year=2007, last_year=None).years_label == "2007/08 onwards"
    assert PriorityFactory.build(first_year=2007, last_year=2009).years_label == "2007/08 to 2009/10"
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(first_year=2009, last_year=2007)


def test_admin_finds_a_reporting_period_by_its_label(admin_client):
    ReportingPeriodFactory(financial_year=2008, kind="quarter", number=2)
    ReportingPeriodFactory(financial_year=2008, kind="quarter", number=3)

    response = admin_client.get("/admin/plans/reportingperiod/", {"q": "Q2 2008/09"})

    assert [p.label for p in response.context["cl"].result_list] == ["2008/09 Q2"]


def test_council_settings_are_one_row_with_sensible_defaults():
    settings = CouncilSettings.load()
    assert settings.default_tolerance_percent == Decimal("2.5")
    assert CouncilSettings.load().pk == settings.pk == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilSettings.objects.create(pk=2)


def test_council_settings_keep_amber_below_green():
    settings = CouncilSettings.load()
    settings.task_amber_at = Decimal("0.95")
    with pytest.raises(IntegrityError), transaction.atomic():
        settings.save()
