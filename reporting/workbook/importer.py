"""Importing a plan workbook: all or nothing.

The format is described in the template's Notes sheet (:mod:`reporting.workbook.template`). How the
importer decides where the issue leaves it open:

* **A new plan every time.** An import always creates a new draft plan. ``ID`` columns only link rows
  between the sheets of the same workbook (Progress and Actuals to Tasks and Indicators); they are never
  database ids, so a workbook exported from one system imports cleanly into another.
* **Units**: ``Council`` names a top-level unit (ignoring case); a council that does not exist is created.
  ``Directorate`` names a unit beneath the council (created as a directorate when missing). When
  ``Council`` is blank the directorate must name exactly one existing unit. A section is linked to a unit
  of the same name beneath the directorate when there is one.
* **Officers** are matched ignoring case and dots (``A. McCorkle`` = ``A McCorkle``), then by initial and
  surname when one of the two names gives only an initial and exactly one officer fits; the rest are
  created in the directorate and listed in the summary.
* **Frameworks**: columns headed ``Comm.``, ``LAA``, ``Corp.``, ``NRF``, ``CPA`` or ``BVPI``, or by the code
  of any framework in the system, hold an X (any mark except ``no``, ``n``, ``-`` or ``0``); one of the
  six standard frameworks missing from the system is created, with a warning.
* **Computed columns** the export adds (``RAG``, ``Symbol``, ``Target for period``) are ignored without
  a warning; any other unknown column is ignored with one.
* **Periods** named in Progress and Actuals (and the previous year, for ``Last year actual``) are created
  when missing: closed if they have ended, scheduled otherwise. No period is ever opened.
* **Last year actual** is recorded as the value for the whole of the year before the plan's first year.
* **Repeats**: a task repeated word for word in one section is imported twice, with a warning; a Progress
  row that then matches both is an error asking for the ``ID`` column. The same goes for indicators.
* **Percent complete** is a whole number from 0 to 100 (``50``, ``50%``); a fraction is rounded, with a
  warning.
* **Dry run**: everything is written inside a transaction that is then rolled back, so a dry run reports
  exactly what a real import would, and leaves nothing behind.

How it is done, one module a step: the column specification (:mod:`.columns`); reading the sheets' rows
out of the file (:mod:`.reader`); interpreting them into rows of a plan, every problem named by sheet, row,
column and value (:mod:`.interpreter` with the Plan sheet, :mod:`.task_sheets`, :mod:`.indicator_sheets`,
:mod:`.risks_sheet`; the rows are :mod:`.rows`); writing them in one transaction (:mod:`.writer`); and the
service here, :func:`plan_import`, whose outcome is an :class:`~.result.ImportResult`.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, transaction

from indicators.models import Framework

from .columns import REQUIRED_SHEETS
from .indicator_sheets import parse_actuals, parse_indicators
from .interpreter import Interpreter
from .reader import Book, Problem, read_workbook
from .result import COUNT_LABELS, ImportResult, Refused
from .risks_sheet import parse_risks
from .rows import PlanRows
from .task_sheets import parse_progress, parse_tasks
from .wording import header_key
from .writer import PlanWriter

__all__ = ["COUNT_LABELS", "ImportResult", "plan_import", "plan_rows"]

logger = logging.getLogger(__name__)


class _DryRun(Exception):
    pass


def plan_rows(book: Book, known_frameworks: dict[str, str]) -> PlanRows:
    """The workbook's sheets interpreted, in the order their rows refer to each other (Progress and Actuals
    name tasks and measures; Risks name tasks, measures and sections); problems are added to the book."""
    reading = Interpreter(book, known_frameworks)
    sheets = reading.sheets()
    for name in REQUIRED_SHEETS:
        if header_key(name) not in sheets:
            reading.error(name, None, "", "", f"The workbook has no “{name}” sheet: it is required.")
    if "plan" in sheets:
        reading.parse_plan(sheets["plan"])
    if "tasks" in sheets:
        parse_tasks(reading, sheets["tasks"])
    if "indicators" in sheets and reading.data.first_year:
        parse_indicators(reading, sheets["indicators"])
    if "progress" in sheets:
        parse_progress(reading, sheets["progress"])
    if "actuals" in sheets:
        parse_actuals(reading, sheets["actuals"])
    if "risks" in sheets:
        parse_risks(reading, sheets["risks"])
    return reading.data


def _known_frameworks() -> dict[str, str]:
    return {header_key(code): code for code in Framework.objects.values_list("code", flat=True)}


def plan_import(*, workbook_bytes: bytes, dry_run: bool = False, user=None) -> ImportResult:
    """Import a plan workbook as a new draft plan, all or nothing.

    Returns what was (or, with ``dry_run``, would be) created, with every warning; when anything is wrong
    the result carries the errors and nothing is written. Never raises for a bad file. Each import (and
    each preview) is logged with its outcome.
    """
    started = time.perf_counter()
    result = _plan_import(workbook_bytes=workbook_bytes, dry_run=dry_run, user=user)
    outcome = "refused" if result.errors else "checked" if dry_run else "imported"
    logger.log(
        logging.WARNING if result.errors and not dry_run else logging.INFO,
        "Plan workbook %s: %d errors, %d warnings",
        outcome,
        len(result.errors),
        len(result.warnings),
        extra={
            "event": "plan_import" if not dry_run else "plan_import_preview",
            "outcome": outcome,
            "plan_id": result.plan_id,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "bytes": len(workbook_bytes),
            "duration_ms": round((time.perf_counter() - started) * 1000),
            "by_user_id": getattr(user, "pk", None),
        },
    )
    return result


@transaction.atomic
def _plan_import(*, workbook_bytes: bytes, dry_run: bool, user) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    book = read_workbook(workbook_bytes)
    result.warnings = book.warnings
    result.errors = book.errors
    if book.errors:
        return result
    data = plan_rows(book, _known_frameworks())
    result.warnings, result.errors = book.warnings, book.errors
    if result.errors:
        return result
    try:
        with transaction.atomic():
            PlanWriter(data, result, user).write()
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.plan_id = None
    except Refused as refused:
        result.errors.append(refused.problem)
    except DatabaseError as error:
        result.errors.append(Problem(reason=f"The plan could not be saved: {error}"))
    if result.errors:
        result.counts = dict.fromkeys(COUNT_LABELS, 0)
        result.officers_created, result.units_created, result.periods_created = [], [], []
        result.frameworks_created = []
    return result
