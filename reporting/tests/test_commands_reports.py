"""``committee_report`` and ``export_plan`` from the command line."""

from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.builders import small_council

from .test_reports_support import pdf_pages

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_committee_report_writes_a_pdf_for_a_plan(tmp_path):
    council = small_council(size=1)
    output = tmp_path / "report.pdf"
    message = run(
        "committee_report", "--plan", council["plan"].slug, "--period", "2026/27 Q2", "--output", str(output)
    )
    assert "Wrote Environment Plan 2026/27: progress report, 2026/27 Q2 (PDF" in message
    text = " ".join(pdf_pages(output.read_bytes()))
    assert all(task.text in text for task in council["tasks"])
    assert "Members are asked to note" in text


def test_committee_report_for_a_unit_as_html_and_excel(tmp_path):
    council = small_council(size=1)
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    common = ["committee_report", "--unit", council["council"].slug, "--period", "2026/27 Q1"]
    run(*common, "--format", "html", "--output", str(html))
    run(*common, "--format", "xlsx", "--output", str(xlsx), "--exceptions-only")
    assert "Millbrook Council: progress report, 2026/27 Q1" in html.read_text()
    assert load_workbook(BytesIO(xlsx.read_bytes())).sheetnames == ["Summary", "Tasks", "Indicators", "Key"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--plan", "no-such-plan", "--period", "2026/27 Q2"],
            "There is no plan with the slug “no-such-plan”",
        ),
        (["--unit", "nowhere", "--period", "2026/27 Q2"], "There is no unit with the slug “nowhere”"),
        (["--plan", "PLAN", "--period", "someday"], "'someday' is not a period"),
        (["--plan", "PLAN", "--period", "2030/31 H1"], "There is no reporting period 2030/31 H1"),
        (["--plan", "PLAN", "--period", "2026/27 Q2", "--no-tasks", "--no-indicators"], "needs the tasks"),
    ],
)
def test_committee_report_explains_bad_input(tmp_path, args, message):
    council = small_council(size=1)
    args = [council["plan"].slug if a == "PLAN" else a for a in args]
    with pytest.raises(CommandError, match=message):
        run("committee_report", *args, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_committee_report_cannot_write_into_a_missing_folder(tmp_path):
    council = small_council(size=1)
    with pytest.raises(CommandError, match="Cannot write"):
        run(
            "committee_report",
            "--plan",
            council["plan"].slug,
            "--period",
            "2026/27 Q2",
            "--format",
            "html",
            "--output",
            str(tmp_path / "missing" / "x.html"),
        )


def test_export_plan_as_pdf(tmp_path):
    council = small_council(size=1)
    output = tmp_path / "plan.pdf"
    assert "Wrote" in run("export_plan", "--plan", council["plan"].slug, "--output", str(output))
    text = " ".join(pdf_pages(output.read_bytes()))
    assert "Contents" in text and all(task.text in text for task in council["tasks"])


def test_export_plan_as_excel_in_the_import_format(tmp_path):
    pytest.importorskip("reporting.workbook.export")
    council = small_council(size=1)
    output = tmp_path / "plan.xlsx"
    run("export_plan", "--plan", council["plan"].slug, "--format", "xlsx", "--output", str(output))
    assert load_workbook(BytesIO(output.read_bytes())).sheetnames


def test_export_plan_refuses_an_unknown_plan(tmp_path):
    with pytest.raises(CommandError, match="There is no plan with the slug “nope”"):
        run("export_plan", "--plan", "nope", "--output", str(tmp_path / "x.pdf"))
