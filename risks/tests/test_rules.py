"""The scoring rules: score, band (with the council's own words and thresholds) and direction."""

import pytest

from indicators.rules import Direction
from risks import rules
from risks.rules import AMBER, GREEN, RED, Matrix, MatrixError


def test_score_is_likelihood_times_impact():
    assert rules.score(4, 5) == 20
    assert rules.score(1, 1) == 1
    assert rules.score(5, 5) == 25


@pytest.mark.parametrize("likelihood, impact", [(0, 3), (6, 3), (3, 0), (3, 6), (-1, 2)])
def test_a_level_off_the_matrix_is_an_error_naming_it(likelihood, impact):
    with pytest.raises(MatrixError, match="from 1 to 5"):
        rules.score(likelihood, impact)


def test_a_level_must_be_a_whole_number():
    with pytest.raises(MatrixError, match="Likelihood must be a whole number"):
        rules.score("3", 2)
    with pytest.raises(MatrixError):
        rules.score(True, 2)


@pytest.mark.parametrize(
    "value, expected",
    [(1, GREEN), (4, GREEN), (5, AMBER), (12, AMBER), (14, AMBER), (15, RED), (25, RED)],
)
def test_band_on_the_default_matrix_with_boundaries_in_the_worse_band(value, expected):
    assert rules.band(value) == expected


def test_band_of_a_score_off_the_matrix_is_an_error():
    with pytest.raises(MatrixError, match="from 1 to 25"):
        rules.band(26)
    with pytest.raises(MatrixError):
        rules.band(0)


COUNCIL_OWN = Matrix(
    size=4,
    likelihood_words=("Very low", "Low", "Significant", "Very high"),
    impact_words=("Marginal", "Serious", "Critical", "Catastrophic"),
    amber_from=4,
    red_from=9,
    band_words={RED: "Act now", AMBER: "Watch", GREEN: "Tolerate"},
)


def test_the_councils_own_matrix_sets_size_bands_and_words():
    assert COUNCIL_OWN.max_score == 16
    assert [rules.band(s, COUNCIL_OWN) for s in (3, 4, 8, 9, 16)] == [GREEN, AMBER, AMBER, RED, RED]
    assert rules.band_word(RED, COUNCIL_OWN) == "Act now"
    assert rules.band_word(GREEN, COUNCIL_OWN) == "Tolerate"
    assert rules.level_word(4, COUNCIL_OWN, "likelihood") == "Very high"
    assert rules.level_word(1, COUNCIL_OWN, "impact") == "Marginal"
    assert rules.describe(3, 4, COUNCIL_OWN) == "Significant (3) × Catastrophic (4) = 12"
    with pytest.raises(MatrixError, match="from 1 to 4"):
        rules.score(5, 1, COUNCIL_OWN)


def test_default_words():
    matrix = Matrix()
    assert rules.describe(4, 4, matrix) == "Likely (4) × Major (4) = 16"
    assert rules.band_word(AMBER, matrix) == "Medium"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"size": 2}, "from 3 × 3 to 6 × 6"),
        ({"likelihood_words": ("a", "b")}, "one likelihood word for each of the 5 levels"),
        ({"impact_words": ("a", "b", " ", "d", "e")}, "Every impact level needs a word"),
        ({"amber_from": 16, "red_from": 15}, "red at or above amber"),
        ({"red_from": 26}, "at most 25"),
        ({"amber_from": 1}, "Amber must start above 1"),
    ],
)
def test_a_matrix_that_makes_no_sense_is_refused(changes, message):
    with pytest.raises(MatrixError, match=message):
        Matrix(**changes)


def test_words_from_text_reads_one_a_line():
    assert rules.words_from_text("Rare\n\n Unlikely \r\nPossible\n") == ("Rare", "Unlikely", "Possible")


@pytest.mark.parametrize(
    "previous, current, expected",
    [
        (16, 12, Direction.BETTER),
        (12, 12, Direction.SAME),
        (6, 9, Direction.WORSE),
        (None, 9, Direction.UNKNOWN),
        (9, None, Direction.UNKNOWN),
    ],
)
def test_direction_since_the_last_review_lower_is_better(previous, current, expected):
    assert rules.direction(previous, current) == expected


def test_closing_needs_a_reason():
    assert rules.closing_problems("closed", "  ") == ["Say why the risk is closed."]
    assert rules.closing_problems("closed", "Contract ended") == []
    assert rules.closing_problems("open", "") == []


def test_review_needs_commentary_when_the_score_moves_first_time_or_red():
    assert rules.review_needs_commentary(None, 4, GREEN)
    assert rules.review_needs_commentary(6, 4, GREEN)
    assert not rules.review_needs_commentary(4, 4, GREEN)
    assert rules.review_needs_commentary(16, 16, RED)


def test_review_period_kind_follows_the_plan():
    assert rules.review_period_kind("half_yearly") == "half"
    assert rules.review_period_kind("quarterly") == "quarter"
    assert rules.review_period_kind(None) == "quarter"
