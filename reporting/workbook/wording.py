"""Reading officers' wording in plan workbooks: due dates, responsible officers and column headers.

The rules
---------

* **Headers match loosely**: case, punctuation and spaces are ignored, so ``Comm.``, ``COMM`` and
  ``comm`` are one header, and ``Responsible Officer`` is ``responsible officer``. (:func:`header_key`)
* **A due date keeps what was written** and, where the words name a date, the date as well
  (:func:`read_due_date`):

  - a day, month and year is that day: ``1 June 2007``, ``30th June, 2002``, ``01/06/2007``;
  - a month and year is the last day of that month: ``By April 2008`` and ``End of April 2008`` are
    30 April 2008, ``Sept. 08`` is 30 September 2008;
  - a year alone is its last day: ``End of 2007`` is 31 December 2007; a financial year is its last day:
    ``During 2007/08`` is 31 March 2008;
  - ``On-going``, ``Ongoing``, ``continuing`` or ``continue`` mark continuing work (``ongoing``), with
    or without a date: ``March 2008 and continuing`` is 31 March 2008 *and* ongoing;
  - several named, dated steps in one cell (``Options appraisal – April 2007 Business case – June 2007
    Capital work – Jan 2008``) are milestones, and the last of them is the due date;
  - several dates without names (``between 8th May and 28th August 2002``) give the last as the due date;
  - when no date can be found, the date is left empty and a warning says so (not for ongoing work).

* **Several officers can share one cell**, separated by ``/``, ``,``, ``&``, ``;`` or `` and ``
  (:func:`split_officers`). A part that does not look like a name (``but each team leader for work in
  their areas``) means the whole cell is kept as a note beside the officers that were named.
* **Officers are the same person when their names match ignoring case, dots and spacing**
  (``A. McCorkle`` = ``a mccorkle``) (:func:`officer_key`), or, failing that, when only one officer has the
  same initial and surname (``A. McCorkle`` = ``Andrew McCorkle``) (:func:`officer_initial_key`).

This module is plain Python with no Django or database dependency.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "DueDate",
    "MilestoneText",
    "OfficerNames",
    "header_key",
    "officer_initial_key",
    "officer_key",
    "read_due_date",
    "read_milestones",
    "split_officers",
    "text_key",
]

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))

_DATE_RE = re.compile(
    rf"""
    (?P<dmy>\b(?P<d_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<d_month>{_MONTH_WORD})\b\.?,?\s*
        (?P<d_year>\d{{4}}|'?\d{{2}})\b)
    |(?P<numeric>\b(?P<n_day>\d{{1,2}})/(?P<n_month>\d{{1,2}})/(?P<n_year>\d{{4}}|\d{{2}})\b)
    |(?P<fy>\b(?P<f_first>(?:19|20)\d{{2}})\s*/\s*(?P<f_second>\d{{1,2}}|(?:19|20)\d{{2}})\b)
    |(?P<my>\b(?P<m_month>{_MONTH_WORD})\b\.?,?\s*(?P<m_year>\d{{4}}|'?\d{{2}})\b(?!\s*/))
    |(?P<year>\b(?P<y_year>(?:19|20)\d{{2}})\b(?!\s*/))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ONGOING_RE = re.compile(r"\b(?:on-?\s?going|continuing|continue[sd]?|continuous(?:ly)?)\b", re.IGNORECASE)
# Words that introduce a date rather than name a step: "By", "End of", "from", "due".
_LEAD_WORDS_RE = re.compile(
    r"^(?:(?:by|end\s+of|the\s+end\s+of|from|due|before|during|in|until|to|and|then|then\s+by)\b\s*)+",
    re.IGNORECASE,
)
_STEP_SEPARATORS = " \t\r\n-:,;.()"


@dataclass(frozen=True)
class MilestoneText:
    """A dated step read from a due-date cell."""

    name: str
    due_date: date | None
    due_date_text: str


@dataclass(frozen=True)
class DueDate:
    """What a due-date cell says."""

    text: str
    due_date: date | None = None
    ongoing: bool = False
    milestones: tuple[MilestoneText, ...] = ()
    warning: str = ""


def _year(text: str) -> int:
    digits = text.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _date_of(match: re.Match[str]) -> date | None:
    """The date one match names, or None when the numbers are impossible (31 February)."""
    try:
        if match["dmy"]:
            return date(_year(match["d_year"]), _MONTHS[match["d_month"].lower()], int(match["d_day"]))
        if match["numeric"]:
            return date(_year(match["n_year"]), int(match["n_month"]), int(match["n_day"]))
        if match["fy"]:
            first = int(match["f_first"])
            second = match["f_second"]
            second_year = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
            if len(second) == 1:
                second_year = (first // 10) * 10 + int(second)
            if second_year % 100 != (first + 1) % 100:
                return None
            return date(first + 1, 3, 31)
        if match["my"]:
            return _month_end(_year(match["m_year"]), _MONTHS[match["m_month"].lower()])
        if match["year"]:
            return date(int(match["y_year"]), 12, 31)
    except ValueError:
        return None
    return None  # pragma: no cover - one group always matches


def _clean_step_name(text: str) -> str:
    name = text.strip(_STEP_SEPARATORS)
    name = _LEAD_WORDS_RE.sub("", name).strip(_STEP_SEPARATORS)
    return name


def read_due_date(value: object) -> DueDate:
    """Read a due-date cell: its words kept, plus the date, the ongoing flag and milestones it names.

    ``value`` may be text or a date (an Excel date cell): a date is that day, written ``1 June 2007``.
    """
    if value is None:
        return DueDate(text="")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return DueDate(text=f"{value.day} {value:%B %Y}", due_date=value)
    text = " ".join(str(value).split())
    if not text:
        return DueDate(text="")
    normalised = text.translate(_DASHES)
    ongoing = bool(_ONGOING_RE.search(normalised))

    found: list[tuple[re.Match[str], date]] = []
    for match in _DATE_RE.finditer(normalised):
        day = _date_of(match)
        if day is not None:
            found.append((match, day))

    if not found:
        warning = "" if ongoing else f"No date found in “{text}”: the due date is left empty."
        return DueDate(text=text, ongoing=ongoing, warning=warning)

    milestones: list[MilestoneText] = []
    if len(found) >= 2:
        start = 0
        for match, day in found:
            name = _clean_step_name(normalised[start : match.start()])
            milestones.append(MilestoneText(name=name, due_date=day, due_date_text=match.group(0).strip()))
            start = match.end()
        if not all(step.name for step in milestones):
            milestones = []  # dates without names: "between 8th May and 28th August 2002"
    return DueDate(text=text, due_date=found[-1][1], ongoing=ongoing, milestones=tuple(milestones))


def read_milestones(value: object) -> tuple[MilestoneText, ...]:
    """Milestones written one to a line (or separated by ``;``), each ``Name – date``."""
    if value is None:
        return ()
    steps = []
    for line in re.split(r"[\n;]+", str(value)):
        text = " ".join(line.split())
        if not text:
            continue
        normalised = text.translate(_DASHES)
        matches = [m for m in _DATE_RE.finditer(normalised) if _date_of(m) is not None]
        if not matches:
            steps.append(
                MilestoneText(name=_clean_step_name(normalised) or text, due_date=None, due_date_text="")
            )
            continue
        last = matches[-1]
        name = _clean_step_name(normalised[: matches[0].start()]) or text
        steps.append(MilestoneText(name=name, due_date=_date_of(last), due_date_text=last.group(0).strip()))
    return tuple(steps)


# -- officers ---------------------------------------------------------------------------------------------

_OFFICER_SPLIT_RE = re.compile(r"\s*(?:/|,|&|;|\+|\band\b|\n)\s*", re.IGNORECASE)
_LEAD_NAME_RE = re.compile(r"^(?:overall|lead|led by)\b[:\s]*", re.IGNORECASE)
_NAME_WORD_RE = re.compile(
    r"^(?:[A-Z][\w'’-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:de|van|von|der|la|le|du|of|the)|O['’]\w+)$"
)


@dataclass(frozen=True)
class OfficerNames:
    """The officers named in a cell, and the whole cell as a note when it says more than names."""

    names: tuple[str, ...] = ()
    note: str = ""
    warning: str = ""
    parts: tuple[str, ...] = field(default=(), repr=False)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if not any(word[0].isupper() for word in words):
        return False
    return all(_NAME_WORD_RE.match(word) for word in words)


def split_officers(value: object) -> OfficerNames:
    """The names in a “Responsible officer” cell: ``A. Hardy / B. Jones`` gives two names."""
    if value is None:
        return OfficerNames()
    text = " ".join(str(value).split())
    if not text:
        return OfficerNames()
    parts = tuple(
        _LEAD_NAME_RE.sub("", part.strip()).strip(" ,;")
        for part in _OFFICER_SPLIT_RE.split(text)
        if part.strip(" .,;")
    )
    parts = tuple(part for part in parts if part)
    names = tuple(part for part in parts if _looks_like_name(part))
    if len(names) == len(parts):
        return OfficerNames(names=_unique(names), parts=parts)
    recorded = f", and {', '.join(names)} recorded as responsible" if names else ""
    warning = f"“{text}” is more than a list of names: it is kept as a note{recorded}."
    return OfficerNames(names=_unique(names), note=text, warning=warning, parts=parts)


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept = []
    for name in names:
        key = officer_key(name)
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def officer_key(name: str) -> str:
    """The key two spellings of one officer's name share: lower case, dots as spaces, single spaces."""
    return " ".join(name.replace(".", " ").replace("\u2019", "'").lower().split())


def officer_initial_key(name: str) -> str:
    """First initial and surname: ``A. McCorkle`` and ``Andrew McCorkle`` both give ``a mccorkle``.
    Empty for a single word, which has no initial to compare."""
    words = officer_key(name).split()
    if len(words) < 2:
        return ""
    return f"{words[0][0]} {words[-1]}"


def text_key(value: str) -> str:
    """How section, task and measure texts are compared: spacing and case ignored."""
    return " ".join(value.split()).casefold()


# -- headers ----------------------------------------------------------------------------------------------


def header_key(value: object) -> str:
    """A header as it is compared: lower case, with punctuation and spaces removed (``Comm.`` → ``comm``).
    Slashes inside year headers are kept apart by the caller, which reads years first."""
    if value is None:
        return ""
    return re.sub(r"[\W_]+", "", str(value).lower())
