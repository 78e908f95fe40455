"""The GOV.UK table template's cells: classes as django-tables2 would give them, worked out once a column."""

import django_tables2 as tables
from django.template import Context, Template
from django.test import RequestFactory

from serviceplans.tables import GovukTable, numeric


class Figures(GovukTable):
    class Meta(GovukTable.Meta):
        pass

    name = tables.Column("Name")
    number = tables.Column("Number", attrs=numeric())
    flagged = tables.Column(
        "Flag", attrs={"td": {"class": lambda record: f"govuk-table__cell flag-{record['name']}"}}
    )


def cells(table) -> list[str]:
    import re

    html = Template("{% load django_tables2 %}{% render_table table %}").render(
        Context({"table": table, "request": RequestFactory().get("/")})
    )
    return re.findall(r"<td[^>]*>", html)


def test_cells_carry_the_gov_uk_classes_and_row_dependent_ones_are_worked_out_per_row():
    table = Figures([{"name": "a", "number": 1, "flagged": "x"}, {"name": "b", "number": 2, "flagged": "y"}])
    assert cells(table) == [
        '<td class="govuk-table__cell">',
        '<td class="govuk-table__cell govuk-table__cell--numeric">',
        '<td class="flag-a govuk-table__cell">',
        '<td class="govuk-table__cell">',
        '<td class="govuk-table__cell govuk-table__cell--numeric">',
        '<td class="flag-b govuk-table__cell">',
    ]
