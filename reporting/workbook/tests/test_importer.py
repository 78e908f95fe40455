from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from actions.models import Milestone, ProgressStatus, ProgressUpdate, Task
from indicators.models import Framework, Indicator, IndicatorValue, Target
from plans.models import Officer, OrganisationUnit, Plan, PlanSection, ReportingPeriod
from reporting.workbook.importer import plan_import
from tests.factories import FrameworkFactory, OfficerFactory, OrganisationUnitFactory, UserFactory

from .helpers import (
    INDICATOR_HEADER,
    PLAN_ROWS,
    TASK_HEADER,
    good_workbook,
    indicator,
    sheets,
    task,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db

SECTION = "Economic Development"
STEPS = "Options appraisal – April 2007 Business case – June 2007 Capital work – Jan 2008"


def rows_in_database() -> int:
    return sum(
        model.objects.count()
        for model in (Plan, PlanSection, Task, Milestone, Indicator, Target, ProgressUpdate, IndicatorValue)
    )


def full_workbook() -> bytes:
    return good_workbook(
        tasks=[
            task(),
            task(text="Build the business centre", **{"Due Date": STEPS, "Category": "Risk management"}),
            task(
                text="Keep the register",
                **{"Due Date": "On-going", "Responsible Officer": "C. Smith and D Brown"},
            ),
            task(section="Community Safety", text="Implement the wardens initiative", Objective=""),
        ],
        indicators=[
            indicator(),
            indicator(
                name="Residents accessing employment", **{"2007/08": "90%", "08/09": "92%", "LAA": None}
            ),
        ],
        progress=[
            [SECTION, "Review the employment areas", "2007/08 Q2", 50, "Green", "On track"],
            [SECTION, "build the business centre ", "2007/08 Q2", "25%", "Amber", "Planning delayed"],
        ],
        actuals=[[SECTION, "Business enquiries", "2007/08 Q2", "330", "Good half year"]],
    )


def test_a_workbook_imports_as_a_draft_plan_with_every_part():
    result = plan_import(workbook_bytes=full_workbook())

    assert result.ok, result.errors
    plan = Plan.objects.get()
    assert result.plan_slug == plan.slug == "chief-executives-directorate-2007-2010"
    assert (plan.status, plan.first_year, plan.years, plan.reporting_frequency) == (
        "draft",
        2007,
        3,
        "quarterly",
    )
    assert plan.unit.name == "Chief Executive's Directorate"
    assert plan.unit.parent.name == "Millbrook Council"
    assert plan.owner.name == "A. McCorkle"
    assert dict(result.count_rows()) == {
        "Sections": 2,
        "Objectives": 1,
        "Tasks": 4,
        "Milestones": 3,
        "Indicators": 2,
        "Targets": 8,
        "Officers created": 4,
        "Progress updates": 2,
        "Values": 3,
    }
    assert result.officers_created == ["A. McCorkle", "C. Smith", "D Brown", "B. Jones"]

    review = Task.objects.get(text="Review the employment areas")
    assert (review.due_date_text, review.due_date, review.ongoing) == (
        "By April 2008",
        date(2008, 4, 30),
        False,
    )
    assert review.objective.reference == "1"
    assert review.objective.text == "To encourage investment in the city"
    assert review.category == Task.Category.SERVICE_IMPROVEMENT
    centre = Task.objects.get(text="Build the business centre")
    assert centre.category == Task.Category.RISK_MANAGEMENT
    assert [m.name for m in centre.milestones.all()] == ["Options appraisal", "Business case", "Capital work"]
    assert centre.due_date == date(2008, 1, 31)
    register = Task.objects.get(text="Keep the register")
    assert (register.due_date, register.ongoing) == (None, True)
    assert [o.name for o in register.officers.order_by("task_roles__order")] == ["C. Smith", "D Brown"]

    enquiries = Indicator.objects.get(name="Business enquiries")
    assert [f.code for f in enquiries.frameworks.all()] == ["LAA"]
    assert (enquiries.unit, enquiries.polarity, enquiries.tolerance_percent) == (
        "number",
        "higher",
        Decimal("2.5"),
    )
    targets = {t.financial_year: (t.value, t.text) for t in enquiries.targets.all()}
    assert targets == {
        2006: (Decimal("600"), ""),
        2007: (Decimal("650"), ""),
        2008: (Decimal("700"), ""),
        2009: (None, "Dependent on available funds"),
    }
    employment = Indicator.objects.get(name="Residents accessing employment")
    assert employment.unit == "percent"
    assert employment.targets.get(financial_year=2007).value == 90

    update = ProgressUpdate.objects.get(task=centre)
    assert (update.percent_complete, update.status, update.period.label) == (
        25,
        ProgressStatus.AMBER,
        "2007/08 Q2",
    )
    assert update.period.state == ReportingPeriod.State.CLOSED
    last_year = IndicatorValue.objects.get(indicator=enquiries, period__kind="year")
    assert (last_year.value, last_year.period.label) == (612, "2006/07")
    assert IndicatorValue.objects.get(indicator=enquiries, period__kind="quarter").value == 330


def test_existing_units_and_officers_are_matched_loosely():
    council = OrganisationUnitFactory(name="Millbrook Council", kind="council", slug="millbrook")
    directorate = OrganisationUnitFactory(name="chief executive's directorate", parent=council, slug="ce")
    section_unit = OrganisationUnitFactory(name="Economic development", parent=directorate, slug="ed")
    mccorkle = OfficerFactory(name="A McCorkle")
    jones = OfficerFactory(name="Barry Jones")

    result = plan_import(workbook_bytes=good_workbook())

    assert result.ok, result.errors
    plan = Plan.objects.get()
    assert plan.unit == directorate
    assert plan.sections.get().unit == section_unit
    assert list(Task.objects.get().officers.all()) == [mccorkle]
    assert list(Indicator.objects.get().officers.all()) == [jones]
    assert result.officers_created == []
    assert result.units_created == []
    assert Officer.objects.count() == 2


def test_an_initial_matches_only_one_officer():
    OfficerFactory(name="Barry Jones")
    OfficerFactory(name="Betty Jones")

    result = plan_import(workbook_bytes=good_workbook())

    assert "B. Jones" in result.officers_created


def test_the_slug_is_made_unique():
    plan_import(workbook_bytes=good_workbook())
    result = plan_import(workbook_bytes=good_workbook())
    assert result.plan_slug == "chief-executives-directorate-2007-2010-2"
    assert Plan.objects.count() == 2


def test_a_known_framework_code_works_as_a_column_and_frameworks_may_be_listed():
    FrameworkFactory(code="NI", name="National indicators")
    content = sheets()
    content["Indicators"] = [
        ["Section", "Key Performance Measure", "NI", "Frameworks", "2007/08"],
        [SECTION, "Jobs created", "x", "LAA, BVPI, XYZ", 1000],
    ]
    result = plan_import(workbook_bytes=workbook_bytes(content))

    assert result.ok, result.errors
    assert sorted(f.code for f in Indicator.objects.get().frameworks.all()) == ["BVPI", "LAA", "NI"]
    assert any(w.value == "XYZ" for w in result.warnings)


def test_unknown_columns_are_warnings_and_computed_columns_are_silent():
    content = sheets()
    content["Tasks"] = [[*TASK_HEADER, "Colour", "RAG"], [*task(), "Blue", "Green"]]
    result = plan_import(workbook_bytes=workbook_bytes(content))

    assert result.ok
    unknown = [w for w in result.warnings if "Unknown column" in w.reason]
    assert [(w.sheet, w.row, w.column, w.value) for w in unknown] == [("Tasks", 1, "J", "Colour")]


def test_a_missing_required_column_is_an_error():
    content = sheets()
    content["Tasks"] = [[h for h in TASK_HEADER if h != "Task"], task()[:4] + task()[5:]]
    result = plan_import(workbook_bytes=workbook_bytes(content))

    assert not result.ok
    assert any("“Task” is missing" in e.reason and e.sheet == "Tasks" for e in result.errors)


def test_headers_match_loosely():
    content = sheets()
    content["Tasks"] = [[h.upper() + " " for h in TASK_HEADER], task()]
    content["Indicators"][0] = [h.replace(".", "").lower() for h in INDICATOR_HEADER]
    result = plan_import(workbook_bytes=workbook_bytes(content))
    assert result.ok, result.errors
    assert Indicator.objects.get().frameworks.get().code == "LAA"


def test_an_excel_date_cell_is_a_date():
    result = plan_import(workbook_bytes=good_workbook(tasks=[task(**{"Due Date": date(2007, 6, 1)})]))
    assert result.ok
    assert (Task.objects.get().due_date, Task.objects.get().due_date_text) == (
        date(2007, 6, 1),
        "1 June 2007",
    )


def test_a_due_date_without_a_date_is_imported_with_a_warning():
    result = plan_import(workbook_bytes=good_workbook(tasks=[task(**{"Due Date": "When funding allows"})]))
    assert result.ok
    warning = next(w for w in result.warnings if "No date found" in w.reason)
    assert (warning.sheet, warning.row, warning.column) == ("Tasks", 2, "H")
    assert Task.objects.get().due_date is None


@pytest.mark.parametrize(
    ("value", "number", "text"),
    [
        ("£500,000", Decimal("500000"), ""),
        ("1.118 million", Decimal("1118000"), ""),
        ("90%", Decimal("90"), ""),
        ("Dependent on available funds", None, "Dependent on available funds"),
    ],
)
def test_target_values_are_read_by_the_engine(value, number, text):
    result = plan_import(workbook_bytes=good_workbook(indicators=[indicator(**{"2007/08": value})]))
    assert result.ok, result.errors
    target = Target.objects.get(financial_year=2007)
    assert (target.value, target.text) == (number, text)


@pytest.mark.parametrize("value", ["N/A", "-", None])
def test_no_value_makes_no_target(value):
    result = plan_import(workbook_bytes=good_workbook(indicators=[indicator(**{"2007/08": value})]))
    assert result.ok
    assert not Target.objects.filter(financial_year=2007).exists()


def test_a_percentage_formatted_cell_is_read_as_shown():
    def percent(workbook):
        cell = workbook["Indicators"]["N2"]
        cell.value = 0.9
        cell.number_format = "0%"

    content = sheets(
        indicators=[indicator(**{"Last year target": None, "Last year actual": None, "08/09": None})]
    )
    result = plan_import(workbook_bytes=workbook_bytes(content, edit=percent))
    assert result.ok, result.errors
    assert Target.objects.get(financial_year=2007).value == 90
    assert Indicator.objects.get().unit == "percent"


def test_a_cell_whose_percent_sign_is_only_quoted_text_is_read_as_its_number():
    """The export shows a percentage's figures with the format #,##0.0"%": 90.5 is shown as 90.5%, and is
    read back as 90.5, not as 9050%."""

    def quoted(workbook):
        cell = workbook["Indicators"]["N2"]
        cell.value = 90.5
        cell.number_format = '#,##0.0"%"'

    content = sheets(
        indicators=[indicator(**{"Last year target": None, "Last year actual": None, "08/09": None})]
    )
    result = plan_import(workbook_bytes=workbook_bytes(content, edit=quoted))
    assert result.ok, result.errors
    assert Target.objects.get(financial_year=2007).value == Decimal("90.5")


def test_bad_values_are_errors_with_sheet_row_column_value_and_reason():
    content = sheets(
        tasks=[task(), task(text="Second", Category="Gardening")],
        indicators=[indicator(Polarity="Sideways", Tolerance="lots")],
        progress=[[SECTION, "Second", "2007/08 Q5", 150, "Purple", ""]],
    )
    result = plan_import(workbook_bytes=workbook_bytes(content))

    found = {(e.sheet, e.row, e.column, e.value) for e in result.errors}
    assert ("Tasks", 3, "B", "Gardening") in found
    assert ("Indicators", 2, "J", "Sideways") in found
    assert ("Indicators", 2, "K", "lots") in found
    assert ("Progress", 2, "C", "2007/08 Q5") in found
    assert ("Progress", 2, "D", "150") in found
    assert ("Progress", 2, "E", "Purple") in found
    assert all(e.reason for e in result.errors)
    assert rows_in_database() == 0


def test_an_error_on_the_last_row_leaves_nothing_behind():
    tasks = [task(text=f"Task {n}") for n in range(30)]
    progress = [[SECTION, f"Task {n}", "2007/08 Q1", 10, "Green", ""] for n in range(30)]
    progress[-1][4] = "Unheard of"
    result = plan_import(workbook_bytes=good_workbook(tasks=tasks, progress=progress))

    assert [(e.sheet, e.row) for e in result.errors] == [("Progress", 31)]
    assert rows_in_database() == 0
    assert Officer.objects.count() == OrganisationUnit.objects.count() == ReportingPeriod.objects.count() == 0


def test_the_dry_run_writes_nothing_and_says_the_same():
    data = full_workbook()
    dry = plan_import(workbook_bytes=data, dry_run=True)
    assert dry.ok
    assert rows_in_database() == 0
    assert Officer.objects.count() == OrganisationUnit.objects.count() == ReportingPeriod.objects.count() == 0

    real = plan_import(workbook_bytes=data)
    assert real.summary_lines() == dry.summary_lines()
    assert rows_in_database() > 0


def test_blank_rows_are_skipped_and_spaces_trimmed():
    content = sheets(
        tasks=[
            task(),
            [None] * 9,
            ["  ", None, None, None, "   ", None, None, None, None],
            task(text="  Second  "),
        ],
        progress=[[f"  {SECTION}  ", "Second   ", " 2007/08 Q2 ", " 40 ", " green ", "  Fine  "]],
    )
    result = plan_import(workbook_bytes=workbook_bytes(content))

    assert result.ok, result.errors
    assert list(Task.objects.values_list("text", flat=True)) == ["Review the employment areas", "Second"]
    assert PlanSection.objects.get().title == SECTION
    update = ProgressUpdate.objects.get()
    assert (update.commentary, update.percent_complete) == ("Fine", 40)


def test_merged_section_cells_fill_down_with_a_warning():
    def merge(workbook):
        sheet = workbook["Tasks"]
        sheet["A3"] = None
        sheet["A4"] = None
        sheet.merge_cells("A2:A4")

    content = sheets(tasks=[task(text="One"), task(text="Two"), task(text="Three")])
    result = plan_import(workbook_bytes=workbook_bytes(content, edit=merge))

    assert result.ok, result.errors
    assert Task.objects.filter(section__title=SECTION).count() == 3
    warning = next(w for w in result.warnings if "merged" in w.reason)
    assert (warning.sheet, warning.row, warning.column) == ("Tasks", 2, "A")


def test_a_formula_without_a_saved_value_is_an_error():
    def formula(workbook):
        workbook["Indicators"]["N2"] = "=600+50"

    result = plan_import(workbook_bytes=workbook_bytes(sheets(), edit=formula))

    assert not result.ok
    error = result.errors[0]
    assert (error.sheet, error.row, error.column, error.value) == ("Indicators", 2, "N", "=600+50")
    assert "paste" in error.reason
    assert rows_in_database() == 0


def test_a_repeated_task_is_imported_with_a_warning_then_an_ambiguous_progress_row_is_an_error():
    repeated = [task(text="Hold the forum"), task(text="Hold the forum")]
    result = plan_import(workbook_bytes=good_workbook(tasks=repeated))
    assert result.ok
    assert Task.objects.filter(text="Hold the forum").count() == 2
    warning = next(w for w in result.warnings if "repeats" in w.reason)
    assert (warning.sheet, warning.row) == ("Tasks", 3)

    Plan.objects.all().delete()
    progress = [[SECTION, "Hold the forum", "2007/08 Q2", 50, "Green", ""]]
    result = plan_import(workbook_bytes=good_workbook(tasks=repeated, progress=progress))
    assert not result.ok
    error = result.errors[0]
    assert (error.sheet, error.row, error.column) == ("Progress", 2, "B")
    assert "ID column" in error.reason
    assert rows_in_database() == 0


def test_an_id_column_says_which_repeated_task_is_meant():
    content = sheets()
    content["Tasks"] = [
        ["ID", *TASK_HEADER],
        [7, *task(text="Hold the forum")],
        [8, *task(text="Hold the forum")],
    ]
    content["Progress"] = [
        ["ID", "Section", "Task", "Period", "Percent complete", "Status", "Commentary"],
        [8, SECTION, "Hold the forum", "2007/08 Q2", 50, "Green", "Second one"],
    ]
    result = plan_import(workbook_bytes=workbook_bytes(content))
    assert result.ok, result.errors
    update = ProgressUpdate.objects.get()
    assert update.task == Task.objects.order_by("order").last()


def test_an_unknown_section_in_progress_is_an_error():
    progress = [["Parks", "Review the employment areas", "2007/08 Q2", 50, "Green", ""]]
    result = plan_import(workbook_bytes=good_workbook(progress=progress))

    assert [(e.sheet, e.row, e.column, e.value) for e in result.errors] == [("Progress", 2, "A", "Parks")]
    assert "no section" in result.errors[0].reason.lower()


def test_an_unknown_task_in_progress_is_an_error():
    progress = [[SECTION, "Something else", "2007/08 Q2", 50, "Green", ""]]
    result = plan_import(workbook_bytes=good_workbook(progress=progress))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Progress", 2, "B")]


def test_plan_sheet_errors():
    plan = [
        ["Field", "Value"],
        ["Directorate", ""],
        ["First year", "sometime"],
        ["Years", 5],
        ["Colour", "red"],
    ]
    result = plan_import(workbook_bytes=good_workbook(plan=plan))
    reasons = " ".join(e.reason for e in result.errors)
    assert "“Directorate” is required" in reasons
    assert "“Title” is required" in reasons
    assert "not a financial year" in reasons.lower() or "sometime" in {e.value for e in result.errors}
    assert "Years must be 1, 2 or 3" in reasons
    assert any(w.value == "Colour" for w in result.warnings)


def test_without_a_council_the_directorate_must_name_one_unit():
    plan = [row for row in PLAN_ROWS if row[0] != "Council"]
    result = plan_import(workbook_bytes=good_workbook(plan=plan))
    assert not result.ok
    assert "Give the Council" in result.errors[0].reason

    council = OrganisationUnitFactory(name="Millbrook Council", kind="council", slug="millbrook")
    directorate = OrganisationUnitFactory(name="Chief Executive's Directorate", parent=council, slug="ce")
    result = plan_import(workbook_bytes=good_workbook(plan=plan))
    assert result.ok
    assert Plan.objects.get().unit == directorate


def test_the_importer_records_who_entered_returns():
    user = UserFactory()
    progress = [[SECTION, "Review the employment areas", "2007/08 Q2", 50, "Green", ""]]
    plan_import(workbook_bytes=good_workbook(progress=progress), user=user)
    assert ProgressUpdate.objects.get().updated_by == user


def test_periods_in_the_future_are_scheduled_never_open():
    year = date.today().year + 1
    progress = [
        [SECTION, "Review the employment areas", f"{year}/{(year + 1) % 100:02d} Q2", 0, "Not started", ""]
    ]
    plan_import(workbook_bytes=good_workbook(progress=progress))
    assert ReportingPeriod.objects.get(kind="quarter").state == ReportingPeriod.State.SCHEDULED


@override_settings(IMPORT_MAX_ROWS=10)
def test_too_many_rows_are_refused_before_reading():
    tasks = [task(text=f"Task {n}") for n in range(20)]
    result = plan_import(workbook_bytes=good_workbook(tasks=tasks))
    assert not result.ok
    assert "more than 10 rows" in result.errors[0].reason
    assert rows_in_database() == 0


def test_a_standard_framework_missing_from_the_system_is_created_with_a_warning():
    Framework.objects.all().delete()
    result = plan_import(workbook_bytes=good_workbook())
    assert result.frameworks_created == ["LAA"]
    assert Framework.objects.get().code == "LAA"
    assert any("was not in the system" in w.reason for w in result.warnings)


def test_a_formula_with_its_saved_value_is_read_as_the_value():
    import io
    import re
    import zipfile

    def formula(workbook):
        workbook["Indicators"]["N2"] = "=600+50"

    data = workbook_bytes(sheets(), edit=formula)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if b"<f>600+50</f>" in content:
                content = re.sub(rb"<f>600\+50</f>(<v\s*/>|<v></v>)?", b"<f>600+50</f><v>650</v>", content)
            target.writestr(item, content)

    result = plan_import(workbook_bytes=buffer.getvalue())

    assert result.ok, result.errors
    assert Target.objects.get(financial_year=2007).value == 650


def test_two_progress_rows_for_one_task_and_period_are_an_error():
    progress = [
        [SECTION, "Review the employment areas", "2007/08 Q2", 50, "Green", ""],
        [SECTION, "Review the employment areas", "2007/08 q2", 60, "Green", ""],
    ]
    result = plan_import(workbook_bytes=good_workbook(progress=progress))
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Progress", 3, "C")]
    assert "Row 2 already" in result.errors[0].reason


def test_a_phrase_of_responsibility_is_kept_as_the_note():
    officers = "Overall A. Hardy, but each team leader for work in their areas"
    result = plan_import(workbook_bytes=good_workbook(tasks=[task(**{"Responsible Officer": officers})]))
    assert result.ok
    imported = Task.objects.get()
    assert imported.responsibility_note == officers
    assert [o.name for o in imported.officers.all()] == ["A. Hardy"]
    assert any("kept as a note" in w.reason for w in result.warnings)


def test_a_first_year_that_excel_turned_into_a_date_is_explained():
    from datetime import datetime

    plan = [row if row[0] != "First year" else ["First year", datetime(2007, 8, 1)] for row in PLAN_ROWS]
    result = plan_import(workbook_bytes=good_workbook(plan=plan))
    assert not result.ok
    assert "turned the year into a date" in result.errors[0].reason


def test_a_repeated_measure_is_imported_with_a_warning_and_a_repeated_id_is_an_error():
    repeated = [indicator(name="Business enquiries"), indicator(name="Business enquiries")]
    result = plan_import(workbook_bytes=good_workbook(indicators=repeated))
    assert result.ok
    assert Indicator.objects.filter(name="Business enquiries").count() == 2
    warning = next(w for w in result.warnings if "repeats" in w.reason)
    assert (warning.sheet, warning.row) == ("Indicators", 3)
    assert "measure repeats row 2" in warning.reason

    content = sheets()
    content["Tasks"] = [["ID", *content["Tasks"][0]], ["T1", *task()], ["T1", *task(text="Another task")]]
    result = plan_import(workbook_bytes=workbook_bytes(content))
    assert not result.ok
    assert [(e.sheet, e.row, e.column, e.reason) for e in result.errors] == [
        ("Tasks", 3, "A", "This ID is used twice.")
    ]
