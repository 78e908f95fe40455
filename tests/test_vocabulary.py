"""Each status word, symbol and colour is defined once (``serviceplans.status``), and each lifecycle's words
once (its rules module); the models' choices are those same classes, not restatements (issue 12)."""

import pytest

from actions.models import ProgressStatus, ProgressUpdate
from actions.rules import Status
from indicators.models import Indicator
from indicators.rules import Aggregation, Direction, Polarity, Rag, Symbol
from indicators.values import Unit
from plans.models import Plan, ReportingPeriod, Return
from plans.rules import PeriodState, PlanStatus, ReturnState
from serviceplans.status import (
    INDICATOR_RAG_ORDER,
    INDICATOR_RAG_WORDS,
    STATUS_LOOKS,
    TASK_STATUS_ORDER,
    TASK_STATUS_WORDS,
    status_look,
)

SHOWN_STATUSES = [*Status, *Rag, *TASK_STATUS_ORDER, *INDICATOR_RAG_ORDER, "overdue", "late"]


@pytest.mark.parametrize("status", SHOWN_STATUSES, ids=str)
def test_every_status_shown_has_a_word_a_symbol_and_a_colour(status):
    assert str(status) in STATUS_LOOKS, f"{status!r} has no look in serviceplans.status"
    look = status_look(status)
    assert look.word.strip() and look.mark.strip() and look.colour.strip()
    assert look.in_a_sentence.strip()


@pytest.mark.parametrize("member", [*Status, *Rag], ids=str)
def test_the_enums_words_are_the_looks_words(member):
    assert member.label == status_look(member).word


def test_an_indicator_with_no_judgement_has_one_word_everywhere():
    # It was "Not judged" in indicators.rules and "Data only" on pages and papers.
    assert Rag.NOT_JUDGED.label == "Data only"
    assert INDICATOR_RAG_WORDS["not_judged"] == "Data only"
    assert TASK_STATUS_WORDS["missing"] == "No update"


@pytest.mark.parametrize("member", [*Symbol, *Direction], ids=lambda m: f"{type(m).__name__}.{m}")
def test_every_symbol_and_direction_has_a_mark_and_words(member):
    mark = member.mark if isinstance(member, Symbol) else member.arrow
    assert mark.strip() and member.label.strip()


@pytest.mark.parametrize(
    "model_choices, defined",
    [
        (Plan.Status, PlanStatus),
        (ReportingPeriod.State, PeriodState),
        (Return.State, ReturnState),
        (ProgressStatus, Status),
        (Indicator.Polarity, Polarity),
        (Indicator.Aggregation, Aggregation),
        (Indicator.Unit, Unit),
    ],
    ids=lambda c: c.__name__,
)
def test_models_use_the_one_definition(model_choices, defined):
    assert model_choices is defined
    assert all(label.strip() for label in defined.labels)


@pytest.mark.parametrize(
    "field, defined",
    [
        (Plan._meta.get_field("status"), PlanStatus),
        (ReportingPeriod._meta.get_field("state"), PeriodState),
        (Return._meta.get_field("state"), ReturnState),
        (ProgressUpdate._meta.get_field("status"), Status),
        (Indicator._meta.get_field("polarity"), Polarity),
        (Indicator._meta.get_field("aggregation"), Aggregation),
        (Indicator._meta.get_field("unit"), Unit),
    ],
    ids=lambda f: getattr(f, "name", ""),
)
def test_the_database_choices_are_the_definitions(field, defined):
    assert list(field.choices) == list(defined.choices)
