"""Where apps above ``plans`` take part in a plan's or a period's life, without ``plans`` importing them.

Each app registers a function from its ``AppConfig.ready()``; the plan and period services call them inside
their own transaction, so a failure rolls the whole step back.

* **Carry forward**: ``function(*, plan, new_plan, sections, objectives, user) -> None`` copies what the app
  keeps in ``plan`` into next year's ``new_plan`` (``sections`` and ``objectives`` map old ids to the copies).
  ``actions`` copies the unfinished tasks; ``indicators`` the indicators and next years' targets.
* **Period published**: ``function(*, period) -> None``; ``indicators`` freezes the period's judgements.
* **Plan changed** (in the admin: its years, or its sections' indicators): ``function(*, plan) -> None``;
  ``indicators`` stores the plan's judgements afresh.
* **Council settings changed** (the default tolerance): ``function() -> None``; ``indicators`` re-judges.
* **Returns outstanding**: ``function(period) -> int``, how many officers owing a return for ``period``
  have not submitted it; ``actions`` (which knows who owes what) answers, for the period step pages.
"""

from collections.abc import Callable

CARRY_FORWARD: list[Callable] = []
PERIOD_PUBLISHED: list[Callable] = []
RETURNS_OUTSTANDING: list[Callable] = []
PLAN_CHANGED: list[Callable] = []
SETTINGS_CHANGED: list[Callable] = []


def register_carry_forward(function: Callable) -> None:
    if function not in CARRY_FORWARD:
        CARRY_FORWARD.append(function)


def register_period_published(function: Callable) -> None:
    if function not in PERIOD_PUBLISHED:
        PERIOD_PUBLISHED.append(function)


def carry_forward_contents(**context) -> None:
    for function in CARRY_FORWARD:
        function(**context)


def period_published(*, period) -> None:
    for function in PERIOD_PUBLISHED:
        function(period=period)


def register_returns_outstanding(function: Callable) -> None:
    if function not in RETURNS_OUTSTANDING:
        RETURNS_OUTSTANDING.append(function)


def returns_outstanding(period) -> int | None:
    """How many returns for ``period`` are still owed, or ``None`` when no app counts them."""
    counts = [function(period) for function in RETURNS_OUTSTANDING]
    return sum(counts) if counts else None


def register_plan_changed(function: Callable) -> None:
    if function not in PLAN_CHANGED:
        PLAN_CHANGED.append(function)


def register_settings_changed(function: Callable) -> None:
    if function not in SETTINGS_CHANGED:
        SETTINGS_CHANGED.append(function)


def plan_changed(*, plan) -> None:
    for function in PLAN_CHANGED:
        function(plan=plan)


def settings_changed() -> None:
    for function in SETTINGS_CHANGED:
        function()
