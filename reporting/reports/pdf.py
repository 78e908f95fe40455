"""HTML to an accessible PDF with WeasyPrint, offline.

* **Tagged, PDF/UA-1**: the structure tree (headings, paragraphs, tables with their header cells, lists)
  goes into the PDF, with the document's language (``<html lang>``) and title (``<title>``), shown as
  the window title, so screen readers can read it and members can navigate it by its bookmarks (h1–h3).
* **Rendered once per content**: a PDF is kept in the private storage under a digest of everything it is
  made from (the HTML, the static files it links to, WeasyPrint's version), so rendering the same paper
  again (a second download, a background render after a pre-render) reads the file instead of laying out
  the pages again.
* **On every core**: a long paper is cut at the new pages it marks, its parts laid out in separate
  processes at once and joined into the same tagged PDF (:mod:`reporting.reports.pdf_parallel`; see
  docs/adr/0006-committee-pdf-speed.md).
* **Offline**: the stylesheet and any image are read from the static files through
  :class:`StaticFilesFetcher`; nothing else is fetched, so rendering never waits on the network and a
  paper can never pull in content from elsewhere. This works the same in development (files found by the
  finders) and in production (hashed names from the manifest storage, read from ``STATIC_ROOT``).
"""

import hashlib
import html as html_escapes
import logging
import mimetypes
import re
import zlib
from datetime import datetime
from urllib.parse import unquote, urljoin

import pydyf
import weasyprint
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reporting.private_files import private_file_read, private_storage
from reporting.reports import pdf_parallel

logger = logging.getLogger(__name__)

#: Papers are rendered as if served from here, so relative and /static/ links resolve to the static files.
BASE_URL = "https://paper.invalid/"
PDF_VARIANT = "pdf/ua-1"


def static_name(url: str) -> str | None:
    """The static file's name (as the storage knows it, hashed or not) that a paper's ``url`` points at,
    or None when it is not a static file. Read from ``STATIC_URL`` rather than ``static("")``, which the
    manifest storage refuses (there is no file called "")."""
    static_url = staticfiles_storage.base_url or "/static/"
    prefix = static_url if "://" in static_url else urljoin(BASE_URL, static_url)
    if not url.startswith(prefix):
        return None
    name = unquote(url.removeprefix(prefix).split("?")[0].split("#")[0])
    return None if not name or ".." in name.split("/") else name


def static_path(name: str) -> str | None:
    """Where the static file ``name`` is on disk (found by the finders, else collected), or None."""
    path = finders.find(name)
    if path is None and staticfiles_storage.exists(name):
        path = staticfiles_storage.path(name)
    return path


class StaticFilesFetcher(URLFetcher):
    """Serves ``https://paper.invalid/static/…`` from the static files (the finders in development, the
    collected files in production) and refuses every other address."""

    def fetch(self, url, headers=None):
        name = static_name(url)
        if name is None:
            raise ValueError(f"Papers are rendered offline; not fetching {url}")
        path = static_path(name)
        if path is None:
            raise ValueError(f"No static file {name}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _page_references(self):
    """pydyf's ``PDF.page_references`` rebuilds the list of every page each time it is read, and the
    tagging reads it once per tagged element, so a long tagged document costs pages × elements. This
    returns the same tuple, rebuilt only when pages are added (about 10% of a 90-page report's time)."""
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        self.__dict__["_page_references_cache"] = cached
    return cached[1]


if isinstance(getattr(pydyf.PDF, "page_references", None), property):
    pydyf.PDF.page_references = property(_page_references)

#: pydyf compresses every stream at zlib's level 9; a tagged paper's structure tree is megabytes of
#: repetitive dictionaries, where level 9 costs 0.36 s of a committee paper's render to save 4% of the file.
COMPRESSION_LEVEL = 6


class _Zlib:
    """``zlib`` as pydyf sees it: the same, except that no stream is compressed above level 6."""

    def __getattr__(self, name):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(min(level, COMPRESSION_LEVEL), *args, **kwargs)


if getattr(pydyf, "zlib", None) is zlib:
    pydyf.zlib = _Zlib()


#: What WeasyPrint is asked for: PDF/UA-1, tagged.
RENDER_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
#: At most this many processes lay out one paper's parts at once (one per core, up to this).
MAX_PDF_PROCESSES = 4


def weasyprint_html(html: str) -> HTML:
    """WeasyPrint's document for ``html``, read as if served from ``BASE_URL``, its files from the static
    files only."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())


def pdf_parts(html: str) -> list[pdf_parallel.Part]:
    """The parts :func:`render_pdf` lays ``html`` out in at once: one per core (up to ``MAX_PDF_PROCESSES``)
    where this process may fork and the paper can be cut, else one, the whole."""
    if not pdf_parallel.can_fork():
        return [pdf_parallel.Part(html)]
    return pdf_parallel.split(html, min(pdf_parallel.cores(), MAX_PDF_PROCESSES))


def render_pdf(html: str) -> bytes:
    """An accessible (tagged, PDF/UA-1) PDF of ``html``, whose stylesheets come from the static files,
    laid out now. A long paper that starts new pages at places it marks is cut there and its parts laid out
    on every core at once, then joined (:mod:`.pdf_parallel`: about 7 s instead of 12 s for a 500-task,
    200-indicator committee paper of 134 pages on two cores); anything else, or if that fails, in this
    process."""
    parts = pdf_parts(html)
    if len(parts) > 1:
        try:
            return pdf_parallel.render_parts(parts, RENDER_OPTIONS, weasyprint_html)
        except Exception:
            logger.warning(
                "Could not lay out the paper in %s parts; laying it out in one",
                len(parts),
                exc_info=True,
                extra={"event": "pdf_parts_failed"},
            )
    with pdf_parallel.without_cycle_collection():
        return weasyprint_html(html).write_pdf(**RENDER_OPTIONS)


# -- one render per content ------------------------------------------------------------------------------

#: Where kept PDFs live in the private storage, named by :func:`pdf_digest`.
CACHE_FOLDER = "pdf-cache"
#: Bump to drop every kept PDF (for a change to the rendering that neither the HTML nor the static files show).
CACHE_VERSION = "3"  # 2: streams compressed at level 6; 3: long papers laid out in parts and joined

_LINKED = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""")


