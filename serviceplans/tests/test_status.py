import pytest
from django.template import Context, Template

from indicators.rules import Direction, Symbol
from serviceplans.status import STATUS_LOOKS, status_look


def render(source, **context):
    return Template("{% load status_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("status", sorted(STATUS_LOOKS))
def test_every_status_is_shown_as_a_word_and_a_symbol_not_colour_alone(status):
    look = status_look(status)
    html = render("{% status_tag s %}", s=status)
    assert look.word in html and look.mark in html
    assert 'aria-hidden="true"' in html  # the symbol is not read out twice


def test_an_unknown_or_missing_status_is_never_blank():
    assert "Unknown" in render("{% status_tag s %}", s="purple")
    assert "No update" in render("{% status_tag s %}", s=None)


def test_symbols_and_directions_carry_words():
    assert "★" in render("{% symbol_tag s %}", s=Symbol.BETTER)
    assert "Better than target range" in render("{% symbol_tag s %}", s=Symbol.BETTER)
    assert "Better" in render("{% direction_tag d %}", d=Direction.BETTER)
    assert "Cannot compare" in render("{% symbol_tag s %}", s=None)


def test_count_cells_give_a_right_aligned_count_for_each_column_and_0_when_absent():
    from collections import Counter

    from django.template import Context, Template

    html = Template("{% load status_tags %}{% count_cells counts columns %}").render(
        Context(
            {
                "counts": Counter(red=3, green=12),
                "columns": [("red", "Red"), ("amber", "Amber"), ("green", "Green")],
            }
        )
    )
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    assert html == cell.format(3) + cell.format(0) + cell.format(12)


def test_count_cells_refuse_anything_but_a_whole_number_rather_than_write_it_unescaped():
    from collections import Counter

    import pytest
    from django.template import Context, Template

    template = Template("{% load status_tags %}{% count_cells counts columns %}")
    with pytest.raises(ValueError):
        template.render(Context({"counts": Counter(red="<b>3</b>"), "columns": [("red", "Red")]}))
