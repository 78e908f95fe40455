"""The status words, and how each is shown: always a word and a symbol, with colour only as a third cue.

Members often read committee papers printed in black and white, and some readers cannot tell red from
green, so no status is ever shown by colour alone (WCAG 2.2, 1.4.1 Use of colour).
"""

from dataclasses import dataclass
from functools import cache

#: Chart fills for each tag colour: the GOV.UK colour a tag of that colour is a tint of, so a chart's amber is
#: the tag's yellow, never an orange of its own. Charts outline each segment in black and write its count on
#: it, so the light fills (yellow, light grey) still stand out from the page (WCAG 1.4.11).
CHART_FILLS = {
    "green": "#00703c",
    "yellow": "#ffdd00",
    "red": "#d4351c",
    "blue": "#1d70b8",
    "orange": "#f47738",
    "purple": "#4c2c92",
    "grey": "#b1b4b6",
}


@dataclass(frozen=True)
class StatusLook:
    word: str
    mark: str
    colour: str  # a GOV.UK tag colour modifier: green, yellow, red, grey, blue, purple…
    #: How a count is described in a sentence (“3 tasks without an update”); the word in lower case when blank.
    phrase: str = ""

    @property
    def in_a_sentence(self) -> str:
        return self.phrase or self.word.lower()

    #: A chart fill other than the tag colour's own, to tell apart statuses that share a grey tag.
    fill: str = ""

    @property
    def chart_fill(self) -> str:
        """The colour of this status in charts (:data:`CHART_FILLS`, unless the status names its own)."""
        return self.fill or CHART_FILLS.get(self.colour, CHART_FILLS["grey"])

    @property
    def chart_ink(self) -> str:
        """Black or white, whichever reads better on :attr:`chart_fill` (the WCAG contrast formula)."""
        return "#0b0c0c" if _luminance(self.chart_fill) > 0.179 else "#ffffff"


@cache
def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (kept: a chart asks for each segment's ink)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


STATUS_LOOKS: dict[str, StatusLook] = {
    # Task progress, as officers report it.
    "not_started": StatusLook("Not started", "○", "grey", fill="#505a5f"),
    "green": StatusLook("Green", "✓", "green"),
    "amber": StatusLook("Amber", "!", "yellow"),
    "red": StatusLook("Red", "✗", "red"),
    "completed": StatusLook("Completed", "✔", "blue"),
    "not_applicable": StatusLook("Not applicable", "–", "grey", fill="#6f777b"),
    # Indicator judgements that are not a colour.
    "no_data": StatusLook("No data", "?", "grey", phrase="without data"),
    "no_target": StatusLook("No target", "–", "grey", phrase="without a numeric target", fill="#6f777b"),
    "not_judged": StatusLook(
        "Data only", "–", "grey", phrase="monitored for information only", fill="#6f777b"
    ),
    # Returns and exceptions.
    "missing": StatusLook("No update", "?", "grey", phrase="without an update"),
    "overdue": StatusLook("Overdue", "◔", "orange"),
    "late": StatusLook("Late", "◔", "orange"),
    # Risk score bands (risks.rules); the council's own words replace these in risks.selectors.band_look.
    "risk_red": StatusLook("High", "▲", "red"),
    "risk_amber": StatusLook("Medium", "◆", "yellow"),
    "risk_green": StatusLook("Low", "▼", "green"),
}

#: The order statuses are listed and counted in, worst first, on every list, chart, paper and sheet.
TASK_STATUS_ORDER = ["red", "amber", "green", "completed", "not_started", "not_applicable", "missing"]
INDICATOR_RAG_ORDER = ["red", "amber", "green", "no_data", "no_target", "not_judged"]

UNKNOWN = StatusLook("Unknown", "?", "grey")


def status_look(status: str | None) -> StatusLook:
    """How a status is shown; anything unrecognised is shown plainly as “Unknown”, never as a blank."""
    if status is None:
        return STATUS_LOOKS["missing"]
    return STATUS_LOOKS.get(str(status), UNKNOWN)


#: The words of those statuses, in that order, for tables' columns, charts' keys and sheets' headings.
TASK_STATUS_WORDS = {key: status_look(key).word for key in TASK_STATUS_ORDER}
INDICATOR_RAG_WORDS = {key: status_look(key).word for key in INDICATOR_RAG_ORDER}
