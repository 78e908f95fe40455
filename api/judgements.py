"""The judgement of an indicator in a period, as the API and open data show it: the pages' own rules
(``indicators.performance``), written out with their words. Nothing here decides anything."""

from decimal import Decimal

from indicators.performance import PeriodPerformance
from indicators.rules import LAST_YEAR, PREVIOUS_PERIOD, Rag


def exact(number: Decimal | None) -> str | None:
    """A decimal as exact text with no trailing zeros: ``42.5``, ``1200``; None stays None."""
    if number is None:
        return None
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def reason(performance: PeriodPerformance) -> str:
    """Why the indicator has its RAG, in a sentence a member would understand."""
    rag = performance.rag
    sentence = f"{rag.label}: {rag.description[0].lower()}{rag.description[1:]}"
    if rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
        sentence += (
            f" ({performance.actual_display} against a target of {performance.target_display}, "
            f"tolerance {exact(performance.tolerance_percent)}%)"
        )
    elif rag == Rag.NO_DATA and performance.no_data_reason:
        sentence += f" ({performance.no_data_reason})"
    elif rag == Rag.NO_TARGET and performance.target_text:
        sentence += f" (the target is “{performance.target_text}”)"
    return sentence + f". {performance.direction_last_year.describe(LAST_YEAR)}."


def judgement(performance: PeriodPerformance) -> dict:
    """The ``Judgement`` schema's fields for a performance row."""
    rag, symbol = performance.rag, performance.symbol
    return {
        "period": performance.period.label,
        "target": exact(performance.target),
        "target_display": performance.target_display,
        "actual": exact(performance.actual),
        "actual_display": performance.actual_display,
        "tolerance_percent": exact(performance.tolerance_percent),
        "rag": {"code": str(rag), "label": rag.label, "description": rag.description},
        "against_target": {"code": str(symbol), "label": symbol.label, "mark": symbol.mark},
        "direction_last_year": _direction(performance.direction_last_year, LAST_YEAR),
        "direction_previous": _direction(performance.direction_previous, PREVIOUS_PERIOD),
        "reason": reason(performance),
    }


def _direction(direction, compared_with: str) -> dict:
    return {
        "code": str(direction),
        "label": direction.label,
        "arrow": direction.arrow,
        "description": direction.describe(compared_with),
    }
