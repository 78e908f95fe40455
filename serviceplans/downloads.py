"""Downloading a list as Excel: the same filters, every row (not just the page), in the list's order.

A download of up to ``EXPORT_BACKGROUND_ROWS`` rows (10,000) is written and streamed in the request. A bigger
one is made by the background worker while a page shows its progress, then offers the file to the person who
asked for it.

Why a hook here, and the job in ``reporting``
---------------------------------------------
The lists live in ``actions``, ``indicators`` and ``risks``; the background worker has to rebuild a list's
rows with the list's own view, so whatever runs the job must import those views. ``plans`` (the lowest app
with models) cannot: it sits below them. ``reporting`` can (it reads every app, and already keeps the
import's and the PDFs' background jobs and private files), so it keeps the job, its worker and its pages, and
fills in :func:`register_background_download` from its ``AppConfig.ready()``, as ``plans.hooks`` are filled.
This module only decides (one ``COUNT`` of the filtered rows) and, for the worker, replays the list's request
(:func:`background_request`) so the rows come from exactly the code that streams a small download: the same
filters from the query string, the same permissions, columns, order, file name and title. Without a
registered hook every download is streamed, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.text import slugify
from django_tables2.data import TableQuerysetData

from serviceplans.xlsx import xlsx_response

#: The request attribute that tells a list to write its download now, whatever its size (the worker's own).
NOW = "xlsx_now"

_background: list[Callable] = []


def register_background_download(function: Callable) -> None:
    """``function(*, request, view, rows) -> HttpResponse`` queues a big download of ``view`` (a list view
    whose filters are set) for the worker and answers the request, typically with a redirect to a progress
    page. One is kept: registering again replaces it."""
    _background[:] = [function]


def background_download():
    return _background[0] if _background else None


def background_request(*, path: str, query: str, user) -> HttpRequest:
    """A GET of a list's download for ``user``, as the worker replays it: the list writes it at once."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = QueryDict(query)
    site = urlsplit(settings.SITE_URL)
    request.META = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": query,
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "wsgi.url_scheme": site.scheme or "http",
    }
    request.user = user
    setattr(request, NOW, True)
    return request


class ListDownloadMixin:
    """``?…&format=xlsx`` on a list downloads every filtered row (not just the page), in the list's order;
    more than ``EXPORT_BACKGROUND_ROWS`` rows are made in the background (see the module's docstring)."""

    xlsx_name = "rows"

    @property
    def wants_xlsx(self) -> bool:
        return self.request.GET.get("format") == "xlsx"

    def get(self, request, *args, **kwargs):
        if self.wants_xlsx and not getattr(request, NOW, False) and (queue := background_download()):
            rows = self.xlsx_count()
            if self.xlsx_in_background(rows):
                return queue(request=request, view=self, rows=rows)
        return super().get(request, *args, **kwargs)

    def get_filterset(self, filterset_class):
        """Built once a request: a download's size is counted with the very filters that then list it."""
        if getattr(self, "filterset", None) is None:
            self.filterset = super().get_filterset(filterset_class)
        return self.filterset

    def xlsx_count(self) -> int:
        """How many rows the download has: one ``COUNT`` of the filtered rows (as ``FilterView.get`` lists
        them: none when the filters are wrong and the list is strict)."""
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid() and self.get_strict():
            return 0
        return filterset.qs.order_by().count()

    @staticmethod
    def xlsx_in_background(rows: int) -> bool:
        return background_download() is not None and rows > settings.EXPORT_BACKGROUND_ROWS

    def xlsx_title(self) -> str:
        period = self.filterset.period
        return f"{self.xlsx_name.capitalize()}, {period.label}" if period else self.xlsx_name.capitalize()

    def xlsx_filename(self) -> str:
        period = self.filterset.period
        name = slugify(f"{self.xlsx_name} {period.label.replace('/', '-')}" if period else self.xlsx_name)
        return f"{name}.xlsx"

    def xlsx_query(self) -> str:
        """The download's query string, to replay later: the period it was asked for written in, so the
        worker lists the same period even if the default one has moved on meanwhile."""
        query = self.request.GET.copy()
        period = self.filterset.period
        if period is not None and "period" in self.filterset.filters and not query.get("period", "").strip():
            query["period"] = period.label
        return query.urlencode()

    def get_table_pagination(self, table):
        return False if self.wants_xlsx else super().get_table_pagination(table)

    def render_to_response(self, context, **response_kwargs):
        if self.wants_xlsx:
            return xlsx_response(
                filename=self.xlsx_filename(),
                title=self.xlsx_title(),
                columns=self.xlsx_columns(),
                rows=self.xlsx_rows(context["table"].data),
            )
        return super().render_to_response(context, **response_kwargs)

    def xlsx_rows(self, data):
        """The sheet's rows: ``xlsx_row`` of each record. A view whose records cost more to build than to
        write (model instances and prefetches) may read lean values instead, by overriding this."""
        return (self.xlsx_row(record) for record in self.xlsx_records(data))

    @staticmethod
    def xlsx_records(data):
        """Every row of the table's data, in its order: a queryset is read in chunks (with its prefetches)
        rather than held whole, so a big download's memory stays bounded."""
        if isinstance(data, TableQuerysetData):
            return data.data.iterator(chunk_size=1000)
        return data

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.filterset.period
        table = context["table"]
        table.caption = f"{self.xlsx_name.capitalize()}, {period.label}" if period else ""
        paginator = getattr(table, "paginator", None)  # counted for the page anyway: no query of its own
        in_background = paginator is not None and self.xlsx_in_background(paginator.count)
        return context | {"period": period, "xlsx_in_background": in_background}
