"""The task list: filter, sort and page through tasks, or download the filtered rows as Excel."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.text import slugify
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from reporting.xlsx import DATE, DATETIME, NUMBER, STATUS, Column, xlsx_response

from .filters import TaskFilter, tasks_for_list
from .tables import TaskTable


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
                rows=[self.xlsx_row(record) for record in context["table"].data],
            )
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.filterset.period
        context["table"].caption = f"{self.xlsx_name.capitalize()}, {period.label}" if period else ""
        return context | {"period": period}


class TaskListView(LoginRequiredMixin, ListDownloadMixin, SingleTableMixin, FilterView):
    """Tasks with their status in a period, filtered by unit (with everything beneath it), plan, officer,
    status, category, due date, overdue and words; sorted by any column, 25 to a page."""

    template_name = "actions/task_list.html"
    table_class = TaskTable
    filterset_class = TaskFilter
    strict = False  # a filter that is not valid is explained and ignored; the others still apply
    table_pagination = {"per_page": 25}
    xlsx_name = "tasks"

    def get_queryset(self):
        return tasks_for_list()

    def xlsx_columns(self) -> list[Column]:
        period = self.filterset.period
        return [
            Column("Reference"),
            Column("Task", width=60),
            Column("Plan"),
            Column("Section"),
            Column("Unit"),
            Column("Category"),
            Column("Responsible officers", width=30),
            Column("Due (as written)"),
            Column("Due date", kind=DATE),
            Column(f"Status, {period.label}" if period else "Status", kind=STATUS),
            Column("% complete", kind=NUMBER, number_format="0"),
            Column("Overdue"),
            Column("Last updated", kind=DATETIME),
        ]

    @staticmethod
    def xlsx_row(task) -> list:
        unit = task.section.unit or task.plan.unit
        return [
            task.reference,
            task.text,
            str(task.plan),
            task.section.title,
            unit.name,
            task.get_category_display(),
            ", ".join(link.officer.name for link in task.task_officers.all()),
            task.due_date_text or ("On-going" if task.ongoing else ""),
            task.due_date,
            task.period_status,
            task.period_percent,
            task.is_overdue,
            task.period_updated_at,
        ]
