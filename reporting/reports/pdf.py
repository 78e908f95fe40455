"""HTML to an accessible PDF with WeasyPrint, offline.

* **Tagged, PDF/UA-1**: the structure tree (headings, paragraphs, tables with their header cells, lists)
  goes into the PDF, with the document's language (``<html lang>``) and title (``<title>``), shown as
  the window title, so screen readers can read it and members can navigate it by its bookmarks (h1–h3).
* **Offline**: the stylesheet and any image are read from the static files through
  :class:`StaticFilesFetcher`; nothing else is fetched, so rendering never waits on the network and a
  paper can never pull in content from elsewhere. This works the same in development (files found by the
  finders) and in production (hashed names from the manifest storage, read from ``STATIC_ROOT``).
"""

import gc
import mimetypes
from contextlib import contextmanager
from urllib.parse import unquote, urljoin

import pydyf
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


class StaticFilesFetcher(URLFetcher):
    """Serves ``https://paper.invalid/static/…`` from the static files (the finders in development, the
    collected files in production) and refuses every other address."""

    def fetch(self, url, headers=None):
        name = static_name(url)
        if name is None:
            raise ValueError(f"Papers are rendered offline; not fetching {url}")
        path = finders.find(name)
        if path is None and staticfiles_storage.exists(name):
            path = staticfiles_storage.path(name)
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


@contextmanager
def _without_cycle_collection():
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


def html_to_pdf(html: str) -> bytes:
    """An accessible (tagged, PDF/UA-1) PDF of ``html``, whose stylesheets come from the static files."""
    with _without_cycle_collection():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
        return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
