"""Copying a row's own fields into a new, unsaved row: the one way a plan's contents are carried forward.

Each model names the fields a copy keeps (for example ``Task.CARRIED_FIELDS``), so adding a field to a task
means adding it to one list, not to every place that copies tasks.
"""


def copy_of(source, fields, **changes):
    """A new, unsaved instance of ``source``'s model with ``fields`` copied from it and ``changes`` on top."""
    values = {name: getattr(source, name) for name in fields}
    values.update(changes)
    return type(source)(**values)


def recorded_as(instance, user, reason: str = ""):
    """Record ``user`` (and a reason) on the history row the next save of ``instance`` writes. In a web
    request the history middleware already knows the user; commands and tests say who it was here."""
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    return instance
