from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import Plan
from serviceplans.xlsx import XLSX_CONTENT_TYPE
from tests.builders import add_rows, small_council
from tests.factories import (
    OfficerFactory,
    OrganisationUnitFactory,
    PlanFactory,
    PlanSectionFactory,
    TaskFactory,
    TaskOfficerFactory,
    UserFactory,
)

# Until the list is wired into actions/urls.py: drop the urls marker (and tests/list_urls.py) then.
pytestmark = [pytest.mark.django_db]


@pytest.fixture
def council():
    return small_council(size=2)


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())
    return client


def listed(client, **params):
    response = client.get(reverse("actions:task-list"), params)
    assert response.status_code == 200
    return response


def rows(response) -> list:
    return list(response.context["table"].page.object_list.data)


def listed_pks(client, **params) -> set[int]:
    return {task.pk for task in rows(listed(client, **params))}


def pks(tasks) -> set[int]:
    return {task.pk for task in tasks}


def test_the_task_list_needs_sign_in(client, council):
    response = client.get(reverse("actions:task-list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_every_task_with_its_status_in_the_dashboards_period(signed_in, council):
    response = listed(signed_in)

    assert response.context["filter"].period == council["q2"]
    assert pks(rows(response)) == pks(council["tasks"])
    content = response.content.decode()
    # Each service's first task is red in Q2, the second has no update: words, not colour alone.
    assert content.count("✗</span> Red") == 2
    assert content.count("?</span> No update") == 2
    assert 'href="{}"'.format(reverse("actions:task-detail", args=[council["tasks"][0].pk])) in content
    assert "Tasks, 2026/27 Q2" in content


def test_an_earlier_period_shows_the_status_then(signed_in, council):
    response = listed(signed_in, period="2026/27 Q1")

    assert response.context["filter"].period == council["q1"]
    assert {task.period_status for task in rows(response)} == {"green"}
    assert {task.period_percent for task in rows(response)} == {20}


def test_only_tasks_of_plans_covering_the_periods_year_are_listed(signed_in, council):
    old_plan = PlanFactory(unit=council["directorate"], first_year=2024, status=Plan.Status.ARCHIVED)
    old_task = TaskFactory(section=PlanSectionFactory(plan=old_plan, unit=council["services"][0]))
    three_years = PlanFactory(unit=council["directorate"], first_year=2025, years=3)
    running_task = TaskFactory(section=PlanSectionFactory(plan=three_years))

    shown = listed_pks(signed_in)

    assert old_task.pk not in shown
    assert running_task.pk in shown


def test_a_unit_includes_everything_beneath_it(signed_in, council):
    waste, parks = council["services"]
    # A section with no unit of its own belongs to its plan's unit, the directorate.
    unplaced = TaskFactory(section=PlanSectionFactory(plan=council["plan"], unit=None), plan=council["plan"])
    elsewhere = TaskFactory(
        section=PlanSectionFactory(plan=PlanFactory(first_year=2026, unit=OrganisationUnitFactory()))
    )
    waste_tasks = [t for t in council["tasks"] if t.section.unit_id == waste.pk]

    assert listed_pks(signed_in, unit="waste") == pks(waste_tasks)
    assert listed_pks(signed_in, unit="env") == pks(council["tasks"]) | {unplaced.pk}
    assert listed_pks(signed_in, unit="council") == pks(council["tasks"]) | {unplaced.pk}
    assert elsewhere.pk in listed_pks(signed_in)


def test_filter_by_plan(signed_in, council):
    other_plan = PlanFactory(unit=council["services"][1], first_year=2026, title="Parks Plan")
    other_task = TaskFactory(section=PlanSectionFactory(plan=other_plan))

    assert listed_pks(signed_in, plan=other_plan.pk) == {other_task.pk}
    assert listed_pks(signed_in, plan=council["plan"].pk) == pks(council["tasks"])


def test_filter_by_officer(signed_in, council):
    officer = OfficerFactory(name="Priya Shah")
    first, second = council["tasks"][0], council["tasks"][3]
    TaskOfficerFactory(task=first, officer=officer)
    TaskOfficerFactory(task=second, officer=officer)
    TaskOfficerFactory(task=second, officer=OfficerFactory())

    assert listed_pks(signed_in, officer=officer.pk) == {first.pk, second.pk}


def test_filter_by_status_including_no_update(signed_in, council):
    red = {t.pk for t in council["tasks"] if t.updates.filter(period=council["q2"], status="red").exists()}
    missing = {t.pk for t in council["tasks"] if not t.updates.filter(period=council["q2"]).exists()}
    assert len(red) == 2 and len(missing) == 2

    assert listed_pks(signed_in, status="red") == red
    assert listed_pks(signed_in, status="missing") == missing
    assert listed_pks(signed_in, status=["red", "missing"]) == red | missing
    assert listed_pks(signed_in, status="green") == set()
    assert listed_pks(signed_in, status="green", period="2026/27 Q1") == pks(council["tasks"])


def test_filter_by_category(signed_in, council):
    risky = council["tasks"][1]
    risky.category = "risk_management"
    risky.save()

    assert listed_pks(signed_in, category="risk_management") == {risky.pk}


def test_overdue_means_due_before_the_period_ends_and_not_finished(signed_in, council):
    # Each service's first task has a Q2 update (red), its second has none.
    late, finished_earlier, done, later = council["tasks"]
    for task, due in ((late, date(2026, 8, 1)), (done, date(2026, 8, 1)), (later, date(2026, 12, 1))):
        task.due_date = due
        task.save()
    done.updates.filter(period=council["q2"]).update(status="completed", percent_complete=100)
    # Completed in Q1 and no update since: the latest status reported is still “completed”.
    finished_earlier.due_date = date(2026, 6, 1)
    finished_earlier.save()
    finished_earlier.updates.filter(period=council["q1"]).update(status="completed")

    response = listed(signed_in, overdue="true")

    assert pks(rows(response)) == {late.pk}
    assert "◔</span> Overdue" in response.content.decode()
    assert listed_pks(signed_in, overdue="true", period="2026/27 Q1") == set()  # none due by June's end
    assert len(listed_pks(signed_in)) == 4  # unticked, the box filters nothing


def test_filter_by_due_date(signed_in, council):
    first, second, third, undated = council["tasks"]
    for task, due in ((first, date(2026, 5, 1)), (second, date(2026, 9, 30)), (third, date(2027, 1, 31))):
        task.due_date = due
        task.save()

    assert listed_pks(signed_in, due_after="2026-09-30") == {second.pk, third.pk}
    assert listed_pks(signed_in, due_before="2026-09-30") == {first.pk, second.pk}
    assert listed_pks(signed_in, due_after="2026-06-01", due_before="30/11/2026") == {second.pk}
    # The GOV.UK date input: day, month and year in boxes of their own, not the browser's date picker.
    assert listed_pks(signed_in, due_after_day="1", due_after_month="6", due_after_year="2026") == {
        second.pk,
        third.pk,
    }
    page = signed_in.get(reverse("actions:task-list"), {"due_after_day": "31", "due_after_month": "2"})
    html = page.content.decode()
    assert 'type="date"' not in html
    assert 'name="due_after_day" type="text" inputmode="numeric" value="31"' in html
    assert "‘Due on or after’ must be a real date" in html and 'href="#id_due_after_day"' in html


def test_search_looks_in_the_task_its_success_criteria_and_officers(signed_in, council):
    by_text, by_criteria, by_officer, _ = council["tasks"]
    by_text.text = "Introduce garden waste subscriptions"
    by_text.save()
    by_criteria.success_criteria = "Fewer missed bins reported"
    by_criteria.save()
    TaskOfficerFactory(task=by_officer, officer=OfficerFactory(name="Gwen Ellis"))

    assert listed_pks(signed_in, q="GARDEN waste") == {by_text.pk}
    assert listed_pks(signed_in, q="missed bins") == {by_criteria.pk}
    assert listed_pks(signed_in, q="ellis") == {by_officer.pk}


def test_sorting_by_status_puts_red_first_and_no_update_last(signed_in, council):
    ascending = [task.period_status for task in rows(listed(signed_in, sort="status"))]
    descending = [task.period_status for task in rows(listed(signed_in, sort="-status"))]

    assert ascending == ["red", "red", None, None]
    assert descending == [None, None, "red", "red"]


def test_sorting_by_due_date_and_the_header_says_so(signed_in, council):
    first, second, third, undated = council["tasks"]
    for task, due, words in (
        (first, date(2027, 3, 31), "By March 2027"),
        (second, date(2026, 5, 1), "May 2026"),
        (third, date(2026, 12, 1), ""),
    ):
        task.due_date, task.due_date_text = due, words
        task.save()

    response = listed(signed_in, sort="due")

    assert [task.pk for task in rows(response)] == [second.pk, third.pk, first.pk, undated.pk]
    content = response.content.decode()
    assert 'aria-sort="ascending"' in content
    # The date the council's way, whatever shorthand it was written in (issue #15: not “Sept. 26”).
    assert "31 Mar 2027" in content and "1 Dec 2026" in content and "By March 2027" not in content
    assert [task.pk for task in rows(listed(signed_in, sort="-due"))][:3] == [first.pk, third.pk, second.pk]


def test_due_dates_read_the_same_on_every_row(signed_in, council):
    first, second, *_ = council["tasks"]
    first.due_date, first.due_date_text = date(2026, 9, 30), "Sept. 26"
    first.save()
    second.due_date, second.due_date_text, second.ongoing = None, "On-going", True
    second.save()
    content = listed(signed_in).content.decode()
    assert "30 Sep 2026" in content and "Sept. 26" not in content
    assert "On-going" in content  # words with no date stay as written


def test_the_table_is_gov_uk_markup(signed_in, council):
    content = listed(signed_in).content.decode()

    assert '<table class="govuk-table app-table--compact">' in content
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m">Tasks, 2026/27 Q2</caption>' in content
    )
    assert 'scope="col"' in content and "govuk-table__header--numeric" in content
    assert 'govuk-table__cell govuk-table__cell--numeric">40%</td>' in content


def test_pages_of_twenty_five(signed_in, council):
    add_rows(council, 12)  # 28 tasks

    first = listed(signed_in)
    second = listed(signed_in, page=2)

    assert len(rows(first)) == 25 and len(rows(second)) == 3
    assert 'class="govuk-pagination"' in first.content.decode()
    assert "Showing 26 to 28 of 28 tasks" in second.content.decode()
    assert pks(rows(first)) | pks(rows(second)) == pks(council["tasks"])


def test_no_matches_says_so_with_a_way_back(signed_in, council):
    content = listed(signed_in, q="nothing like this").content.decode()

    assert "No tasks match these filters" in content
    assert f'href="{reverse("actions:task-list")}">clear filters</a>' in content
    assert "<table" not in content


def test_bad_filters_are_explained_and_ignored_without_an_error(signed_in, council):
    response = listed(signed_in, due_before="notadate", unit="zzz", page="999", period="2099/00 Q9")

    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "‘Due on or before’ must be a real date" in content
    assert "Choose a part of the council from the list" in content
    assert "Choose a reporting period from the list" in content
    assert content.count('class="govuk-error-message"') == 3
    assert "<title>Error: Tasks" in content
    # The other filters still apply, the period falls back to the dashboard's, page 999 is the last page.
    assert response.context["filter"].period == council["q2"]
    assert pks(rows(response)) == pks(council["tasks"])
    assert listed_pks(signed_in, unit="zzz", status="red") == {
        t.pk for t in council["tasks"] if t.updates.filter(period=council["q2"], status="red").exists()
    }


def test_the_download_has_exactly_the_filtered_rows_in_words_and_numbers(signed_in, council):
    first = council["tasks"][0]
    first.due_date, first.due_date_text, first.reference = date(2026, 9, 30), "End of Sept. 2026", "W1"
    first.save()

    page = listed(signed_in, status="red", sort="text")
    response = signed_in.get(
        reverse("actions:task-list"), {"status": "red", "sort": "text", "format": "xlsx"}
    )

    assert "download these 2 rows as excel" in page.content.decode().lower()
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="tasks-2026-27-q2.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    header, *data = list(sheet.values)
    assert header[1] == "Task" and header[9] == "Status, 2026/27 Q2"
    assert len(data) == 2
    assert [row[1] for row in data] == sorted(t.text for t in rows(page))
    assert {row[9] for row in data} == {"Red"}
    assert {row[10] for row in data} == {40}
    by_reference = {row[0]: row for row in data}
    assert by_reference["W1"][7] == "End of Sept. 2026"
    assert by_reference["W1"][8].date() == date(2026, 9, 30)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M3"


def test_the_download_is_every_row_not_just_the_page(signed_in, council):
    add_rows(council, 12)

    response = signed_in.get(reverse("actions:task-list"), {"format": "xlsx", "page": 2})

    assert load_workbook(BytesIO(response.content)).active.max_row == 28 + 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_task_list_queries_do_not_grow_with_rows(signed_in, council):
    """Queries: session, user, periods, units, the count, the page's ids (sorted and cut on narrow rows), the
    page of tasks (with their updates for the period as subqueries), their officers, and the user's groups
    and officer record for the navigation: 10 whatever the number of rows (plans and officers are searchable boxes, not lists of choices). The
    download skips the navigation: 7 (its count decides whether it is made in the background)."""
    url = reverse("actions:task-list") + "?unit=env&status=red&status=missing&status=green&q=e"
    for task in council["tasks"]:
        TaskOfficerFactory(task=task)
    small = count_queries(signed_in, url)
    small_xlsx = count_queries(signed_in, url + "&format=xlsx")
    add_rows(council, 20)
    for task in council["tasks"][4:]:
        TaskOfficerFactory(task=task)
    large = count_queries(signed_in, url)
    large_xlsx = count_queries(signed_in, url + "&format=xlsx")

    assert (small, large) == (10, 10)
    assert (small_xlsx, large_xlsx) == (7, 7)
    assert signed_in.get(url).context["table"].paginator.count == 44


@pytest.mark.parametrize("sort", ["", "due", "-due", "status", "-percent", "updated", "-text"])
def test_each_page_holds_the_lists_rows_in_the_lists_order(signed_in, council, sort):
    """A page is read by its ids (sorted and cut in the database) and then its rows: every page together is
    the whole filtered list, in the order the queryset sorts it, with nothing lost or repeated."""
    add_rows(council, 20)
    url = reverse("actions:task-list")
    first = signed_in.get(url, {"sort": sort} if sort else {})
    table = first.context["table"]
    expected = list(table.data.data.values_list("pk", flat=True))  # the sorted queryset, read whole
    shown = []
    for number in range(1, table.paginator.num_pages + 1):
        page = signed_in.get(url, {"page": number, **({"sort": sort} if sort else {})})
        shown += [row.record.pk for row in page.context["table"].page.object_list]
    assert len(expected) > 25 and shown == expected


def test_before_any_period_is_opened_the_list_still_works(signed_in):
    overdue = TaskFactory(due_date=date(2020, 1, 31))
    later = TaskFactory(due_date=date(2999, 1, 31))

    response = listed(signed_in)

    assert response.context["filter"].period is None
    assert pks(rows(response)) == {overdue.pk, later.pk}
    assert "?</span> No update" in response.content.decode()
    assert listed_pks(signed_in, overdue="true") == {overdue.pk}  # due before today


def test_units_officers_and_plans_are_searchable_boxes_that_filter_by_name(signed_in, council):
    """No drop-down grows with the council: the unit, plan and officer filters are text boxes (offered
    names by static/js/lookup.js over plans:lookup), and the words typed filter without JavaScript."""
    waste_tasks = [t for t in council["tasks"] if t.section.unit.name == "Waste"]
    sam = OfficerFactory(name="Samira Patel")
    TaskOfficerFactory(task=waste_tasks[0], officer=sam)
    other_plan = PlanFactory(title="Housing Plan", first_year=2026, status="published")
    housing = TaskFactory(section=PlanSectionFactory(plan=other_plan), plan=other_plan)

    content = listed(signed_in).content.decode()
    for name in ("unit", "plan", "officer"):
        assert f'name="{name}" type="text"' in content
    assert 'data-lookup="/plans/lookup/officers/"' in content and "js/lookup.js" in content
    assert "<option" not in content.split('id="id_officer"')[1].split("</div>")[0]

    assert listed_pks(signed_in, officer="samira") == {waste_tasks[0].pk}
    assert listed_pks(signed_in, officer=str(sam.pk)) == {waste_tasks[0].pk}  # links from sign-off
    assert listed_pks(signed_in, plan="housing") == {housing.pk}
    assert listed_pks(signed_in, unit="was") == pks(waste_tasks)
    assert listed_pks(signed_in, unit="env") == pks(council["tasks"])  # a slug, from the dashboard


def test_the_lookup_offers_names_containing_the_words(signed_in, council):
    OfficerFactory(name="Samira Patel")
    OfficerFactory(name="Sam Jones")
    OfficerFactory(name="Isamu Oda")
    url = reverse("plans:lookup", args=["officers"])
    assert signed_in.get(url, {"q": "sam"}).json() == {"results": ["Sam Jones", "Samira Patel", "Isamu Oda"]}
    assert signed_in.get(url, {"q": "s"}).json() == {"results": []}  # two characters at least
    assert signed_in.get(reverse("plans:lookup", args=["units"]), {"q": "par"}).json() == {
        "results": ["Parks"]
    }
    assert signed_in.get(reverse("plans:lookup", args=["secrets"]), {"q": "ab"}).status_code == 404
    signed_in.logout()
    assert signed_in.get(url, {"q": "sam"}).status_code == 302
