import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import add_rows, small_council
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_needs_sign_in(client):
    assert client.get(reverse("reporting:dashboard")).status_code == 302


def test_dashboard_defaults_to_the_open_period_and_counts_by_directorate(client):
    council = small_council(size=2)
    client.force_login(UserFactory())

    response = client.get(reverse("reporting:dashboard"))

    board = response.context["dashboard"]
    assert board.period == council["q2"]
    assert [row.name for row in board.rows] == ["Environment"]
    row = board.rows[0]
    # Two tasks per service; the first of each is updated in Q2 (red), the second is not.
    assert (row.tasks["red"], row.tasks["missing"], row.returns_made, row.returns_due) == (2, 2, 2, 4)
    # Indicator values 40 and 41 against 50, higher is better, council default tolerance 2.5%: red.
    assert row.indicators["red"] == 4
    assert b"2 of 4" in response.content


def test_dashboard_drills_down_to_services(client):
    council = small_council(size=2)
    client.force_login(UserFactory())

    response = client.get(reverse("reporting:dashboard"), {"unit": council["directorate"].slug})

    board = response.context["dashboard"]
    assert [row.name for row in board.rows] == ["Parks", "Waste"]  # alphabetical within equal order
    assert [row.returns_due for row in board.rows] == [2, 2]
    assert [u.name for u in board.trail] == ["Millbrook Council"]


def test_dashboard_lists_exceptions_with_links(client):
    council = small_council(size=2)
    client.force_login(UserFactory())

    response = client.get(reverse("reporting:dashboard"))

    reasons = sorted(e.reason for e in response.context["dashboard"].task_exceptions)
    assert reasons == ["missing", "missing", "red", "red"]
    red_task = next(e.task for e in response.context["dashboard"].task_exceptions if e.reason == "red")
    assert reverse("actions:task-detail", args=[red_task.pk]).encode() in response.content
    assert (
        reverse("indicators:indicator-detail", args=[council["indicators"][0].pk]).encode()
        in response.content
    )


def test_dashboard_can_show_an_earlier_period(client):
    council = small_council(size=2)
    client.force_login(UserFactory())

    response = client.get(reverse("reporting:dashboard"), {"period": "Q1 2026/27"})

    board = response.context["dashboard"]
    assert board.period == council["q1"]
    assert board.totals.tasks["green"] == 4


@pytest.mark.parametrize("period", ["nonsense", "2026/27 Q4", "2026/27 Q9"])
def test_dashboard_refuses_unknown_periods_without_an_error(client, period):
    small_council(size=1)
    client.force_login(UserFactory())
    assert client.get(reverse("reporting:dashboard"), {"period": period}).status_code == 404


def test_dashboard_refuses_unknown_units(client):
    small_council(size=1)
    client.force_login(UserFactory())
    assert client.get(reverse("reporting:dashboard"), {"unit": "nowhere"}).status_code == 404


def test_dashboard_explains_when_no_period_is_open(client):
    client.force_login(UserFactory())
    response = client.get(reverse("reporting:dashboard"))
    assert b"No reporting period has been opened yet" in response.content


def test_dashboard_shows_status_words_and_a_chart_with_a_title(client):
    small_council(size=1)
    client.force_login(UserFactory())
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "<svg" in content and "<title>Task status by unit, 2026/27 Q2</title>" in content
    assert "✗</span> Red" in content and "No update" in content


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_rows(client):
    """Queries: session, user, periods, units, council settings, the task counts (grouped by unit, status and
    overdue, which also gives the number of exceptions; the plans that ask for a return are a condition in it,
    not a query of their own), their page of exceptions, the indicator counts (grouped by unit and stored
    judgement), their page of exceptions and those indicators' judgements, and the user's groups and officer
    record for the navigation: 11 whatever the number of rows."""
    council = small_council(size=2)
    client.force_login(UserFactory())
    url = reverse("reporting:dashboard")
    client.get(url)  # the first visit also saves the council's default settings
    small = count_queries(client, url)
    add_rows(council, 8)
    large = count_queries(client, url)
    assert (small, large) == (11, 11)
    assert client.get(url).context["dashboard"].totals.returns_due == 20


def test_missing_returns_are_late_once_the_deadline_has_passed():
    from datetime import date

    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=2)
    council["q2"].deadline = date(2026, 10, 31)
    council["q2"].save()
    periods = dashboard_periods()

    before = dashboard(period=council["q2"], periods=periods, unit=None, today=date(2026, 10, 20))
    after = dashboard(period=council["q2"], periods=periods, unit=None, today=date(2026, 11, 1))

    assert {e.reason for e in before.task_exceptions} == {"red", "missing"}
    assert {e.reason for e in after.task_exceptions} == {"red", "late"}


