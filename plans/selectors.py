"""Reads for plans: every query a page needs, with its joins, in one place."""

from django.db.models import Count, QuerySet

from .models import Plan


def plan_list() -> QuerySet[Plan]:
    """Plans with their unit and owner, and how many sections, tasks and indicators each has."""
    return (
        Plan.objects.select_related("unit", "owner")
        .annotate(
            section_count=Count("sections", distinct=True),
            task_count=Count("tasks", distinct=True),
            indicator_count=Count("indicators", distinct=True),
        )
        .order_by("-first_year", "unit__name", "title")
    )
