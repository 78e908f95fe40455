"""A long paper laid out on every core: cut where it starts new pages, its parts laid out in separate
processes and joined into the PDF one process would have made: the same pages, text, "Page N of M" and
running heads, the same structure tree (tags), parent tree, table headers, bookmarks and metadata."""

import logging
import threading

import pytest
import weasyprint.layout
from pypdf.generic import ArrayObject, IndirectObject

from reporting.benchmark import build_council
from reporting.reports import pdf as pdf_module
from reporting.reports import pdf_parallel
from reporting.reports.committee import CommitteeReport
from reporting.reports.pdf import RENDER_OPTIONS, weasyprint_html
from reporting.reports.services import report_build

from .test_reports_support import pdf_pages, pdf_reader

pytestmark = pytest.mark.django_db

HEAD = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>T</title>'
    '<link rel="stylesheet" href="/static/reporting/paper.css"></head><body>'
)


def one_process(html: str) -> bytes:
    return weasyprint_html(html).write_pdf(**RENDER_OPTIONS)


def structure(pdf: bytes) -> dict:
    """What a screen reader and a sighted reader get from ``pdf``: every structure element in order (depth,
    role, page, marked contents, alternative text, attributes, and which header cells a cell's headers are),
    each page's parent-tree entry (which elements its marked contents belong to), the bookmarks (depth,
    title, page, position), the catalogue's language and marks, the metadata, and each page's text."""
    reader = pdf_reader(pdf)
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    order, walk, ids = {}, [], {}

    def visit(reference, depth):
        element = reference.get_object()
        order[reference.idnum] = len(walk)
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        marked, children = [], []
        for kid in kids:
            if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                children.append(kid)
            else:
                marked.append(repr(kid.get_object() if isinstance(kid, IndirectObject) else kid))
        attributes = dict(element.get("/A") or {})
        headers = attributes.pop("/Headers", None)
        if "/ID" in element:
            assert str(element["/ID"]) not in ids, "a header cell's identifier is used twice"
            ids[str(element["/ID"])] = len(walk)
        page = element.get("/Pg")
        walk.append(
            [
                depth,
                element["/S"],
                pages.get(page.idnum) if page else None,
                marked,
                element.get("/Alt"),
                sorted((k, repr(v)) for k, v in attributes.items()),
                headers,
            ]
        )
        for kid in children:
            visit(kid, depth + 1)

    for kid in root["/K"]:
        visit(kid, 0)
    for row in walk:  # a cell's headers, as the header cells they name
        row[6] = [ids[str(h)] for h in row[6]] if row[6] else None
    nums = root["/ParentTree"]["/Nums"]
    keyed = {int(nums[n]): nums[n + 1] for n in range(0, len(nums), 2)}
    parents = []
    for n, page in enumerate(reader.pages):
        entry = keyed[int(page["/StructParents"])].get_object()
        parents.append([order.get(ref.idnum, ("not in the tree", ref.get_object()["/S"])) for ref in entry])
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/StructParent" in annotation:
                parents.append(("link", n, order[keyed[int(annotation["/StructParent"])].idnum]))

    def bookmarks(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from bookmarks(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item), item.left, item.top

    catalog = reader.trailer["/Root"]
    return {
        "elements": walk,
        "parent tree": parents,
        "bookmarks": list(bookmarks(reader.outline)),
        "catalogue": {key: repr(catalog.get(key)) for key in ("/Lang", "/MarkInfo", "/ViewerPreferences")},
        "metadata": (catalog["/Metadata"].get_data(), dict(reader.metadata)),
        "destinations": sorted(reader.named_destinations),
        "text": pdf_pages(pdf),
    }


@pytest.fixture(scope="module")
def paper(django_db_setup, django_db_blocker):
    """A committee paper of 40 tasks and 20 indicators in five sections (the benchmark's council, small)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            plan, period = build_council(tasks=40, indicators=20)
            report = report_build(plan=plan, period=period, committee="Cabinet")
            html = CommitteeReport.for_report(report).html()
            transaction.set_rollback(True)
    return html


def test_a_paper_starts_a_new_page_at_each_annexe_and_each_of_its_sections_after_the_first(paper):
    points = pdf_parallel.cut_points(paper)
    # two annexes (tasks, indicators) of five sections each: the annexes and sections 2 to 5 of each
    assert len(points) == 2 + 4 + 4
    starts = [paper[p : p + 60] for p, _reopen in points]
    assert sum(s.startswith('<section class="annexe paper-new-page"') for s in starts) == 2
    first_task_section = paper.index('class="section-heading"')
    assert all(p > first_task_section for p, _ in points[1:])
    assert all(reopen.startswith("<main") for _, reopen in points)
    assert sum("<section" in reopen for _, reopen in points) == 8  # sections reopen their annexe


def test_parts_are_whole_documents_cut_at_new_pages_about_equal_in_length(paper):
    parts = pdf_parallel.split(paper, 3, min_chars=1_000)
    assert len(parts) == 3
    assert parts[0].html == paper[: len(parts[0].html)]
    for part in parts[1:]:
        assert part.html.startswith(paper[: paper.index("<main")])  # the same head, so the same styles
        assert 'paper-new-page"' in part.html[: part.html.index("<main") + 200]
    content = [len(p.html) for p in parts]
    assert max(content) < len(paper) * 0.6
    # too short to be worth a process, or nowhere to cut: one part, the whole paper
    assert pdf_parallel.split(paper, 3) == [pdf_parallel.Part(paper)]
    assert pdf_parallel.split(paper, 1, min_chars=1_000) == [pdf_parallel.Part(paper)]
    plain = HEAD + "<main><h1>Report</h1><p>Text.</p></main></body></html>"
    assert pdf_parallel.split(plain, 2, min_chars=1) == [pdf_parallel.Part(plain)]


def test_a_paper_that_links_within_itself_is_never_cut(paper):
    """A contents page's links and page numbers need the whole document."""
    linked = paper.replace("<main", '<a href="#annexe-tasks">Annexe 1</a><main', 1)
    assert pdf_parallel.cut_points(linked) == []
    assert pdf_parallel.split(linked, 3, min_chars=1_000) == [pdf_parallel.Part(linked)]


def test_the_joined_pdf_is_the_pdf_one_process_makes(paper):
    parts = pdf_parallel.split(paper, 3, min_chars=1_000)
    assert len(parts) == 3
    joined = pdf_parallel.render_parts(parts, RENDER_OPTIONS, weasyprint_html)
    whole = one_process(paper)
    expected, got = structure(whole), structure(joined)
    assert len(got["text"]) == len(expected["text"]) >= 6
    for key in expected:
        assert got[key] == expected[key], key
    # "Page N of M", the council's name and the paper's title run on every page, parts after the first too
    total = len(expected["text"])
    council = paper.split('class="paper-council">')[1].split("<")[0]
    title = paper.split("<title>")[1].split("<")[0]
    for n, text in enumerate(got["text"], start=1):
        assert f"Page {n} of {total}" in text and council in text and title in " ".join(text.split())
    assert len(expected["bookmarks"]) >= 12 and any(depth == 1 for depth, *_ in expected["bookmarks"])
    assert b"pdfuaid:part" in got["metadata"][0]


def test_render_pdf_lays_a_long_paper_out_in_parts(paper, monkeypatch):
    used = []
    real = pdf_parallel.render_parts
    monkeypatch.setattr(pdf_parallel, "MIN_PART_CHARS", 1_000)
    monkeypatch.setattr(pdf_parallel, "cores", lambda: 2)
    monkeypatch.setattr(
        pdf_parallel, "render_parts", lambda parts, *args: used.append(parts) or real(parts, *args)
    )
    pdf = pdf_module.render_pdf(paper)
    assert len(used) == 1 and len(used[0]) == 2
    assert len(pdf_reader(pdf).pages) == len(pdf_reader(one_process(paper)).pages)


def test_header_cells_keep_distinct_identifiers_across_parts():
    """WeasyPrint names a table's header cells after the table's object number, which is the same in two
    parts laid out alike: each part after the first gets its own prefix, so every cell's headers are the
    right header cells."""
    table = (
        '<table><thead><tr><th scope="col">Task</th><th scope="col">Status</th></tr></thead>'
        '<tbody><tr><th scope="row">Resurface the car park</th><td>On track</td></tr></tbody></table>'
    )
    annexe = f'<section class="annexe paper-new-page"><h1>Annexe</h1>{table}</section>'
    html = HEAD + f"<main>{annexe}{annexe}</main></body></html>"
    parts = pdf_parallel.split(html, 2, min_chars=1)
    assert len(parts) == 2
    joined = structure(
        pdf_parallel.render_parts(parts, RENDER_OPTIONS, weasyprint_html)
    )  # asserts the identifiers differ
    assert joined["elements"] == structure(one_process(html))["elements"]
    cells = [row for row in joined["elements"] if row[1] == "/TD"]
    assert len(cells) == 2 and cells[0][6] != cells[1][6]


@pytest.mark.parametrize("failure", ["reports", "dies"])
def test_a_part_that_fails_leaves_the_paper_to_one_process(paper, monkeypatch, caplog, failure):
    """A part that reports a failure (WeasyPrint no longer drawing margin boxes the way the parts agree
    their page numbers, say) or whose process dies without a word: the paper is laid out whole, as before."""
    import os

    def failing(connection, index, html, options, document_for):
        if failure == "dies" and index == 1:
            os._exit(1)
        connection.send(("failed", "RuntimeError('WeasyPrint did not draw margin boxes')"))

    monkeypatch.setattr(pdf_parallel, "MIN_PART_CHARS", 1_000)
    monkeypatch.setattr(pdf_parallel, "cores", lambda: 2)
    monkeypatch.setattr(pdf_parallel, "_lay_out_part", failing)  # in the parts' processes too (forked)
    with caplog.at_level(logging.WARNING, logger="reporting.reports.pdf"):
        pdf = pdf_module.render_pdf(paper)
    assert [r.event for r in caplog.records] == ["pdf_parts_failed"]
    assert len(pdf_reader(pdf).pages) == len(pdf_reader(one_process(paper)).pages)


def test_a_part_checks_that_weasyprint_drew_its_margin_boxes_through_the_agreement(monkeypatch):
    """If WeasyPrint stops calling ``layout.make_margin_boxes`` (a new release), a part's page numbers
    would be its own: the part fails instead."""
    import weasyprint.document

    real = weasyprint.document.layout_document
    monkeypatch.setattr(
        weasyprint.document, "layout_document", lambda *a, **k: _without_agreement(real, *a, **k)
    )
    mine, theirs = __import__("multiprocessing").Pipe()
    pdf_parallel._lay_out_part(
        theirs, 0, HEAD + "<main><p>Text.</p></main></body></html>", RENDER_OPTIONS, weasyprint_html
    )
    kind, reason = mine.recv()
    assert kind == "failed" and "did not draw margin boxes" in reason


def _without_agreement(real, *args, **kwargs):
    """WeasyPrint's layout with margin boxes drawn by the function it had before the part wrapped it."""
    wrapped = weasyprint.layout.make_margin_boxes
    weasyprint.layout.make_margin_boxes = weasyprint.layout.page.make_margin_boxes
    try:
        yield from real(*args, **kwargs)
    finally:
        weasyprint.layout.make_margin_boxes = wrapped


def test_parts_are_not_forked_while_another_thread_runs():
    assert pdf_parallel.can_fork() == (pdf_parallel.cores() >= 2 and threading.active_count() == 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pdf_parallel.can_fork()
    finally:
        stop.set()
        thread.join()
