"""The committee report's risks annex: scope, scores and words, direction, commentary, the heat map with
its figures as a table, a tagged PDF, the Excel sheet, and a published report that never changes."""

from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from reporting.reports.committee import CommitteeReport
from reporting.reports.services import report_publish
from reporting.tests.test_reports_support import make_report, pdf_pages, pdf_reader
from risks.models import RiskMatrix
from risks.tests.factories import RiskFactory, RiskOwnerFactory, RiskReviewFactory
from tests.builders import small_council
from tests.factories import OfficerFactory, OrganisationUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = small_council(size=1)
    waste, parks = council["services"]
    owner = OfficerFactory(name="Alison Hardy")
    red = RiskFactory(
        unit=waste, reference="W-01", title="Recycling income falls", current_likelihood=4, current_impact=4
    )
    RiskOwnerFactory(risk=red, officer=owner)
    RiskReviewFactory(risk=red, period=council["q1"], likelihood=3, impact=4, commentary="Prices steady.")
    RiskReviewFactory(
        risk=red, period=council["q2"], likelihood=4, impact=4, commentary="Paper price fell by a third."
    )
    RiskFactory(
        unit=parks, reference="P-01", title="Trees fall in storms", current_likelihood=2, current_impact=3
    )
    RiskFactory(unit=OrganisationUnitFactory(name="Elsewhere"), reference="X-01", title="Out of scope risk")
    RiskFactory(unit=waste, reference="W-02", title="Closed risk", status="closed", closed_reason="Gone")
    return council


def test_the_annex_holds_the_risks_in_scope_with_scores_words_direction_and_commentary(council):
    report = make_report(council, include_risks=True)
    content = CommitteeReport.for_report(report).content
    rows = {row["reference"]: row for row in content["risks"]["risks"]}
    assert list(rows) == ["W-01", "P-01"]  # worst first; out of scope and closed risks left out
    assert rows["W-01"]["words"] == "Likely (4) × Major (4) = 16"
    assert (rows["W-01"]["band_word"], rows["W-01"]["direction"]) == ("High", "worse")
    assert rows["W-01"]["commentary"] == "Paper price fell by a third."
    assert rows["P-01"]["commentary"] == "" and rows["P-01"]["direction"] == "unknown"
    assert [4, 4, 1] in content["risks"]["cells"]
    assert "Annexe 3: Risk register, 2026/27 Q2, with a heat map" in report.annexes


def test_a_report_without_the_annex_has_no_risks(council):
    content = CommitteeReport.for_report(make_report(council)).content
    assert content["risks"] is None


def test_the_pdf_is_tagged_and_its_heat_map_figures_appear_as_a_table(council):
    pdf = CommitteeReport.for_report(make_report(council, include_risks=True)).pdf()
    reader = pdf_reader(pdf)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(pdf_pages(pdf))
    assert "Annexe 3: Risk register, 2026/27 Q2" in text
    assert "Number of risks by likelihood and impact" in text
    assert "Likely (4) 0 risks 4 Low 0 risks 8 Medium 0 risks 12 Medium 1 risk 16 High" in text
    assert "▲ High" in text and "↓ Worse" in text
    assert "Paper price fell by a third." in text
    # the heat map's table is a real table (Table, TH, TD) in the structure tree, like the others
    assert structure_tags(reader.trailer["/Root"]["/StructTreeRoot"]).count("/Table") >= 4


def structure_tags(node, found=None) -> list[str]:
    """Every structure element's type (/Table, /TH, /TD…) beneath ``node``."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            structure_tags(child, found)
        return found
    if not hasattr(node, "get"):
        return found
    if node.get("/S"):
        found.append(str(node["/S"]))
    kids = node.get("/K")
    if kids is not None:
        structure_tags(kids, found)
    return found


def test_the_councils_own_words_reach_the_paper(council):
    matrix = RiskMatrix.load()
    matrix.red_word, matrix.impact_words = "Act now", "Tiny\nSmall\nMid\nBig\nHuge"
    matrix.save()
    text = " ".join(pdf_pages(CommitteeReport.for_report(make_report(council, include_risks=True)).pdf()))
    assert "Likely (4) × Big (4) = 16" in text and "Act now" in text


def test_the_excel_has_a_risks_sheet(council):
    workbook = load_workbook(
        BytesIO(CommitteeReport.for_report(make_report(council, include_risks=True)).xlsx())
    )
    sheet = workbook["Risks"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (first["Reference"], first["Score"], first["Band (council's word)"]) == ("W-01", 16, "High")
    assert sheet.max_row == 3


def test_a_published_report_keeps_its_annex(council):
    council["q2"].state = "closed"
    council["q2"].save()
    report = make_report(council, include_risks=True)
    report_publish(report=report, user=None)
    RiskReviewFactory(risk=RiskFactory(unit=council["services"][0], reference="W-09"), period=council["q2"])
    report.refresh_from_db()
    content = CommitteeReport.for_report(report).content
    assert [row["reference"] for row in content["risks"]["risks"]] == ["W-01", "P-01"]
    assert "Risk register" in CommitteeReport.for_report(report).html()


def test_the_command_line_adds_the_annex(council, tmp_path):
    out = tmp_path / "paper.html"
    call_command(
        "committee_report",
        "--plan",
        council["plan"].slug,
        "--period",
        "2026/27 Q2",
        "--format",
        "html",
        "--output",
        str(out),
        "--risks",
    )
    assert "Annexe 3: Risk register" in out.read_text()


def test_the_plan_document_lists_each_sections_risks(council):
    from reporting.reports.plan_document import PlanDocument

    html = PlanDocument.for_plan(council["plan"]).html()
    waste = html[html.index("Risks: Waste") :]
    assert "W-01" in waste and "Recycling income falls" in waste and "Likely (4) × Major (4) = 16" in waste
    assert "P-01" in html[html.index("Risks: Parks") :]
    assert "X-01" not in html and "Closed risk" not in html
