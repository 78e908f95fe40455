"""The export: the same format the importer reads, so export → import gives the same plan."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from actions.models import ProgressStatus, Task
from indicators.models import Framework, Indicator
from plans.models import Plan
from reporting.workbook.export import plan_workbook_bytes
from reporting.workbook.importer import plan_import
from reporting.workbook.template import template_workbook_bytes
from serviceplans.periods import FinancialYear
from tests.factories import (
    IndicatorFactory,
    IndicatorOfficerFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    ObjectiveFactory,
    OfficerFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    ProgressUpdateFactory,
    ReportingPeriodFactory,
    TargetFactory,
    TaskFactory,
    TaskOfficerFactory,
)

pytestmark = pytest.mark.django_db


def build_plan(size: int = 2, prefix: str = "") -> Plan:
    council = OrganisationUnitFactory(
        name=f"{prefix}Millbrook Council", kind="council", slug=f"{prefix}millbrook"
    )
    directorate = OrganisationUnitFactory(
        name="Chief Executive's", kind="directorate", parent=council, slug=f"{prefix}ce"
    )
    owner = OfficerFactory(name="A. McCorkle")
    plan = PlanFactory(
        title="Chief Executive's Service Plan",
        unit=directorate,
        first_year=2007,
        years=3,
        reporting_frequency=Plan.Frequency.HALF_YEARLY,
        owner=owner,
        committee="Cabinet",
    )
    q2 = ReportingPeriodFactory(financial_year=2007, kind="quarter", number=2)
    h1 = ReportingPeriodFactory(financial_year=2007, kind="half", number=1)
    last_year = ReportingPeriodFactory(financial_year=2006, kind="year", number=1)
    laa = Framework.objects.get(code="LAA")
    bvpi = Framework.objects.get(code="BVPI")
    officers = [OfficerFactory(name=name) for name in ("Jo Boulton", "Liz Clark", "S. Lawrence")]
    for number in range(size):
        section = PlanSectionFactory(plan=plan, title=f"Section {number}", order=number)
        objective = ObjectiveFactory(
            plan=plan, section=section, reference=f"{number + 1}", text="Encourage investment"
        )
        steps = TaskFactory(
            plan=plan,
            section=section,
            objective=objective,
            text="Build the centre",
            category=Task.Category.RISK_MANAGEMENT,
            risk="Funding falls through",
            resources="£260k growth",
            due_date=date(2008, 1, 31),
            due_date_text="Options appraisal – April 2007 Business case – June 2007 Capital work – Jan 2008",
            success_criteria="Centre open",
            responsibility_note="Overall Jo Boulton, but each team leader for work in their areas",
            order=1,
        )
        for order, (name, day, text) in enumerate(
            [
                ("Options appraisal", date(2007, 4, 30), "April 2007"),
                ("Business case", date(2007, 6, 30), "June 2007"),
                ("Capital work", date(2008, 1, 31), "Jan 2008"),
            ],
            start=1,
        ):
            MilestoneFactory(task=steps, name=name, due_date=day, due_date_text=text, order=order)
        TaskOfficerFactory(task=steps, officer=officers[0], order=0)
        TaskOfficerFactory(task=steps, officer=officers[1], order=1)
        ongoing = TaskFactory(
            plan=plan,
            section=section,
            text="Keep the register",
            due_date_text="On-going",
            ongoing=True,
            order=2,
        )
        TaskOfficerFactory(task=ongoing, officer=officers[2])
        plain = TaskFactory(
            plan=plan,
            section=section,
            text="Hold the forum",
            due_date_text="By April 2008",
            order=3,
            due_date=date(2008, 4, 30),
            reference="3a",
        )
        ProgressUpdateFactory(
            task=steps, period=q2, percent_complete=40, status=ProgressStatus.AMBER, commentary="Late"
        )
        ProgressUpdateFactory(task=plain, period=h1, percent_complete=100, status=ProgressStatus.COMPLETED)

        jobs = IndicatorFactory(
            plan=plan,
            section=section,
            name="Jobs created",
            unit=Indicator.Unit.NUMBER,
            polarity=Indicator.Polarity.HIGHER,
            tolerance_percent=Decimal("2.5"),
            order=1,
            reference_code="BV 12",
        )
        jobs.frameworks.add(laa, bvpi)
        IndicatorOfficerFactory(indicator=jobs, officer=officers[0])
        TargetFactory(indicator=jobs, financial_year=2006, value=900)
        TargetFactory(indicator=jobs, financial_year=2007, value=1000)
        TargetFactory(indicator=jobs, financial_year=2008, value=Decimal("1118000"))
        TargetFactory(indicator=jobs, financial_year=2009, value=None, text="Dependent on available funds")
        IndicatorValueFactory(indicator=jobs, period=last_year, value=950)
        IndicatorValueFactory(indicator=jobs, period=q2, value=480, note="Good half")
        rate = IndicatorFactory(
            plan=plan,
            section=section,
            name="Residents in work",
            unit=Indicator.Unit.PERCENT,
            decimal_places=1,
            polarity=Indicator.Polarity.LOWER,
            order=2,
        )
        TargetFactory(indicator=rate, financial_year=2007, value=Decimal("90.5"))
        IndicatorValueFactory(indicator=rate, period=q2, value=None, no_data_reason="Survey not yet run")
    return plan


def snapshot(plan: Plan) -> dict:
    plan = Plan.objects.get(pk=plan.pk)
    tasks = []
    for task in Task.objects.filter(plan=plan).order_by("section__order", "order"):
        tasks.append(
            (
                task.section.title,
                str(task.objective) if task.objective else "",
                task.category,
                task.reference,
                task.text,
                task.risk,
                task.resources,
                task.success_criteria,
                [link.officer.name for link in task.task_officers.all()],
                task.responsibility_note,
                task.due_date_text,
                task.due_date,
                task.ongoing,
                [(m.name, m.due_date, m.due_date_text) for m in task.milestones.all()],
                sorted(
                    (u.period.label, u.percent_complete, u.status, u.commentary) for u in task.updates.all()
                ),
            )
        )
    indicators = []
    for indicator in Indicator.objects.filter(plan=plan).order_by("section__order", "order"):
        indicators.append(
            (
                indicator.section.title,
                indicator.name,
                indicator.reference_code,
                indicator.unit,
                indicator.decimal_places,
                indicator.polarity,
                indicator.tolerance_percent,
                sorted(f.code for f in indicator.frameworks.all()),
                [link.officer.name for link in indicator.indicator_officers.all()],
                sorted((t.financial_year, t.value, t.text) for t in indicator.targets.all()),
                sorted(
                    (v.period.label, v.value, v.text_value, v.no_data_reason, v.note)
                    for v in indicator.values.all()
                ),
            )
        )
    return {
        "plan": (
            plan.title,
            plan.unit.name,
            plan.unit.parent.name,
            plan.first_year,
            plan.years,
            plan.reporting_frequency,
            plan.owner.name,
            plan.committee,
        ),
        "sections": list(plan.sections.order_by("order").values_list("title", flat=True)),
        "tasks": tasks,
        "indicators": indicators,
    }


def test_export_then_import_gives_the_same_plan():
    plan = build_plan()
    before = snapshot(plan)
    data = plan_workbook_bytes(plan)

    plan.delete()  # officers, units, frameworks and periods remain
    result = plan_import(workbook_bytes=data)

    assert result.ok, result.errors
    assert result.warnings == []
    assert result.officers_created == []
    imported = Plan.objects.get()
    assert imported.status == Plan.Status.DRAFT
    assert snapshot(imported) == before


def test_export_then_import_into_an_empty_database():
    plan = build_plan(size=1)
    before = snapshot(plan)
    data = plan_workbook_bytes(plan)
    for model in (Plan,):
        model.objects.all().delete()
    from plans.models import Officer, OrganisationUnit

    Plan.history.all().delete()
    Officer.objects.all().delete()
    OrganisationUnit.objects.filter(parent__isnull=False).delete()
    OrganisationUnit.objects.all().delete()

    result = plan_import(workbook_bytes=data)

    assert result.ok, result.errors
    assert sorted(result.officers_created) == ["A. McCorkle", "Jo Boulton", "Liz Clark", "S. Lawrence"]
    assert snapshot(Plan.objects.get()) == before


def test_the_export_has_ids_and_computed_columns_with_frozen_headers():
    plan = build_plan(size=1)
    workbook = load_workbook(io.BytesIO(plan_workbook_bytes(plan)))

    assert workbook.sheetnames == ["Plan", "Tasks", "Indicators", "Progress", "Actuals"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
    tasks = workbook["Tasks"]
    assert [c.value for c in tasks[1]][:3] == ["ID", "Section", "Category"]
    assert tasks.column_dimensions["G"].width == 50
    assert any("Risk management" in dv.formula1 for dv in tasks.data_validations.dataValidation)
    indicators = workbook["Indicators"]
    headers = [c.value for c in indicators[1]]
    assert {"Comm.", "LAA", "BVPI", "2007/08", "2008/09", "2009/10", "Last year target"} <= set(headers)
    actuals = workbook["Actuals"]
    headers = [c.value for c in actuals[1]]
    assert headers[-3:] == ["Target for period", "RAG", "Symbol"]
    rows = {row[2]: row for row in actuals.iter_rows(min_row=2, values_only=True)}
    assert rows["Jobs created"][-2:] == ("Red", "▲ Worse than target range")  # 480 against 1000
    assert rows["Residents in work"][-2] == "No data"


def test_the_export_shows_figures_in_the_indicators_own_number_format():
    """Targets and values are real numbers, shown as the indicator's list and the committee workbook show
    them: the indicator's decimal places and its unit (indicators.values.excel_number_format)."""
    plan = build_plan(size=1)
    workbook = load_workbook(io.BytesIO(plan_workbook_bytes(plan)))
    indicators = workbook["Indicators"]
    headers = [c.value for c in indicators[1]]
    rows = {row[2].value: row for row in indicators.iter_rows(min_row=2)}
    target = rows["Residents in work"][headers.index("2007/08")]
    assert target.value == Decimal("90.5") and target.number_format == '#,##0.0"%"'
    jobs = rows["Jobs created"][headers.index("2008/09")]
    assert jobs.value == 1118000 and jobs.number_format == "#,##0"
    actuals = {row[2].value: row for row in workbook["Actuals"].iter_rows(min_row=2)}
    assert actuals["Jobs created"][4].value == 480 and actuals["Jobs created"][4].number_format == "#,##0"


