"""Downloading a list as Excel: the same filters, every row (not just the page), in the list's order."""

from django.utils.text import slugify
from django_tables2.data import TableQuerysetData

from serviceplans.xlsx import xlsx_response


class ListDownloadMixin:
    """``?…&format=xlsx`` on a list downloads every filtered row (not just the page), in the list's order."""

    xlsx_name = "rows"

    @property
    def wants_xlsx(self) -> bool:
        return self.request.GET.get("format") == "xlsx"

    def get_table_pagination(self, table):
        return False if self.wants_xlsx else super().get_table_pagination(table)

    def render_to_response(self, context, **response_kwargs):
        if self.wants_xlsx:
            period = self.filterset.period
            title = (
                f"{self.xlsx_name.capitalize()}, {period.label}" if period else self.xlsx_name.capitalize()
            )
            name = slugify(f"{self.xlsx_name} {period.label.replace('/', '-')}" if period else self.xlsx_name)
            return xlsx_response(
                filename=f"{name}.xlsx",
                title=title,
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
        context["table"].caption = f"{self.xlsx_name.capitalize()}, {period.label}" if period else ""
        return context | {"period": period}
