"""The register's table."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from serviceplans.tables import ORDERING_CLASSES, GovukTable, nulls_last, numeric
from serviceplans.templatetags.status_tags import direction_tag, look_tag, status_tag

from . import rules
from .models import Risk
from .selectors import band_look, risk_direction


class RiskTable(GovukTable):
    """Risks with their current score, band and direction (``risks.selectors.risks_in_scope``)."""

    reference = tables.Column("Ref.", order_by=("reference",))
    title = tables.Column(
        "Risk",
        order_by=("title", "pk"),
        attrs={
            "th": {"class": "govuk-table__header govuk-!-width-one-quarter", "_ordering": ORDERING_CLASSES}
        },
    )
    unit = tables.Column("Part of the council", accessor="unit__name", order_by=("unit__name", "pk"))
    category = tables.Column("Category", accessor="category__name", order_by=("category__order", "pk"))
    owners = tables.Column("Owners", accessor="pk", orderable=False)
    score = tables.Column("Current score", accessor="score_value", attrs=numeric())
    band = tables.Column("Band", accessor="score_value", empty_values=())
    direction = tables.Column("Since last review", accessor="pk", orderable=False)
    review_date = tables.Column("Review by", accessor="review_date")

    class Meta(GovukTable.Meta):
        model = Risk
        fields = ()
        sequence = (
            "reference",
            "title",
            "unit",
            "category",
            "owners",
            "score",
            "band",
            "direction",
            "review_date",
        )
        empty_text = "No risks match these filters."

    def __init__(self, *args, matrix: rules.Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix

    def render_title(self, record):
        closed = " (closed)" if record.status == Risk.Status.CLOSED else ""
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>{}',
            reverse("risks:risk-detail", args=[record.pk]),
            record.title,
            closed,
        )

    def render_owners(self, record):
        names = [(link.officer.name,) for link in record.risk_owners.all()]
        return format_html_join(mark_safe("<br>"), "{}", names) if names else "–"

    def render_score(self, record):
        return f"{record.current_likelihood} × {record.current_impact} = {record.score_value}"

    def render_band(self, value):
        return look_tag(band_look(rules.band(value, self.matrix), self.matrix))

    def render_direction(self, record):
        return direction_tag(risk_direction(record))

    def render_review_date(self, record, value):
        text = date_format(value, "j M Y")
        if record.status == Risk.Status.OPEN and value < timezone.localdate():
            return format_html("{}<br>{}", text, status_tag("overdue"))
        return text

    def order_score(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "score_value")

    def order_band(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "score_value")

    def order_review_date(self, queryset, is_descending):
        return nulls_last(queryset, is_descending, "review_date")
