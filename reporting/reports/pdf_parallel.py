"""A long paper laid out on every core: cut at its forced page breaks, each part laid out by WeasyPrint in
its own process at the same time, and the parts' tagged PDFs joined into the one PDF a single process would
have made. See docs/adr/0006-committee-pdf-speed.md (second addendum).

What makes the parts one document again:

* **Cut only where the paper starts a new page anyway.** A paper marks those places with the class
  ``paper-new-page`` (whose style is ``break-before: page``): an annexe, and each section of an annexe after
  its first. A part begins on a new page exactly where the whole paper does, so every page is laid out the
  same. A part that starts inside an annexe reopens the annexe's ``<section>`` (and the ``<main>``) around
  it; WeasyPrint tags each page's piece of an element as its own structure element anyway, so the structure
  tree is the same.
* **"Page N of M" and the running heads.** Each part, once paginated and before its margin boxes are drawn,
  tells this process how many pages it has and the last value of each named string (the council's name and
  the paper's title, set on the cover); it is told back its first page's number, the total and the strings
  in force where it starts, and draws its margin boxes with them. (WeasyPrint draws margin boxes only after
  paginating the whole document, in ``layout_document``; the part's ``make_margin_boxes`` is wrapped for
  this, in the part's own process only.)
* **Joined with qpdf** (pikepdf): the pages in order; each part's structure elements under the first part's
  ``/Document``; the parent tree's keys (pages', then links') moved past the parts before; named destinations
  (the first of a name wins, as in one document); the bookmarks built again over all the pages with
  WeasyPrint's own rule for their levels. Metadata, language, title and the PDF/UA declaration are the first
  part's (every part has the same ``<head>``).

Anything unexpected (no ``fork`` here, a thread running, a part failing, WeasyPrint not calling what it
wraps) and the paper is laid out in one process instead, as before: the result is the same, only slower.
"""

import gc
import io
import logging
import multiprocessing
import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait
from types import SimpleNamespace

import weasyprint
import weasyprint.layout

logger = logging.getLogger(__name__)

#: The class a paper puts on an element that starts a new page (``break-before: page``): the places it may
#: be cut. Defined with its style in ``reporting/static/reporting/paper.css``.
NEW_PAGE_CLASS = "paper-new-page"
#: A part smaller than this (characters of HTML) costs a process more than it saves.
MIN_PART_CHARS = 80_000
#: How long a part may take before the paper is laid out in one process instead.
PART_TIMEOUT_SECONDS = 300

_MAIN = re.compile(r"<main\b[^>]*>")
_NEW_PAGE = re.compile(r"<(section|div)\b[^>]*\bclass=\"[^\"]*\b" + NEW_PAGE_CLASS + r"\b[^\"]*\"[^>]*>")
#: Links inside the paper and cross-references (a contents page's page numbers) need the whole document.
_INTERNAL_REFERENCE = re.compile(r"""href\s*=\s*["']#""")


@dataclass(frozen=True)
class Part:
    """A part of a paper: its HTML (a whole document: the paper's head, then its content from one cut to
    the next)."""

    html: str


def cut_points(html: str) -> list[tuple[int, str]]:
    """Where ``html`` may be cut: each element marked ``paper-new-page`` (its start), with the tags a part
    starting there must reopen (the ``<main>``, and the annexe's ``<section>`` for a section inside one).
    None when the paper links within itself or has no ``<main>``."""
    main = _MAIN.search(html)
    if main is None or _INTERNAL_REFERENCE.search(html):
        return []
    points, annexe = [], None
    for match in _NEW_PAGE.finditer(html, main.end()):
        if match.group(1) == "section":
            annexe = match.group(0)
            points.append((match.start(), main.group(0)))
        elif annexe is not None:
            points.append((match.start(), main.group(0) + annexe))
    return points


