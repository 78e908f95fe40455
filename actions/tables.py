"""The task list's table."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from serviceplans.tables import ORDERING_CLASSES, GovukTable, nulls_last, numeric
from serviceplans.templatetags.status_tags import status_tag

from .models import Task


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
        written = record.due_shown
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
