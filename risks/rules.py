"""Scoring a risk on the council's matrix: score, band and direction since the last review.

The rules
---------

* **Score** (:func:`score`): likelihood × impact, each a level from 1 (the lowest) to the matrix's size
  (5 on the usual 5 × 5 matrix), so scores run from 1 to 25. A level outside the matrix is an error.
* **Band** (:func:`band`): the council sets two thresholds. A score at or above *red from* is red, at or
  above *amber from* (but below red) is amber, anything lower green. The boundaries belong to the worse
  band: with amber from 5 and red from 15, a score of 15 is red and 5 is amber. Each band has the council's
  own word (“High”, “Medium”, “Low” by default) and is always shown with that word and a mark, colour
  being only a third cue.
* **Words for levels** (:func:`level_word`): each likelihood and impact level has the council's word
  (“Rare” … “Almost certain”; “Negligible” … “Severe”). The matrix has exactly one word a level.
* **Direction since the last review** (:func:`direction`): a lower score is better. The same score is
  “same”; with no earlier review there is nothing to compare (“cannot compare”).

This module is plain Python with no Django or database dependency.
"""

from dataclasses import dataclass, field

from indicators.rules import Direction

MIN_SIZE = 3
MAX_SIZE = 6  # the database bounds every level to 1..MAX_SIZE; the council's matrix narrows it

GREEN, AMBER, RED = "green", "amber", "red"
BANDS = (RED, AMBER, GREEN)

DEFAULT_LIKELIHOOD_WORDS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
DEFAULT_IMPACT_WORDS = ("Negligible", "Minor", "Moderate", "Major", "Severe")
DEFAULT_BAND_WORDS = {RED: "High", AMBER: "Medium", GREEN: "Low"}


class MatrixError(ValueError):
    """A matrix, or a level on it, that does not make sense; the message says why in plain words."""


@dataclass(frozen=True)
class Matrix:
    """The council's risk matrix: its size, a word for every level, and where the bands start."""

    size: int = 5
    likelihood_words: tuple[str, ...] = DEFAULT_LIKELIHOOD_WORDS
    impact_words: tuple[str, ...] = DEFAULT_IMPACT_WORDS
    amber_from: int = 5
    red_from: int = 15
    band_words: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BAND_WORDS))

    def __post_init__(self):
        problems = matrix_problems(
            size=self.size,
            likelihood_words=self.likelihood_words,
            impact_words=self.impact_words,
            amber_from=self.amber_from,
            red_from=self.red_from,
        )
        if problems:
            raise MatrixError(" ".join(problems))

    @property
    def levels(self) -> range:
        return range(1, self.size + 1)

    @property
    def max_score(self) -> int:
        return self.size * self.size


def matrix_problems(
    *, size: int, likelihood_words, impact_words, amber_from: int, red_from: int
) -> list[str]:
    """Everything wrong with a matrix, in words (empty when it is sound)."""
    problems = []
    if not MIN_SIZE <= size <= MAX_SIZE:
        problems.append(f"The matrix must be from {MIN_SIZE} × {MIN_SIZE} to {MAX_SIZE} × {MAX_SIZE}.")
        return problems
    for name, words in (("likelihood", likelihood_words), ("impact", impact_words)):
        if len(words) != size:
            problems.append(f"Give one {name} word for each of the {size} levels (there are {len(words)}).")
        elif any(not word.strip() for word in words):
            problems.append(f"Every {name} level needs a word.")
    if not 1 < amber_from <= red_from <= size * size:
        problems.append(
            f"Amber must start above 1 and red at or above amber, at most {size * size} (the highest score)."
        )
    return problems


def words_from_text(text: str) -> tuple[str, ...]:
    """The words for the levels as typed in settings: one a line, lowest first; blank lines ignored."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def check_level(level: int, matrix: Matrix, what: str = "level") -> int:
    """``level`` if it is on the matrix, else :class:`MatrixError` naming ``what`` (e.g. “Likelihood”)."""
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= matrix.size:
        raise MatrixError(f"{what.capitalize()} must be a whole number from 1 to {matrix.size}.")
    return level


def score(likelihood: int, impact: int, matrix: Matrix | None = None) -> int:
    """Likelihood × impact."""
    matrix = matrix or Matrix()
    return check_level(likelihood, matrix, "likelihood") * check_level(impact, matrix, "impact")


def band(value: int, matrix: Matrix | None = None) -> str:
    """``red``, ``amber`` or ``green`` for a score on ``matrix``; boundaries belong to the worse band."""
    matrix = matrix or Matrix()
    if not 1 <= value <= matrix.max_score:
        raise MatrixError(f"A score must be from 1 to {matrix.max_score}.")
    if value >= matrix.red_from:
        return RED
    if value >= matrix.amber_from:
        return AMBER
    return GREEN


def band_word(key: str, matrix: Matrix | None = None) -> str:
    """The council's word for a band (“High”)."""
    matrix = matrix or Matrix()
    return matrix.band_words.get(key) or DEFAULT_BAND_WORDS[key]


def level_word(level: int, matrix: Matrix, axis: str) -> str:
    """The council's word for a likelihood or impact level: ``level_word(4, m, "likelihood")`` → “Likely”."""
    check_level(level, matrix, axis)
    words = matrix.likelihood_words if axis == "likelihood" else matrix.impact_words
    return words[level - 1]


def describe(likelihood: int, impact: int, matrix: Matrix) -> str:
    """“Likely (4) × Major (4) = 16”."""
    return (
        f"{level_word(likelihood, matrix, 'likelihood')} ({likelihood}) × "
        f"{level_word(impact, matrix, 'impact')} ({impact}) = {likelihood * impact}"
    )


def direction(previous_score: int | None, current_score: int | None) -> Direction:
    """Better when the score went down since the last review, worse when it went up."""
    if previous_score is None or current_score is None:
        return Direction.UNKNOWN
    if current_score < previous_score:
        return Direction.BETTER
    if current_score > previous_score:
        return Direction.WORSE
    return Direction.SAME


def closing_problems(status: str, closed_reason: str) -> list[str]:
    """A closed risk needs the reason it was closed."""
    if status == "closed" and not closed_reason.strip():
        return ["Say why the risk is closed."]
    return []


def review_needs_commentary(previous_score: int | None, new_score: int, new_band: str) -> bool:
    """The owner says how the controls are working whenever the score moves since the last review, at the
    first review, and always while the risk is red."""
    return previous_score is None or previous_score != new_score or new_band == RED


def review_period_kind(plan_frequency: str | None) -> str:
    """Risks are reviewed each quarter; a risk of a half-yearly plan in its half-years, with the plan."""
    return "half" if plan_frequency == "half_yearly" else "quarter"