def test_task_exceptions_are_one_row_per_task_with_every_reason_paged_worst_first(client):
    from datetime import date

    council = small_council(size=2)
    red, *_ = council["tasks"]
    red.due_date = date(2026, 6, 30)  # due before Q2 ends, not finished: overdue as well as red
    red.save()
    add_rows(council, 14)  # 32 tasks: 4 red, 16 with no Q2 update
    client.force_login(UserFactory())

    first = client.get(reverse("reporting:dashboard")).context["dashboard"].task_exceptions
    assert first.paginator.count == 20 and len(first.object_list) == 20
    assert [e.reasons for e in first.object_list if e.task == red] == [("red", "overdue")]
    assert [e.reason for e in first.object_list][:4] == ["red"] * 4
    assert set([e.reason for e in first.object_list][4:]) == {"missing"}


def test_exceptions_come_a_page_at_a_time(client):
    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=30)  # 60 tasks, 30 without a Q2 update; 20 red or amber indicators
    client.force_login(UserFactory())

    response = client.get(reverse("reporting:dashboard"))
    board = response.context["dashboard"]
    assert board.task_exceptions.paginator.count == 30 + 2  # the two red tasks too
    assert len(board.task_exceptions.object_list) == 25
    assert board.indicator_exceptions.paginator.count == 20
    content = response.content.decode()
    assert "Showing 1 to 25 of 32 tasks, the worst first." in content
    assert "tasks_page=2#task-exceptions" in content and "indicators_page=" not in content

    second = client.get(reverse("reporting:dashboard"), {"tasks_page": 2})
    board = second.context["dashboard"]
    assert len(board.task_exceptions.object_list) == 7
    periods = dashboard_periods()
    small_pages = dashboard(
        period=council["q2"], periods=periods, unit=None, per_page=8, indicator_page_number=3
    )
    assert len(small_pages.indicator_exceptions.object_list) == 4
    shown = {e.task.pk for e in board.task_exceptions.object_list}
    first_page = {e.task.pk for e in response.context["dashboard"].task_exceptions.object_list}
    assert not shown & first_page and len(shown | first_page) == 32
    assert council["tasks"]


def test_the_figures_count_every_exception_not_just_the_page_shown(client):
    """32 task exceptions over two pages: the figure at the top says 32, as the heading and the chart do."""
    import re

    small_council(size=30)
    client.force_login(UserFactory())
    response = client.get(reverse("reporting:dashboard"))
    board = response.context["dashboard"]
    content = response.content.decode()
    figures = re.findall(
        r'app-figure__number">(\d+)</span><span class="app-figure__label">(\w+) exceptions', content
    )
    assert figures == [("32", "task"), ("20", "indicator")]
    # The chart counts each task once by its status; the exceptions add the overdue ones only.
    totals = board.totals.tasks
    assert totals["red"] + totals["amber"] + totals["missing"] <= board.task_exceptions.paginator.count


def test_the_charts_have_a_legend_in_the_tags_colours(client):
    from serviceplans.status import CHART_FILLS, status_look

    small_council(size=2)
    client.force_login(UserFactory())
    response = client.get(reverse("reporting:dashboard"))
    content = response.content.decode()
    assert content.count('class="app-chart-legend"') == 2
    assert "! Amber</li>" in content and "✗ Red</li>" in content
    # Amber is the tag's yellow in the charts too, never an orange of the chart's own.
    assert status_look("amber").colour == "yellow"
    assert status_look("amber").chart_fill == CHART_FILLS["yellow"] == "#ffdd00"
    assert 'fill="#b35900"' not in content
    from serviceplans.charts import Segment, stacked_bar_svg

    svg = str(stacked_bar_svg("Tasks", [("Waste", [Segment("amber", "Amber", 3)])]))
    assert 'fill="#ffdd00"' in svg and 'fill="#0b0c0c">3</text>' in svg  # black count on yellow


def test_units_come_a_page_at_a_time_and_the_total_counts_them_all(client):
    """A unit with many beneath it (a county's directorates, a big directorate's services) shows their rows a
    page at a time, in the tables and the charts; the total still counts every unit."""
    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=2)  # one directorate, two services (Parks, Waste), two tasks each
    periods = dashboard_periods()
    first = dashboard(period=council["q2"], periods=periods, unit=council["directorate"], units_per_page=1)
    second = dashboard(
        period=council["q2"],
        periods=periods,
        unit=council["directorate"],
        units_per_page=1,
        unit_page_number=2,
    )

    assert [row.name for row in first.rows] == ["Parks"] and [row.name for row in second.rows] == ["Waste"]
    assert first.unit_rows.paginator.count == 2
    assert first.totals.returns_due == second.totals.returns_due == 4
    assert first.task_exceptions.paginator.count == second.task_exceptions.paginator.count

    client.force_login(UserFactory())
    response = client.get(
        reverse("reporting:dashboard"), {"unit": council["directorate"].slug, "units_page": 2}
    )
    assert [row.name for row in response.context["dashboard"].rows] == ["Parks", "Waste"]  # 25 a page


