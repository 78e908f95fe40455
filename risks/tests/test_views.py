"""The register, heat map, risk page, review form, and risk reviews in the officer's return."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from risks.models import RiskCategory, RiskMatrix, RiskReview
from risks.tests.factories import RiskFactory, RiskOwnerFactory, RiskReviewFactory
from serviceplans.roles import MANAGERS, OFFICERS, roles_ensure
from tests.builders import small_council
from tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_risks(council, size, owner):
    for index in range(size):
        for service in council["services"]:
            risk = RiskFactory(
                unit=service,
                title=f"{service.name} risk {index}",
                current_likelihood=1 + index % 5,
                current_impact=4,
                category=RiskCategory.objects.get(name="Financial" if index % 2 else "Operational"),
            )
            RiskOwnerFactory(risk=risk, officer=owner)
            RiskReviewFactory(risk=risk, period=council["q1"], likelihood=3, impact=4)


@pytest.fixture
def setting():
    council = small_council(size=1)
    groups = roles_ensure()
    user = UserFactory(username="owner", first_name="Olive", last_name="Owner")
    user.groups.add(groups[OFFICERS])
    officer = OfficerFactory(user=user, name="Olive Owner", unit=council["services"][0])
    boss_user = UserFactory(username="boss")
    boss_user.groups.add(groups[MANAGERS])
    boss = OfficerFactory(user=boss_user, name="Bea Boss", unit=council["directorate"])
    council["directorate"].head = boss
    council["directorate"].save()
    risk = RiskFactory(
        unit=council["services"][0],
        reference="WST-01",
        title="Landfill tax rises",
        current_likelihood=4,
        current_impact=4,
        controls="Budget reserve",
    )
    RiskOwnerFactory(risk=risk, officer=officer)
    RiskReviewFactory(
        risk=risk, period=council["q1"], likelihood=4, impact=4, commentary="Watching the budget."
    )
    return council | {"user": user, "officer": officer, "risk": risk, "boss": boss_user}


def test_register_lists_risks_with_score_band_words_and_direction(client, setting):
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Landfill tax rises" in content
    assert "4 × 4 = 16" in content
    assert "High" in content  # the band's word, with its mark
    assert "Cannot compare" in content  # one review: nothing to compare with yet


def test_register_filters_by_unit_band_owner_and_cell(client, setting):
    other = RiskFactory(
        unit=setting["services"][1], title="Parks flooding", current_likelihood=1, current_impact=2
    )
    client.force_login(setting["user"])
    url = reverse("risks:risk-list")

    def titles(query):
        return [r.title for r in client.get(url, query).context["table"].data]

    assert titles({"unit": "parks"}) == ["Parks flooding"]
    assert titles({"unit": "env"}) == ["Landfill tax rises", "Parks flooding"]
    assert titles({"band": "red"}) == ["Landfill tax rises"]
    assert titles({"band": "green"}) == ["Parks flooding"]
    assert titles({"owner": str(setting["officer"].pk)}) == ["Landfill tax rises"]
    assert titles({"likelihood": "1", "impact": "2"}) == ["Parks flooding"]
    assert other.pk


def test_overdue_review_filter(client, setting):
    from datetime import date

    setting["risk"].review_date = date(2020, 1, 1)
    setting["risk"].save()
    RiskFactory(title="Not due", review_date=date(2099, 1, 1))
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"), {"overdue": "true"})
    assert [r.title for r in response.context["table"].data] == ["Landfill tax rises"]
    assert "Overdue" in response.content.decode()


def test_a_bad_filter_is_explained_and_ignored(client, setting):
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"), {"band": "purple"})
    assert response.status_code == 200
    assert "Choose a score from the list" in response.content.decode()
    assert len(response.context["table"].data) == 1


def test_heat_map_counts_every_cell_with_words_in_a_table_and_links(client, setting):
    RiskFactory(unit=setting["services"][1], current_likelihood=4, current_impact=4)
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"))
    content = response.content.decode()
    rows = response.context["heat_rows"]
    cell = next(c for row in rows for c in row if (c.likelihood, c.impact) == (4, 4))
    assert cell.count == 2 and cell.band_word == "High"
    assert sum(c.count for row in rows for c in row) == 2
    assert "<svg" in content and "2 risks at Likely (4) × Major (4) = 16, High" in content
    assert '<th scope="row" class="govuk-table__header">Almost certain (5)</th>' in content
    assert "likelihood=4&amp;impact=4" in content


def test_heat_map_keeps_every_cell_when_one_is_chosen(client, setting):
    RiskFactory(current_likelihood=1, current_impact=1)
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"), {"likelihood": "1", "impact": "1"})
    rows = response.context["heat_rows"]
    assert sum(c.count for row in rows for c in row) == 2
    assert len(response.context["table"].data) == 1
    assert "Showing the risks at Rare (1) × Negligible (1) = 1, Low" in response.content.decode()


def test_the_councils_own_matrix_words_appear_on_the_register(client, setting):
    matrix = RiskMatrix.load()
    matrix.red_word, matrix.likelihood_words = "Act now", "Remote\nUnlikely\nPossible\nProbable\nExpected"
    matrix.save()
    client.force_login(setting["user"])
    content = client.get(reverse("risks:risk-list")).content.decode()
    assert "Act now" in content and "Probable (4)" in content


def test_register_downloads_as_excel(client, setting):
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-list"), {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Reference"] == "WST-01"
    assert row["Current score"] == 16
    assert row["Band"] == "Red" or row["Band (council's word)"] == "High"
    assert row["Owners"] == "Olive Owner"


def test_register_queries_do_not_grow_with_rows(client, setting):
    """Queries: session, user, actor (groups, officer, delegations, units headed, returns), the matrix,
    the unit tree, owner choices, category choices, count, rows, owners, heat map."""
    client.force_login(setting["user"])
    add_risks(setting, 2, setting["officer"])
    client.get(reverse("risks:risk-list"))  # the first request after signing in also touches the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("risks:risk-list"))
    add_risks(setting, 10, setting["officer"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("risks:risk-list"))
    print(f"register: {len(few)} queries for 5 risks, {len(many)} for 25")
    assert len(few) == len(many)


def test_risk_page_shows_scores_reviews_chart_and_history(client, setting):
    client.force_login(setting["user"])
    response = client.get(reverse("risks:risk-detail", args=[setting["risk"].pk]))
    content = response.content.decode()
    assert "Likely (4) × Major (4) = 16" in content
    assert "Watching the budget." in content
    assert "Audit trail" in content
    assert "Review this risk for 2026/27 Q2" in content
    assert content.count("<svg") == 1


def test_risk_page_queries_do_not_grow_with_reviews(client, setting):
    client.force_login(setting["user"])
    url = reverse("risks:risk-detail", args=[setting["risk"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    RiskReviewFactory(risk=setting["risk"], period=setting["q2"], likelihood=2, impact=2)
    RiskReviewFactory(risk=setting["risk"], period=setting["last_q2"], likelihood=5, impact=5)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    print(f"risk page: {len(few)} queries with 1 review, {len(many)} with 3")
    assert len(few) == len(many)


def test_owner_reviews_in_the_open_period(client, setting):
    client.force_login(setting["user"])
    url = reverse("risks:risk-review", args=[setting["risk"].pk, setting["q2"].pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "4 – Likely" in form.content.decode()
    response = client.post(
        url, {"likelihood": "3", "impact": "4", "commentary": "Reserve agreed.", "version": "0"}
    )
    assert response.status_code == 302
    review = RiskReview.objects.get(risk=setting["risk"], period=setting["q2"])
    assert (review.score, review.reviewed_by) == (12, setting["user"])
    setting["risk"].refresh_from_db()
    assert setting["risk"].current_score == 12


def test_review_errors_are_tied_to_fields_and_nothing_is_saved(client, setting):
    client.force_login(setting["user"])
    url = reverse("risks:risk-review", args=[setting["risk"].pk, setting["q2"].pk])
    response = client.post(url, {"likelihood": "9", "impact": "3", "commentary": "", "version": "0"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Select a likelihood from the list" in content
    assert 'href="#id_likelihood_0"' in content
    response = client.post(url, {"likelihood": "2", "impact": "3", "commentary": " ", "version": "0"})
    assert "Say how the controls are working" in response.content.decode()
    assert not RiskReview.objects.filter(period=setting["q2"]).exists()


def test_review_conflict_shows_the_other_review(client, setting):
    RiskReviewFactory(risk=setting["risk"], period=setting["q2"], likelihood=2, impact=2, commentary="Theirs")
    client.force_login(setting["user"])
    url = reverse("risks:risk-review", args=[setting["risk"].pk, setting["q2"].pk])
    response = client.post(url, {"likelihood": "3", "impact": "3", "commentary": "Mine", "version": "0"})
    content = response.content.decode()
    assert "Someone else saved this review" in content and "Theirs" in content
    assert RiskReview.objects.get(risk=setting["risk"], period=setting["q2"]).commentary == "Theirs"


def test_others_cannot_review_and_closed_periods_are_refused(client, setting):
    stranger = UserFactory(username="stranger")
    OfficerFactory(user=stranger)
    client.force_login(stranger)
    assert (
        client.get(reverse("risks:risk-review", args=[setting["risk"].pk, setting["q2"].pk])).status_code
        == 403
    )
    client.force_login(setting["user"])
    assert (
        client.get(reverse("risks:risk-review", args=[setting["risk"].pk, setting["q1"].pk])).status_code
        == 403
    )


def test_my_updates_lists_risks_due_for_review(client, setting):
    client.force_login(setting["user"])
    content = client.get(reverse("home")).content.decode()
    assert "Risk reviews (0 of 1 done)" in content
    assert reverse("risks:risk-review", args=[setting["risk"].pk, setting["q2"].pk]) in content


def test_the_manager_sees_risk_reviews_in_the_return(client, setting):
    from tests.factories import TaskOfficerFactory as Link

    Link(task=setting["tasks"][0], officer=setting["officer"])
    RiskReviewFactory(
        risk=setting["risk"], period=setting["q2"], likelihood=2, impact=4, commentary="Better now"
    )
    client.force_login(setting["boss"])
    content = client.get(reverse("actions:return-list"), {"period": setting["q2"].pk}).content.decode()
    url = reverse("risks:return-reviews", args=[setting["q2"].pk, setting["officer"].pk])
    assert "1 of 1 risk review" in content and url in content
    page = client.get(url).content.decode()
    assert "Better now" in page and "2 × 4 = 8" in page and "Better" in page


def test_register_download_queries_do_not_grow_with_rows(client, setting):
    client.force_login(setting["user"])
    add_risks(setting, 2, setting["officer"])
    url = reverse("risks:risk-list") + "?format=xlsx"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_risks(setting, 10, setting["officer"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert load_workbook(BytesIO(response.content)).active.max_row == 25 + 1
    assert len(few) == len(many)
