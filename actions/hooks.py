"""Places where an app higher in the layers (the risk register) adds to an officer's return, without
``actions`` importing it: the app registers a function here from its ``AppConfig.ready()``.

* A **My updates section**: ``function(actor, periods) -> dict | None``; the dict has ``template`` (included
  at the end of My updates with ``section`` set to the dict) and whatever that template shows.
* A **return row extra**: ``function(period, rows) -> None`` sets ``row.extras`` items on the sign-off
  page's rows: dicts with ``label`` (“1 of 2 risk reviews”) and ``url``, shown under the task and value counts.
"""

from collections.abc import Callable

MY_UPDATES_SECTIONS: list[Callable] = []
RETURN_ROW_EXTRAS: list[Callable] = []


def register_my_updates_section(function: Callable) -> None:
    if function not in MY_UPDATES_SECTIONS:
        MY_UPDATES_SECTIONS.append(function)


def register_return_row_extra(function: Callable) -> None:
    if function not in RETURN_ROW_EXTRAS:
        RETURN_ROW_EXTRAS.append(function)


def my_updates_sections(actor, periods) -> list[dict]:
    return [section for function in MY_UPDATES_SECTIONS if (section := function(actor, periods))]


def add_return_row_extras(period, rows) -> None:
    for row in rows:
        row.extras = []
    for function in RETURN_ROW_EXTRAS:
        function(period, rows)