def test_the_export_takes_the_same_queries_at_any_size():
    """Queries: the plan with its unit and owner; the unit tree; council settings; tasks; their officers;
    milestones; indicators; their frameworks; officers; targets; progress updates; values; frameworks; and
    the plan's risks for the Risks sheet (none here)."""
    small = build_plan(size=1)
    with CaptureQueriesContext(connection) as few:
        plan_workbook_bytes(small)
    large = build_plan(size=6, prefix="Other ")
    with CaptureQueriesContext(connection) as many:
        plan_workbook_bytes(large)
    assert len(few) == len(many) == 14


def test_the_template_has_headers_notes_and_drop_downs():
    workbook = load_workbook(io.BytesIO(template_workbook_bytes()))

    assert workbook.sheetnames == ["Notes", "Plan", "Tasks", "Indicators", "Progress", "Actuals"]
    assert "Due Date" in workbook["Notes"]["B5"].value
    assert [c.value for c in workbook["Tasks"][1]] == [
        "Section",
        "Category",
        "Objective",
        "Risk",
        "Task",
        "Responsible Officer",
        "Resources",
        "Due Date",
        "Success criteria",
    ]
    indicator_headers = [c.value for c in workbook["Indicators"][1]]
    assert indicator_headers[:8] == [
        "Section",
        "Key Performance Measure",
        "Comm.",
        "LAA",
        "Corp.",
        "NRF",
        "CPA",
        "BVPI",
    ]
    assert "NI" in indicator_headers  # a framework known to the system
    assert [c.value for c in workbook["Plan"]["A"]][1:] == [
        "Council",
        "Directorate",
        "Title",
        "First year",
        "Years",
        "Reporting frequency",
        "Plan owner",
    ]

    def lists(sheet):
        return {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}

    assert "Equality and diversity" in lists(workbook["Tasks"])["B2"]
    assert (
        "Lower is better"
        in lists(workbook["Indicators"])[
            f"{workbook['Indicators'].cell(row=1, column=indicator_headers.index('Polarity') + 1).column_letter}2"
        ]
    )
    assert "Not started" in lists(workbook["Progress"])["E2"]
    assert "Half-yearly" in lists(workbook["Plan"])["B7"]
    for sheet in workbook.worksheets[1:]:
        assert sheet.freeze_panes == "A2"


def test_a_filled_in_template_imports():
    workbook = load_workbook(io.BytesIO(template_workbook_bytes()))
    plan = workbook["Plan"]
    for row, value in enumerate(
        [
            "Millbrook",
            "Resources",
            "Resources Plan",
            FinancialYear.containing(date.today()).label,
            1,
            "Quarterly",
            "",
        ],
        start=2,
    ):
        plan.cell(row=row, column=2, value=value)
    workbook["Tasks"].append(["Finance", "", "", "", "Close the accounts", "J Smith", "", "June 2030", ""])
    headers = [c.value for c in workbook["Indicators"][1]]
    row = [None] * len(headers)
    row[0], row[1] = "Finance", "Invoices paid on time"
    row[headers.index("Polarity")] = "Higher is better"
    workbook["Indicators"].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = plan_import(workbook_bytes=buffer.getvalue())

    assert result.ok, result.errors
    assert result.warnings == []
    assert Task.objects.get().due_date == date(2030, 6, 30)


def test_the_template_keeps_plan_values_as_text():
    workbook = load_workbook(io.BytesIO(template_workbook_bytes()))
    assert workbook["Plan"]["B5"].number_format == "@"
