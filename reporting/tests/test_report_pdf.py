"""The committee paper as PDF, read back: cover text, every task, status words, commentary, tagging,
landscape annexes, DRAFT on every page."""

import pytest
from pypdf.generic import NameObject

from actions.models import ProgressUpdate
from reporting.reports.committee import CommitteeReport
from reporting.reports.pdf import BASE_URL, StaticFilesFetcher
from tests.builders import small_council
from tests.factories import OrganisationUnitFactory

from .test_reports_support import make_report, pdf_pages, pdf_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered():
    council = small_council(size=2)
    for n, update in enumerate(ProgressUpdate.objects.filter(period=council["q2"]).order_by("pk")):
        update.commentary = f"Contractor appointed; site works begin in October (note {n})."
        update.save()
    report = make_report(
        council, report_of="Director of Environment", contact_officer="Jane Smith, 01632 960123"
    )
    pdf = CommitteeReport.for_report(report).pdf()
    return council, report, pdf


def test_the_pdf_has_the_cover_text_every_task_its_status_and_commentary(rendered):
    council, report, pdf = rendered
    text = " ".join(pdf_pages(pdf))
    for words in (
        report.title,
        "Environment Scrutiny Committee",
        "REPORT OF Director of Environment",
        "CONTACT OFFICER Jane Smith, 01632 960123",
        "1 PURPOSE",
        "Members are asked to note",
        "expect progress of about 50%",
        "Annexe 1: Action plan – progress to September 2026",
        "Annexe 2: Performance indicators, 2026/27 Q2",
    ):
        assert words in text
    for task in council["tasks"]:
        assert task.text in text
    for n in range(2):
        assert f"(note {n})" in text
    assert "✗ Red" in text and "? No update" in text
    for indicator in council["indicators"]:
        assert indicator.name in text
    assert "Worse than target range" in text


def test_the_pdf_is_tagged_with_a_title_and_language(rendered):
    _council, report, pdf = rendered
    reader = pdf_reader(pdf)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == report.title
    assert catalog["/ViewerPreferences"][NameObject("/DisplayDocTitle")]
    assert len(reader.outline) >= 3  # bookmarks: the title and each annexe


def test_the_cover_is_portrait_and_the_annexes_landscape(rendered):
    *_, pdf = rendered
    pages = pdf_reader(pdf).pages
    first = pages[0].mediabox
    assert first.width < first.height
    annexe_pages = [
        p
        for p, text in zip(pages, pdf_pages(pdf), strict=True)
        if "Key to task status" in text or "Key performance measure" in text
    ]
    assert annexe_pages and all(p.mediabox.width > p.mediabox.height for p in annexe_pages)


def test_every_page_of_a_draft_says_draft_with_page_numbers_and_the_council(rendered):
    *_, pdf = rendered
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "DRAFT" in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Borough of Millbrook Council" in text


def test_the_html_preview_uses_the_same_template_with_real_table_headers(rendered):
    council, report, _pdf = rendered
    html = CommitteeReport.for_report(report).html(
        preview={"links": [("/x/", "All reports")], "draft_note": "n"}
    )
    assert '<html lang="en-GB">' in html and f"<title>{report.title}</title>" in html
    assert '<th scope="col">Status</th>' in html and '<th scope="row" class="task-text">' in html
    assert "paper-screen.css" in html and "All reports" in html
    assert "paper-screen.css" not in CommitteeReport.for_report(report).html()


def test_papers_are_rendered_offline():
    fetcher = StaticFilesFetcher()
    response = fetcher.fetch(BASE_URL + "static/reporting/paper.css")
    assert b"@page" in response.read()
    for url in ("https://example.com/x.css", BASE_URL + "static/nope.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_report_with_nothing_in_scope_still_renders():
    council = small_council(size=1)
    empty = OrganisationUnitFactory(name="Twinning Office", parent=council["council"])
    report = make_report(council, plan=None, unit=empty)
    text = " ".join(pdf_pages(CommitteeReport.for_report(report).pdf()))
    assert "There are no tasks in this report." in text and "There are no tasks to report." in text


def test_pydyf_compresses_streams_at_level_6_not_9(monkeypatch):
    """A tagged paper's structure tree is megabytes of repetitive dictionaries: level 9 cost a third of a
    second of a committee paper for 4% of the file (docs/adr/0006-committee-pdf-speed.md)."""
    import zlib

    import pydyf

    levels = []
    real = zlib.compressobj

    def recording(level=-1, *args, **kwargs):
        levels.append(level)
        return real(level, *args, **kwargs)

    monkeypatch.setattr(zlib, "compressobj", recording)
    stream = pydyf.Stream([b"0 0 m 10 10 l S"] * 100, compress=True)
    assert zlib.decompress(stream.data.split(b"stream\n")[1].rsplit(b"\nendstream")[0])
    assert levels == [6]