def split(html: str, parts: int, min_chars: int | None = None) -> list[Part]:
    """``html`` cut into at most ``parts`` parts of about equal length at its cut points, none shorter
    than ``min_chars`` (``MIN_PART_CHARS`` unless given); one part (the whole) when it cannot be cut."""
    min_chars = MIN_PART_CHARS if min_chars is None else min_chars
    main = _MAIN.search(html)
    points = cut_points(html)
    if parts < 2 or not points or main is None:
        return [Part(html)]
    head = html[: main.start()]  # a part after the first: this, then the tags it reopens, then its content
    chosen: list[tuple[int, str]] = []
    start = main.end()
    for k in range(1, parts):
        target = main.end() + (len(html) - main.end()) * k // parts
        candidates = [p for p in points if p[0] - start >= min_chars and len(html) - p[0] >= min_chars]
        if not candidates:
            break
        point = min(candidates, key=lambda p: abs(p[0] - target))
        if chosen and point[0] <= chosen[-1][0]:
            continue
        chosen.append(point)
        start = point[0]
    if not chosen:
        return [Part(html)]
    result = [Part(html[: chosen[0][0]])]
    for n, (position, reopen) in enumerate(chosen):
        end = chosen[n + 1][0] if n + 1 < len(chosen) else len(html)
        result.append(Part(head + reopen + html[position:end]))
    return result


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether parts can be laid out in forked processes here: ``fork`` exists, there are cores to spare,
    and no other thread is running (a thread holding a lock at the fork would leave it held in the part)."""
    return (
        "fork" in multiprocessing.get_all_start_methods() and cores() >= 2 and threading.active_count() == 1
    )


# -- in each part's process ------------------------------------------------------------------------------


def _table_header_ids(prefix: str):
    """A finisher for WeasyPrint's ``write_pdf`` that puts ``prefix`` before every table header cell's
    identifier and the references to it (WeasyPrint numbers them from the table's object number, which the
    other parts' PDFs use too)."""
    import pydyf

    def finisher(_document, pdf) -> None:
        for item in pdf.objects:
            if not isinstance(item, pydyf.Dictionary) or item.get("Type") != "/StructElem":
                continue
            if isinstance(item.get("ID"), pydyf.String):
                item["ID"] = pydyf.String(prefix + str(item["ID"].string))
            headers = item.get("A", {}).get("Headers") if isinstance(item.get("A"), dict) else None
            if headers:
                item["A"]["Headers"] = pydyf.Array(pydyf.String(prefix + str(h.string)) for h in headers)

    return finisher


@contextmanager
def without_cycle_collection():
    """WeasyPrint builds hundreds of thousands of short-lived objects; Python's cycle collector keeps
    walking them (and every model instance the process holds) while it works. Pausing it for the render
    saves about 10% of a long report's time; what the render leaves behind is collected afterwards as
    usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lay_out_part(connection, index: int, html: str, render_options: dict, document_for) -> None:
    """Lay out one part (``document_for(html)``: WeasyPrint's ``HTML`` with the paper's base URL and
    fetcher), agreeing its page numbers and running heads with the other parts through ``connection``, and
    send back its PDF and each page's height and bookmarks."""
    original = weasyprint.layout.make_margin_boxes
    agreed: dict = {}

    def make_margin_boxes(context, page, state):
        if not agreed:
            counters = state[1]
            last = {name: values[max(values)][-1] for name, values in context.string_set.items() if values}
            connection.send(("paginated", counters["pages"][-1], last))
            offset, total, inherited = connection.recv()
            agreed.update(offset=offset, total=total)
            for name, value in inherited.items():
                store = context.string_set[name]
                if 1 not in store:  # what was set before this part is in force until the part sets its own
                    store[1] = [value]
        counters = dict(state[1])
        counters["page"] = [counters["page"][-1] + agreed["offset"]]
        counters["pages"] = [agreed["total"]]
        return original(context, page, (state[0], counters, *state[2:]))

    try:
        weasyprint.layout.make_margin_boxes = make_margin_boxes
        with without_cycle_collection():
            document = document_for(html).render(**render_options)
            if not agreed:
                raise RuntimeError("WeasyPrint did not draw margin boxes through make_margin_boxes")
            finisher = _table_header_ids(f"{index}.") if index else None
            pdf = document.write_pdf(finisher=finisher, **render_options)
        pages = [(page.height, list(page.bookmarks)) for page in document.pages]
        connection.send(("done", pdf, pages))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which lays out the paper itself
        connection.send(("failed", repr(error)))
    finally:
        weasyprint.layout.make_margin_boxes = original
        connection.close()


# -- in the process that asked for the PDF -------------------------------------------------------------------


class PartsFailed(Exception):
    """The parts could not be laid out; the paper is laid out in one process instead."""


def render_parts(parts: list[Part], render_options: dict, document_for) -> bytes:
    """The PDF of a paper cut into ``parts``, each laid out in its own forked process at once (as
    ``document_for(html).render(**render_options)``), joined."""
    context = multiprocessing.get_context("fork")
    children = []
    try:
        for index, part in enumerate(parts):
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_lay_out_part,
                args=(theirs, index, part.html, render_options, document_for),
                daemon=True,
            )
            process.start()
            theirs.close()
            children.append((process, mine))
        connections = [connection for _process, connection in children]
        paginated = _receive_all(connections, "paginated")
        totals = [message[1] for message in paginated]
        total, offset, strings = sum(totals), 0, {}
        for connection, (_kind, pages, last) in zip(connections, paginated, strict=True):
            connection.send((offset, total, dict(strings)))
            offset += pages
            strings |= last
        done = _receive_all(connections, "done")
    finally:
        for process, connection in children:
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
    return join([message[1] for message in done], [message[2] for message in done])


