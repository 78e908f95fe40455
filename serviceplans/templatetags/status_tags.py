"""One way to show a status on every page and paper: word + symbol + colour."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from serviceplans.status import status_look

register = template.Library()


@register.simple_tag
def status_tag(status):
    """``{% status_tag update.status %}`` → a GOV.UK tag with the symbol (hidden from screen readers,
    which read the word) and the word."""
    return look_tag(status_look(status))


@register.simple_tag
def look_tag(look):
    """A :class:`serviceplans.status.StatusLook` as a tag: ``status_tag`` for looks with words of their own
    (a council's words for risk bands)."""
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} app-status"><span class="app-status__mark" aria-hidden="true">{}'
        "</span> {}</strong>",
        look.colour,
        look.mark,
        look.word,
    )


def _marked_words(kind: str, modifier: str, mark: str, words: str):
    """Words with a leading mark that screen readers skip, since the words say it all."""
    return format_html(
        '<span class="app-{} app-{}--{}"><span aria-hidden="true">{}</span>&nbsp;{}</span>',
        kind,
        kind,
        modifier,
        mark,
        words,
    )


@register.simple_tag
def symbol_tag(symbol):
    """``{% symbol_tag judgement.symbol %}`` → ★ / ● / ▲ / – with its words (“Better than target range”)."""
    if symbol is None:
        return _marked_words("symbol", "cannot_compare", "–", "Cannot compare")
    return _marked_words("symbol", symbol.name.lower(), symbol.mark, symbol.label)


@register.simple_tag
def direction_tag(direction):
    """Direction of travel as words with an arrow the screen reader skips."""
    if direction is None:
        return _marked_words("direction", "unknown", "–", "Not known")
    return _marked_words("direction", direction.name.lower(), direction.arrow, direction.label)


@register.filter
def get_count(counter, key):
    """``{{ row.tasks|get_count:"red" }}``: a count from a Counter, 0 when absent."""
    return counter.get(key, 0)


#: A count's cell in a table of counts (the number alone: a whole number needs no escaping).
_COUNT_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">{:d}</td>'


@register.simple_tag
def count_cells(counter, columns):
    """``{% count_cells row.tasks task_columns %}``: a table row's right-aligned count for each of the
    ``(key, word)`` columns, 0 when absent: what a loop of ``<td>{{ counter|get_count:key }}</td>`` gives, in
    one step (a dashboard shows 25 units by a dozen columns). Each count is a whole number (``{:d}`` refuses
    anything else), so the cells are written without escaping each one."""
    return mark_safe("".join(_COUNT_CELL.format(counter.get(key, 0)) for key, _word in columns))  # noqa: S308


@register.simple_tag(takes_context=True)
def querystring_with(context, name: str, value) -> str:
    """This page's query string with one parameter set (``?period=…&tasks_page=2``), for pagers whose
    parameter name is itself a variable."""
    query = context["request"].GET.copy()
    query[name] = value
    return "?" + query.urlencode()


@register.filter
def widget_attr(field, name: str):
    """A bound field's widget attribute whose name a template cannot spell (``data-lookup``), or ""."""
    return field.field.widget.attrs.get(name, "")
