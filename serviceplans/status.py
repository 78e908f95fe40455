"""The status words, and how each is shown: always a word and a symbol, with colour only as a third cue.

Members often read committee papers printed in black and white, and some readers cannot tell red from
green, so no status is ever shown by colour alone (WCAG 2.2, 1.4.1 Use of colour).
"""

from dataclasses import dataclass


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


STATUS_LOOKS: dict[str, StatusLook] = {
    # Task progress, as officers report it.
    "not_started": StatusLook("Not started", "○", "grey"),
    "green": StatusLook("Green", "✓", "green"),
    "amber": StatusLook("Amber", "!", "yellow"),
    "red": StatusLook("Red", "✗", "red"),
    "completed": StatusLook("Completed", "✔", "blue"),
    "not_applicable": StatusLook("Not applicable", "–", "grey"),
    # Indicator judgements that are not a colour.
    "no_data": StatusLook("No data", "?", "grey", phrase="without data"),
    "no_target": StatusLook("No target", "–", "grey", phrase="without a numeric target"),
    "not_judged": StatusLook("Data only", "–", "grey", phrase="monitored for information only"),
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