def _receive_all(connections, kind: str) -> list[tuple]:
    """The next message from every part, which must be ``kind``."""
    messages: dict = {}
    while len(messages) < len(connections):
        ready = wait([c for c in connections if c not in messages], timeout=PART_TIMEOUT_SECONDS)
        if not ready:
            raise PartsFailed(f"no part sent {kind!r} within {PART_TIMEOUT_SECONDS} s")
        for connection in ready:
            try:
                message = connection.recv()
            except EOFError as error:
                raise PartsFailed("a part ended without a word") from error
            if message[0] != kind:
                raise PartsFailed(f"a part sent {message[0]!r} ({message[1:2]}) instead of {kind!r}")
            messages[connection] = message
    return [messages[connection] for connection in connections]


def join(pdfs: list[bytes], pages: list[list[tuple]]) -> bytes:
    """One tagged PDF of the parts' tagged PDFs ``pdfs`` (in order); ``pages`` is each part's list of
    (page height, WeasyPrint's bookmarks on the page), from which the bookmarks are built again."""
    import pikepdf

    whole = pikepdf.open(io.BytesIO(pdfs[0]))
    tree = whole.Root.StructTreeRoot
    document = tree.K[0]
    nums = tree.ParentTree.Nums
    next_key = _next_key(nums)
    names = _dest_names(whole)
    for data in pdfs[1:]:
        part = pikepdf.open(io.BytesIO(data))
        offset, first_page = next_key, len(whole.pages)
        part_tree = part.Root.StructTreeRoot
        part_elements = list(part_tree.K[0].K)
        for element in part_elements:  # not to copy the part's /Document (and all it reaches) with them
            del element.P
        whole.pages.extend(part.pages)
        for page in whole.pages[first_page:]:
            page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for element in part_elements:
            copied = whole.copy_foreign(element)
            copied.P = document
            document.K.append(copied)
        part_nums = part_tree.ParentTree.Nums
        for n in range(0, len(part_nums), 2):
            nums.append(int(part_nums[n]) + offset)
            nums.append(_copied(whole, part_nums[n + 1]))
        next_key = offset + _next_key(part_nums)
        for name, destination in _dest_names(part).items():
            if name not in names:
                names[name] = _copied(whole, destination)
        part.close()
    tree.ParentTreeNextKey = next_key
    if names:
        if "/Names" not in whole.Root:
            whole.Root.Names = pikepdf.Dictionary()
        flat = []
        for name in sorted(names):
            flat += [pikepdf.String(name), names[name]]
        whole.Root.Names.Dests = whole.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))
    _outlines(whole, [page for part_pages in pages for page in part_pages])
    out = io.BytesIO()
    whole.save(
        out,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
        fix_metadata_version=False,  # the first part's XMP (with its PDF/UA declaration), as WeasyPrint wrote it
    )
    return out.getvalue()


def _copied(pdf, value):
    """``value`` from another PDF, as an object of ``pdf`` (what it refers to copied once: the pages already
    joined are those the part's references point to)."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copied(pdf, item) for key, item in value.items()})
    return value


def _next_key(nums) -> int:
    return max((int(nums[n]) for n in range(0, len(nums), 2)), default=-1) + 1


def _dest_names(pdf) -> dict:
    """The named destinations of ``pdf`` (a flat name tree, as WeasyPrint writes it)."""
    try:
        flat = pdf.Root.Names.Dests.Names
    except (AttributeError, KeyError):
        return {}
    return {str(flat[n]): flat[n + 1] for n in range(0, len(flat), 2)}


def _outlines(pdf, pages: list[tuple]) -> None:
    """The bookmarks of the joined pages, nested as WeasyPrint nests them (its own rule, over every page),
    written as WeasyPrint writes them."""
    import pikepdf

    scale = 0.75  # CSS px to PDF points, as WeasyPrint's write_pdf at zoom 1
    document = SimpleNamespace(pages=[SimpleNamespace(height=h, bookmarks=b) for h, b in pages])
    tree = weasyprint.Document.make_bookmark_tree(document, scale=scale, transform_pages=True)
    if "/Outlines" in pdf.Root:
        del pdf.Root.Outlines
    if not tree:
        return
    top = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))

    def add(bookmarks, parent) -> int:
        count, items = len(bookmarks), []
        for title, (page, x, y), children, state in bookmarks:
            item = pdf.make_indirect(
                pikepdf.Dictionary(
                    Title=pikepdf.String(title),
                    Dest=pikepdf.Array([pdf.pages[page].obj, pikepdf.Name.XYZ, x, y, 0]),
                    Parent=parent,
                )
            )
            child_count = add(children, item)
            if state == "closed":
                item.Count = -child_count
            else:
                item.Count = child_count
                count += child_count
            if items:
                item.Prev = items[-1]
                items[-1].Next = item
            items.append(item)
        if items:
            parent.First, parent.Last = items[0], items[-1]
        return count

    top.Count = add(tree, top)
    pdf.Root.Outlines = top