def _static_files_linked(html: str) -> list[tuple[str, bytes]]:
    """The static files ``html`` links to (stylesheets, images, and what the stylesheets import or use),
    each with its bytes: a paper changes when any of them does."""
    found, seen = [], set()
    queue = [urljoin(BASE_URL, html_escapes.unescape(url)) for url in _LINKED.findall(html)]
    while queue:
        url = queue.pop(0)
        name = static_name(url)
        if name is None or name in seen:
            continue
        seen.add(name)
        path = static_path(name)
        body = b""
        if path is not None:
            with open(path, "rb") as handle:
                body = handle.read()
        found.append((name, body))
        if name.endswith(".css"):
            text = body.decode("utf-8", "replace")
            queue += [urljoin(url, a or b) for a, b in _CSS_URL.findall(text)]
    return found


def pdf_digest(html: str) -> str:
    """A digest of everything the PDF of ``html`` is made from: the HTML, the static files it uses,
    WeasyPrint's and pydyf's versions and the PDF variant. Equal digests, equal PDFs."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, weasyprint.__version__, pydyf.__version__, PDF_VARIANT):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(html.encode()).digest())
    for name, body in _static_files_linked(html):
        digest.update(name.encode() + b"\0" + hashlib.sha256(body).digest())
    return digest.hexdigest()


def _cache_name(digest: str) -> str:
    return f"{CACHE_FOLDER}/{digest}.pdf"


def cached_pdf(html: str) -> bytes | None:
    """The kept PDF of ``html`` if it has been rendered before (and not swept away since), else None."""
    return _kept(pdf_digest(html))


def _keep(digest: str, pdf: bytes) -> None:
    """Keep ``pdf`` under its digest. Two renders finishing together made the same file: the storage names
    the second copy differently, and it is dropped. A storage that fails costs the next render its shortcut,
    never this one its PDF."""
    name = _cache_name(digest)
    try:
        storage = private_storage()
        if storage.exists(name):
            return
        saved = storage.save(name, ContentFile(pdf))
        if saved != name:
            storage.delete(saved)
    except Exception:
        logger.warning("Could not keep the PDF %s", name, exc_info=True, extra={"event": "pdf_keep_failed"})


def _kept(digest: str) -> bytes | None:
    try:
        return private_file_read(_cache_name(digest))
    except Exception:
        logger.warning(
            "Could not read the kept PDF %s", digest, exc_info=True, extra={"event": "pdf_read_failed"}
        )
        return None


def html_to_pdf(html: str) -> bytes:
    """An accessible (tagged, PDF/UA-1) PDF of ``html``: the one already rendered from the same content if
    it is kept, otherwise rendered now (:func:`render_pdf`) and kept for next time."""
    digest = pdf_digest(html)
    kept = _kept(digest)
    if kept is not None:
        return kept
    pdf = render_pdf(html)
    _keep(digest, pdf)
    return pdf


def pdf_cache_sweep(*, before: datetime) -> int:
    """Delete kept PDFs written before ``before``; how many went. (A swept paper is rendered again when
    next asked for.)"""
    storage = private_storage()
    try:
        _folders, files = storage.listdir(CACHE_FOLDER)
    except FileNotFoundError:
        return 0
    gone = 0
    for file in files:
        name = f"{CACHE_FOLDER}/{file}"
        if storage.get_modified_time(name) < before:
            storage.delete(name)
            gone += 1
    return gone
