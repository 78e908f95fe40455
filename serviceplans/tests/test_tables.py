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


class Mixed(GovukTable):
    class Meta(GovukTable.Meta):
        pass

    name = tables.Column("Name")
    number = tables.Column("Number", attrs=numeric())
    local = tables.Column("Local", localize=True)
    plain = tables.Column("Plain", localize=False)
    marked = tables.Column("Marked", empty_values=())
    when = tables.Column("When")

    def render_marked(self, record):
        from django.utils.html import format_html

        return format_html("<strong>{}</strong>", record["name"])


def test_row_cells_give_the_same_markup_as_the_template_loop():
    """The row's cells made in one step are byte for byte what django-tables2's loop in the template gives:
    escaping, safe markup from render methods, blanks, localised and unlocalised figures, dates."""
    import datetime
    from decimal import Decimal

    from django.test import override_settings
    from django.utils import translation

    rows = [
        {
            "name": "<a & b>",
            "number": 1234567,
            "local": Decimal("1234.5"),
            "plain": 1234567,
            "when": datetime.date(2026, 12, 2),
        },
        {"name": "Ann's", "number": None, "local": 2500, "plain": Decimal("0.25"), "when": None},
    ]
    loop = Template(
        "{% load govuk_tables l10n %}{% for row in table.paginated_rows %}"
        "{% for column, cell in row.items %}<td {% cell_attrs column %}>{% if column.localize == None %}"
        "{{ cell }}{% else %}{% if column.localize %}{{ cell|localize }}{% else %}{{ cell|unlocalize }}"
        "{% endif %}{% endif %}</td>{% endfor %}|{% endfor %}"
    )
    one_step = Template(
        "{% load govuk_tables %}{% for row in table.paginated_rows %}{% row_cells row %}|{% endfor %}"
    )
    for separator in (False, True):
        with translation.override("en-gb"), override_settings(USE_THOUSAND_SEPARATOR=separator):
            context = {"request": RequestFactory().get("/")}
            old = loop.render(Context({**context, "table": Mixed(rows)}))
            new = one_step.render(Context({**context, "table": Mixed(rows)}))
            assert new == old
            assert ("1,234,567" in new) is separator  # the number column localised, the plain one not
            assert "&lt;a &amp; b&gt;" in new and "<strong>Ann&#x27;s</strong>" in new


# -- render methods' signatures, read once per function ------------------------------------------------------


def test_signatures_are_django_tables2s_own_and_read_once_per_function(monkeypatch):
    import functools

    from django_tables2 import utils as tables_utils

    from serviceplans import tables as ours

    asked, uncached = [], ours._uncached_signature

    def counting(fn):
        asked.append(fn)
        return uncached(fn)

    monkeypatch.setattr(ours, "_uncached_signature", counting)
    monkeypatch.setattr(ours, "_signatures", {})
    assert tables_utils.signature is ours.cached_signature  # what call_with_appropriate calls

    class Cells:
        def render_name(self, value, record):
            return value

        def render_all(self, **kwargs):
            return kwargs

    def plain(value, *args, bound_column=None):
        return value

    def closure(word):
        return lambda record: word

    def wrapping(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)

        return wrapper

    class Callable:
        def __call__(self, table):
            return table

    cases = [
        Cells().render_name,
        Cells().render_all,
        Cells.render_name,
        plain,
        closure("a"),
        wrapping(plain),
        functools.partial(plain, 1),
        Callable(),
    ]
    for fn in cases:
        expected = uncached(fn)
        asked.clear()
        assert ours.cached_signature(fn) == expected
    assert Cells().render_name.__func__ is Cells.render_name
    assert ours.cached_signature(Cells().render_name) == (("value", "record"), None)  # self left out
    assert ours.cached_signature(Cells.render_name) == (("self", "value", "record"), None)

    asked.clear()
    for _ in range(3):  # another table instance's methods, another request's closures: the same code
        ours.cached_signature(Cells().render_name)
        ours.cached_signature(closure("b"))
    assert asked == []
    for _ in range(2):  # wrapped functions, partials and callable objects are inspected every time
        ours.cached_signature(wrapping(plain))
        ours.cached_signature(functools.partial(plain, 2))
        ours.cached_signature(Callable())
    assert len(asked) == 6
