"""One way to show a status on every page and paper: word + symbol + colour."""

from django import template
from django.utils.html import format_html

from serviceplans.status import status_look

register = template.Library()


@register.simple_tag
def status_tag(status):
    """``{% status_tag update.status %}`` → a GOV.UK tag with the symbol (hidden from screen readers,
    which read the word) and the word."""
    look = status_look(status)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} app-status"><span class="app-status__mark" aria-hidden="true">{}'
        "</span> {}</strong>",
        look.colour,
        look.mark,
        look.word,
    )


@register.simple_tag
def symbol_tag(symbol):
    """``{% symbol_tag judgement.symbol %}`` → ★ / ● / ▲ / – with its words (“Better than target range”)."""
    if symbol is None:
        return format_html('<span class="app-symbol">{}</span>', "–\u00a0Cannot compare")
    return format_html(
        '<span class="app-symbol app-symbol--{}"><span aria-hidden="true">{}</span>&nbsp;{}</span>',
        symbol.name.lower(),
        symbol.mark,
        symbol.label,
    )


@register.simple_tag
def direction_tag(direction):
    """Direction of travel as words with an arrow the screen reader skips."""
    if direction is None:
        return format_html('<span class="app-direction">{}</span>', "Not known")
    return format_html(
        '<span class="app-direction app-direction--{}"><span aria-hidden="true">{}</span>&nbsp;{}</span>',
        direction.name.lower(),
        direction.arrow,
        direction.label,
    )


@register.filter
def get_count(counter, key):
    """``{{ row.tasks|get_count:"red" }}``: a count from a Counter, 0 when absent."""
    return counter.get(key, 0)