def test_the_home_page_reads_the_numbers_of_exceptions_not_a_page_of_them():
    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=30)
    periods = dashboard_periods()
    full = dashboard(period=council["q2"], periods=periods, unit=None)
    with CaptureQueriesContext(connection) as queries:
        summary = dashboard(period=council["q2"], periods=periods, unit=None, exceptions=False)
    with CaptureQueriesContext(connection) as all_queries:
        dashboard(period=council["q2"], periods=periods, unit=None)

    assert summary.task_exceptions.paginator.count == full.task_exceptions.paginator.count == 32
    assert summary.indicator_exceptions.paginator.count == full.indicator_exceptions.paginator.count == 20
    assert list(summary.task_exceptions) == [] and summary.totals.tasks == full.totals.tasks
    assert len(queries) == len(all_queries) - 3  # no page of tasks, of indicators, nor their judgements


def test_totals_without_unit_rows_are_the_same_totals():
    """The performance team's home counts the council's totals grouped by status alone (no row for each
    unit); they are exactly the totals the dashboard's unit rows add up to, for the council and for a unit."""
    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=30)
    periods = dashboard_periods()
    for unit in (None, council["directorate"]):
        full = dashboard(period=council["q2"], periods=periods, unit=unit)
        totals = dashboard(period=council["q2"], periods=periods, unit=unit, exceptions=False, by_unit=False)
        assert full.rows and totals.rows == []
        assert totals.totals.tasks == full.totals.tasks and sum(full.totals.tasks.values()) > 0
        assert totals.totals.indicators == full.totals.indicators and sum(full.totals.indicators.values()) > 0
        assert (totals.totals.returns_made, totals.totals.returns_due) == (
            full.totals.returns_made,
            full.totals.returns_due,
        )
        assert totals.task_exceptions.paginator.count == full.task_exceptions.paginator.count
        assert totals.indicator_exceptions.paginator.count == full.indicator_exceptions.paginator.count


