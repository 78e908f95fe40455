"""Progress, as officers would have reported it: each task's returns, period by period, drawn from
generators seeded with the task's own key (so the same day always gives the same returns)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from actions.models import ProgressStatus
from serviceplans.periods import Period, PeriodKind

from .. import content as c
from .dates import MONTH_NAMES
from .drafts import TaskDraft

_ORDINALS = ("first", "second", "third", "fourth")

_PROFILES = (
    ("on_track", 42),
    ("ahead", 12),
    ("slipping", 18),
    ("stalled", 7),
    ("late_start", 12),
    ("not_applicable", 3),
)
_PROFILE_FACTORS = {
    "on_track": 1.0,
    "ahead": 1.3,
    "slipping": 0.7,
    "stalled": 0.35,
    "late_start": 0.8,
    "not_applicable": 1.0,
}


@dataclass(frozen=True)
class ReturnDraft:
    percent: int
    status: str
    commentary: str
    present_draw: float
    day_offset: int


def _fill(template: str, period: Period, start: date) -> str:
    following = period.next()
    next_quarter = Period.containing(following.start, PeriodKind.QUARTER)
    quarter_words = f"the {_ORDINALS[next_quarter.number - 1]} quarter"
    if next_quarter.year != period.year:
        quarter_words += " of next year"
    return template.format(
        month=MONTH_NAMES[period.end.month - 1],
        next_month=MONTH_NAMES[following.start.month - 1],
        next_quarter=quarter_words,
        start_month=f"{MONTH_NAMES[start.month - 1]} {start.year}",
    )


def pick(rng_value: float, options: tuple[str, ...]) -> str:
    return options[min(int(rng_value * len(options)), len(options) - 1)]


def _commentary_tags(draft: TaskDraft) -> set[str]:
    """The kinds of phrase that suit a task: "project", "policy" and/or "system"."""
    text = draft.text.lower()
    tags = {tag for tag, words in c.COMMENTARY_TAG_WORDS.items() if any(word in text for word in words)}
    if draft.spec.milestones:
        tags.add("project")
    return tags


def _round5(number: float) -> int:
    return int(max(0, min(100, 5 * round(number / 5))))


def progress_returns(draft: TaskDraft, periods: list[Period], start_percent: int = 0) -> list[ReturnDraft]:
    """An officer's returns for each period, in order: percent complete rises, status follows the gap
    between actual and expected progress, and the commentary suits the status."""
    rng = random.Random(draft.rng_key)
    names, weights = zip(*_PROFILES, strict=True)
    due = draft.due
    if due.ongoing or draft.spec.category in (c.RM, c.BC):  # continuing work is never dropped
        weights = tuple(0 if name == "not_applicable" else weight for name, weight in _PROFILES)
    profile = draft.spec.profile or rng.choices(names, weights)[0]
    not_applicable_from = 1 + rng.randrange(2)
    start = draft.start
    finish = due.due_date or draft.plan.end
    category = draft.spec.category
    tags = _commentary_tags(draft)

    def phrases(status: str, general_only: bool = False) -> tuple[str, ...]:
        return tuple(
            text for text, tag in c.COMMENTARY[status] if tag == "" or (tag in tags and not general_only)
        )

    returns: list[ReturnDraft] = []
    previous = start_percent
    completed = False
    for index, period in enumerate(periods):
        noise, present_draw, text_draw, day_offset = (
            rng.uniform(-6, 6),
            rng.random(),
            rng.random(),
            rng.randint(5, 35),
        )
        if period.end < start:
            expected = 0.0
        else:
            span = max((finish - start).days, 1)
            expected = min(1.0, max(0.0, (period.end - start).days / span))
        expected_percent = start_percent + (100 - start_percent) * expected
        if profile == "late_start" and expected < 0.4:
            raw = float(start_percent)
        else:
            raw = expected_percent * _PROFILE_FACTORS[profile] + noise
        if profile in ("on_track", "ahead", "not_applicable") and expected >= 1 and not due.ongoing:
            raw = 100
        elif profile == "slipping":
            raw = min(raw, 90)
        elif profile == "stalled":
            raw = min(raw, 60)
        percent = _round5(raw)
        if profile not in ("on_track", "ahead", "not_applicable") or due.ongoing:
            percent = min(percent, 95 if not due.ongoing else 100)
        percent = max(percent, previous)

        if profile == "not_applicable" and index >= not_applicable_from:
            status, percent = ProgressStatus.NOT_APPLICABLE, previous
            text = draft.spec.na_reason or pick(text_draw, phrases("not_applicable"))
        elif completed:
            status, percent = ProgressStatus.COMPLETED, 100
            text = pick(text_draw, phrases("completed_again"))
        elif percent >= 100 and not due.ongoing:
            status, completed = ProgressStatus.COMPLETED, True
            text = pick(text_draw, phrases("completed"))
        elif percent == start_percent and (period.end < start or expected < 0.35):
            status = ProgressStatus.NOT_STARTED if start_percent == 0 else ProgressStatus.AMBER
            text = pick(text_draw, phrases("not_started" if start_percent == 0 else "amber"))
        else:
            gap = expected_percent - percent
            if gap <= 12:
                status = ProgressStatus.GREEN
                if category in (c.RM, c.BC):
                    pool = phrases(category)
                elif category == c.ED:
                    pool = phrases(category) + phrases("green", general_only=True)
                else:
                    pool = phrases("ongoing" if due.ongoing else "green")
                text = pick(text_draw, pool)
            elif gap <= 30:
                status, text = ProgressStatus.AMBER, pick(text_draw, phrases("amber"))
            else:
                status, text = ProgressStatus.RED, pick(text_draw, phrases("red"))
        text = _fill(text, period, start)
        if index == 0 and draft.carried_from is not None:
            text = c.CARRIED_FORWARD_PREFIX.format(**draft.plan.words()) + text
        returns.append(ReturnDraft(percent, status, text, present_draw, day_offset))
        previous = percent
    return returns
