"""The task list's table, and the GOV.UK base table every list uses: tables only declare their columns."""

import django_tables2 as tables
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from serviceplans.templatetags.status_tags import status_tag

from .models import Task

ORDERING_CLASSES = {
    "orderable": "app-sortable",
    "ascending": "app-sorted-ascending",
    "descending": "app-sorted-descending",
}


def numeric(**extra) -> dict:
    """Column attrs that right-align a column of figures, header and cells, as GOV.UK tables do."""
    return {
        "th": {"class": "govuk-table__header govuk-table__header--numeric", "_ordering": ORDERING_CLASSES},
        "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
        **extra,
    }


class GovukTable(tables.Table):
    """GOV.UK table markup (``templates/django_tables2/govuk.html``): a caption, sortable headers marked
    with ``aria-sort``, right-aligned figures and GOV.UK pagination beneath."""

    caption = ""

    class Meta:
        template_name = "django_tables2/govuk.html"
        attrs = {
            "class": "govuk-table app-table--compact",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "_ordering": ORDERING_CLASSES},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}
        default = "–"
        per_page = 25


def nulls_last(queryset, is_descending: bool, *fields: str):
    """Order by ``fields`` with the blanks (no update, no due date) always at the end, then by id."""
    expressions = [
        F(field).desc(nulls_last=True) if is_descending else F(field).asc(nulls_last=True) for field in fields
    ]
    return queryset.order_by(*expressions, "-pk" if is_descending else "pk"), True


class TaskTable(GovukTable):
    """Tasks with their status in the chosen period (``actions.filters.tasks_with_period_status``)."""

    text = tables.Column(
        "Task",
        order_by=("text", "pk"),
        attrs={
            "th": {"class": "govuk-table__header govuk-!-width-one-quarter", "_ordering": ORDERING_CLASSES}
        },
    )
    plan = tables.Column("Plan", order_by=("plan__title", "plan__first_year", "pk"))
    section = tables.Column("Section", accessor="section__title", order_by=("section__title", "pk"))
    officers = tables.Column("Responsible officers", accessor="pk", orderable=False)
    due = tables.Column("Due", accessor="due_date_text", empty_values=())
    status = tables.Column("Status", accessor="period_status", empty_values=())
    percent = tables.Column("% complete", accessor="period_percent", attrs=numeric())
    updated = tables.Column("Last updated", accessor="period_updated_at")

    class Meta(GovukTable.Meta):
        model = Task
        fields = ()
        sequence = ("text", "plan", "section", "officers", "due", "status", "percent", "updated")
        empty_text = "No tasks match these filters."

    def render_text(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', reverse("actions:task-detail", args=[record.pk]), record
        )

    def render_plan(self, record):
        return record.plan.title  # the period says which year

    def render_officers(self, record):
        names = [(link.officer.name,) for link in record.task_officers.all()]
        return format_html_join(mark_safe("<br>"), "{}", names) if names else "–"

    def render_due(self, record):
        written = record.due_date_text or (date_format(record.due_date, "j M Y") if record.due_date else "")
        if record.ongoing and not written:
            written = "On-going"
        if getattr(record, "is_overdue", False):
            return format_html("{}<br>{}", written or "–", status_tag("overdue"))
        return written or "–"

    def render_status(self, value):
        return status_tag(value)

    def render_percent(self, value):
        return f"{value}%"

    def render_updated(self, value):
        return date_format(timezone.localtime(value), "j M Y")

    def order_due(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "due_date")

    def order_status(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "status_rank")

    def order_percent(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "period_percent")

    def order_updated(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "period_updated_at")
