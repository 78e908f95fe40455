"""Saving a row that several people may be editing at once, without ever losing anyone's save.

An officer's task update and an indicator value both carry a ``version`` that goes up by one with each
save. A form remembers the version it showed; :func:`versioned_save` writes only if the row is still at that
version, and otherwise raises :class:`SaveConflict` with what is there now, so the page can show both. Two
first saves at the same moment (no row yet, so nothing to lock) are caught by the table's unique constraint:
the second becomes a conflict too, never a server error.

Call it inside a transaction (the services are ``@transaction.atomic``).
"""

from collections.abc import Callable

from django.db import IntegrityError, models, transaction


class SaveConflict(Exception):
    """Someone else saved this after the form was opened; ``current`` is what they saved (or None)."""

    message = "It was changed by someone else after you opened it."

    def __init__(self, current=None):
        super().__init__(self.message)
        self.current = current


def versioned_save[Row: models.Model](
    model: type[Row],
    *,
    lookup: dict,
    seen_version: int,
    change: Callable[[Row], None],
    conflict: type[SaveConflict] = SaveConflict,
) -> Row:
    """Save the row ``lookup`` names, as someone saw it at ``seen_version`` (0 = no row yet).

    ``change`` sets the new field values on the row (new or current); the version goes up by one.
    Raises ``conflict`` (a :class:`SaveConflict`) when the row has moved on since ``seen_version``."""
    current = model.objects.select_for_update().filter(**lookup).first()
    if (current.version if current else 0) != seen_version:
        raise conflict(current)
    row = current or model(**lookup, version=0)
    change(row)
    row.version += 1
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Someone saved the first version at the same moment: theirs stands.
        winner = model.objects.filter(**lookup).first()
        if winner is None:
            raise  # another constraint refused the row: a real error, not a conflict
        raise conflict(winner) from None
    return row