def test_exceptions_paged_from_the_counts_are_those_of_one_sorted_list_page_by_page():
    """The dashboard reads a page of exceptions only from the units the counts place on it. Paged through at
    any page size, for the council and for a directorate, they are every exception once, in the order of one
    list sorted by reason, unit name and id: across units of the same name (“Parks” in two directorates),
    a section without a unit of its own (its plan's), and every reason (red, overdue, amber, missing)."""
    from datetime import date
    from decimal import Decimal

    from indicators.judgements import refresh_deferred
    from plans.selectors import dashboard_periods, unit_tree
    from reporting.selectors import (
        _indicator_exceptions,
        _indicators_due,
        _task_exceptions,
        _tasks_due,
        dashboard,
    )
    from tests.factories import (
        IndicatorFactory,
        IndicatorValueFactory,
        OrganisationUnitFactory,
        PlanFactory,
        PlanSectionFactory,
        ProgressUpdateFactory,
        TargetFactory,
        TaskFactory,
    )

    council = small_council(size=5)
    resources = OrganisationUnitFactory(
        name="Resources", kind="directorate", parent=council["council"], slug="resources"
    )
    parks_too = OrganisationUnitFactory(name="Parks", kind="service", parent=resources, slug="parks-2")
    plan = PlanFactory(unit=resources, first_year=2026, status="published", title="Resources Plan")
    with refresh_deferred():
        for section in (PlanSectionFactory(plan=plan, unit=parks_too), PlanSectionFactory(plan=plan)):
            for n, status in enumerate(["red", "amber", "amber", "green", None, None, "green"]):
                task = TaskFactory(section=section, plan=plan, due_date=date(2026, 6, 30) if n > 4 else None)
                if status:
                    ProgressUpdateFactory(task=task, period=council["q2"], status=status, percent_complete=10)
                indicator = IndicatorFactory(section=section, plan=plan, polarity="higher")
                TargetFactory(indicator=indicator, financial_year=2026, value=Decimal(50))
                if n % 3:
                    IndicatorValueFactory(indicator=indicator, period=council["q2"], value=Decimal(45 + n))
    periods = dashboard_periods()
    today = date(2026, 10, 20)

    def in_one_list(ranked):
        return [x.pk for x in sorted(ranked, key=lambda x: (x.reason_rank, x.unit_name, x.pk))]

    tree, judged = unit_tree(lean=True), council["q2"].period
    for unit in (None, council["directorate"], resources):
        due = _tasks_due(judged, unit=unit, tree=tree, ending=[council["q2"]])
        expected_tasks = in_one_list(_task_exceptions(due, judged, "missing"))
        expected_indicators = in_one_list(
            _indicator_exceptions(_indicators_due(judged, unit=unit, tree=tree))
        )
        assert len(expected_tasks) >= 6 and len(expected_indicators) >= 6
        for per_page in (1, 4, 25):
            tasks, indicators = [], []
            for number in range(1, max(len(expected_tasks), len(expected_indicators)) // per_page + 2):
                board = dashboard(
                    period=council["q2"],
                    periods=periods,
                    unit=unit,
                    today=today,
                    per_page=per_page,
                    task_page_number=number,
                    indicator_page_number=number,
                )
                if number <= board.task_exceptions.paginator.num_pages:
                    tasks += [e.task.pk for e in board.task_exceptions]
                if number <= board.indicator_exceptions.paginator.num_pages:
                    indicators += [e.indicator.pk for e in board.indicator_exceptions]
            assert tasks == expected_tasks, (unit, per_page)
            assert indicators == expected_indicators, (unit, per_page)


def test_on_postgresql_the_exceptions_sort_names_by_their_characters_whatever_the_databases_collation():
    """Which exceptions fall on a page is worked out from the counts, names sorted by their characters (as
    Python and SQLite sort them); PostgreSQL sorts by the database's collation (en_GB puts “bereavement”
    before “Parks”), so the page's query asks it for the C collation, and the pages meet end to end."""
    import re

    from plans.selectors import dashboard_periods
    from reporting.selectors import dashboard

    council = small_council(size=2)
    with CaptureQueriesContext(connection) as queries:
        dashboard(period=council["q2"], periods=dashboard_periods(), unit=None)
    pages = [q["sql"] for q in queries.captured_queries if re.search(r'"id" ASC LIMIT \d+$', q["sql"])]
    assert len(pages) == 2  # a page of tasks and a page of indicators
    collated = ['COLLATE "C"' in sql for sql in pages]
    assert collated == [connection.vendor == "postgresql"] * 2


@pytest.mark.parametrize("status", ["draft", "submitted", "archived"])
def test_dashboard_and_home_count_nothing_when_no_live_plan_asks_for_a_return(client, status):
    """A council whose plans are not yet approved (or all archived) has a period open and nothing due:
    the dashboard and the performance team's home page say so, rather than failing."""
    from plans.models import Plan

    from .test_reports_support import user_with_role

    council = small_council(size=2)
    Plan.objects.filter(pk=council["plan"].pk).update(status=status)
    client.force_login(user_with_role("performance"))

    response = client.get(reverse("reporting:dashboard"))

    assert response.status_code == 200
    board = response.context["dashboard"]
    assert (board.totals.returns_due, board.totals.values_due) == (0, 0)
    assert board.task_exceptions.paginator.count == 0
    content = response.content.decode()
    assert "No task is due a return for 2026/27 Q2: only the tasks of approved and published plans" in content
    assert (
        "No indicator is due a value for 2026/27 Q2: only the indicators of approved and published" in content
    )
    assert 'id="task-table-caption"' not in content and "<svg" not in content.split('id="tasks"')[1]
    assert "No task is red, amber, overdue or missing an update." in content
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["extra_sections"][0]["board"].totals.returns_due == 0


@pytest.mark.parametrize(
    "judged", ["2026/27 Q1", "2026/27 Q2", "2026/27 Q4", "2026/27 H1", "2026/27 H2", "2026/27"]
)
def test_the_tasks_due_are_those_of_plans_whose_years_and_frequency_ask_for_a_return_then(judged):
    """The condition written on the plans' columns picks exactly the plans the rule picks: its years cover
    the period's year and a period of its frequency ends when the judged one does (an unknown word reports
    by quarters)."""
    import itertools

    from actions.models import Task
    from plans.models import Plan
    from reporting.selectors import _tasks_due
    from serviceplans.periods import Period, period_kind_for
    from tests.factories import PlanFactory, TaskFactory

    period = Period.parse(judged)
    expected = set()
    shapes = itertools.product(
        ["monthly", "quarterly", "half_yearly", "yearly", "fortnightly"], [2024, 2025, 2026, 2027], [1, 2, 3]
    )
    for frequency, first_year, years in shapes:
        plan = PlanFactory(status=Plan.Status.APPROVED, first_year=first_year, years=years)
        Plan.objects.filter(pk=plan.pk).update(reporting_frequency=frequency)  # the unknown word as stored
        task = TaskFactory(section__plan=plan)
        kind = period_kind_for(frequency)
        covers = first_year <= period.year.start_year < first_year + years
        if covers and any(p.end == period.end for p in Period.for_year(period.year, kind)):
            expected.add(task.pk)
    draft = TaskFactory(section__plan=PlanFactory(status=Plan.Status.DRAFT, first_year=2026))

    due = set(_tasks_due(period, unit=None, tree=None, ending=[]).values_list("pk", flat=True))

    assert due == expected and draft.pk not in due
    assert 0 < len(expected) < Task.objects.count()
