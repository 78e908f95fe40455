"""The audit trail: who changed what, when, and why, read from django-simple-history's records.

``history_entries`` turns historical records (of any tracked model, read by the caller in one query each with
``history_user``) into rows a page can show: when, who, which object, created / changed / deleted, each
changed field as "old → new" (from simple_history's ``diff_against``), and the reason given. Related objects
named in a change (rare: a task moved to another section) are read in one query per related model, so a page
costs the same whatever the length of its history.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
#: Fields that repeat who saved a row and when, already shown in the trail's own columns.
EXCLUDED = ("version", "updated_by", "entered_by", "submitted_by", "submitted_at", "decided_by", "decided_at")
BLANK = "(blank)"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    action: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def person(user) -> str:
    """How a person is named in the trail: their full name, else their username; "System" when no one."""
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def _fk_names(wanted: dict[type, set]) -> dict[tuple[type, object], str]:
    """The names of the related objects named in changes, one query per related model."""
    names = {}
    user_model = get_user_model()
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = person(obj) if model is user_model else str(obj)
    return names


def _shown(model_field: models.Field, value, names) -> str:
    if value is None or value == "":
        return BLANK
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value} (since deleted)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def history_entries(
    records: Iterable,
    *,
    what: Callable[[object], str] | None = None,
    action: Callable[[object], str | None] | None = None,
    excluded: Iterable[str] = EXCLUDED,
) -> list[HistoryEntry]:
    """Audit-trail rows for ``records`` (historical records of one or more models, with ``history_user``
    read), newest first. ``what`` names the object a record is about (default: its model's name; a
    function reading only the record's own fields and what the caller selected, so no query per row);
    ``action`` may name the step in the domain's words ("Submitted") instead of "Created" / "Changed".
    Fields that only repeat the row's who and when (``updated_by``, ``decided_at``…) are left out.

    Each change is compared with the previous record of the same object among ``records``, so pass every
    record of each object you want diffed (e.g. ``Task.history.filter(id=…)``)."""
    records = list(records)
    excluded = set(excluded)
    by_object: dict[tuple[type, object], list] = defaultdict(list)
    for record in records:
        by_object[(type(record), record.id)].append(record)
    tracked: dict[type, dict[str, models.Field]] = {}
    for record in records:
        if type(record) not in tracked:
            tracked[type(record)] = {
                f.name: f for f in record.tracked_fields if f.editable and f.name not in excluded
            }
    pending = []  # (record, fields, raw changes): FK names are read once every diff is known
    wanted: dict[type, set] = defaultdict(set)
    for (model_type, _pk), versions in by_object.items():
        fields = tracked[model_type]
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            raw = []
            if previous is not None and record.history_type == "~":
                raw = record.diff_against(previous, included_fields=list(fields)).changes
                for change in raw:
                    model_field = fields[change.field]
                    if model_field.is_relation:
                        wanted[model_field.related_model] |= {
                            v for v in (change.old, change.new) if v is not None
                        }
            previous = record
            if record.history_type == "~" and not raw and not record.history_change_reason:
                continue  # saved without changing anything worth showing
            pending.append((record, fields, raw))
    names = _fk_names(wanted)

    entries = [
        HistoryEntry(
            when=record.history_date,
            who=person(record.history_user),
            what=what(record) if what else str(record.instance_type._meta.verbose_name).capitalize(),
            action=(action(record) if action else None)
            or ACTIONS.get(record.history_type, record.history_type),
            changes=[
                Change(
                    str(fields[c.field].verbose_name).capitalize(),
                    _shown(fields[c.field], c.old, names),
                    _shown(fields[c.field], c.new, names),
                )
                for c in raw
            ],
            reason=record.history_change_reason or "",
        )
        for record, fields, raw in pending
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
