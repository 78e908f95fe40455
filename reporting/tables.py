"""The list of committee reports."""

import django_tables2 as tables
from django.utils.html import format_html

from serviceplans.tables import GovukTable

from .models import Report


class ReportTable(GovukTable):
    caption = "Committee reports"
    title = tables.Column(linkify=("reporting:report-detail", {"pk": tables.A("pk")}), verbose_name="Report")
    committee = tables.Column()
    meeting_date = tables.DateColumn(format="j F Y", verbose_name="Meeting")
    period = tables.Column(order_by=("period__start_date", "period__end_date"))
    state = tables.Column(verbose_name="State")

    class Meta(GovukTable.Meta):
        model = Report
        fields = ["title", "committee", "meeting_date", "period", "state"]
        order_by = ("-meeting_date",)

    def render_state(self, record):
        colour = "green" if record.is_published else "grey"
        return format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, record.get_state_display()
        )
