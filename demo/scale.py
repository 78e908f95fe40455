"""Scale the demo council up: ``load_demo --scale N`` makes N copies of its services, plans and returns.

A copy is made in the database itself, one ``INSERT … SELECT`` per table, so a hundredfold council (about
25,000 tasks, 8,700 indicators, 5,000 officers and half a million returns and values) takes seconds, not the
hours one ``save()`` a row would. Copy ``k`` (2…N) of a row gets the id ``id + (k − 1) × offset``, and every
reference to a copied table is shifted the same way, so the copies hold together without a lookup table. The
council itself, the reporting periods, the council's priorities, the frameworks and the sign-ins are shared,
not copied: a copy is another set of directorates of the same council, each unit, plan and officer marked
with its copy's number (“Environment (copy 2)”). History tables are not copied: the copies have no audit
trail, as if they had been typed in before the trail began.

The demo itself (``--scale 1``) is untouched. Running again with the same or a smaller N adds nothing; a
larger N adds only the missing copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, models, transaction

from actions.models import Milestone, ProgressUpdate, Task, TaskOfficer
from indicators.models import Indicator, IndicatorOfficer, IndicatorValue, Judgement, Target
from plans.models import Objective, Officer, OrganisationUnit, Plan, PlanSection, Return

__all__ = ["SPAN", "copy_offset", "demo_council_scale"]

#: The smallest offset between copies. The offset used is the first power of ten above every id the
#: council holds when it is first scaled (so the demo's own rows are all below it), kept for later runs.
SPAN = 1_000


def _copied_models() -> list[type[models.Model]]:
    """The tables a copy is made of, parents before children."""
    return [
        OrganisationUnit,
        Officer,
        Plan,
        PlanSection,
        Objective,
        Objective.priorities.through,
        Task,
        TaskOfficer,
        Task.priorities.through,
        Milestone,
        ProgressUpdate,
        Return,
        Indicator,
        IndicatorOfficer,
        Indicator.frameworks.through,
        Target,
        IndicatorValue,
        Judgement,  # the same records judge the same: copied, not judged again
    ]


#: Text that must differ between copies (unique, or unique among siblings), and how it is marked.
_MARKED = {
    (OrganisationUnit, "name"): " (copy {k})",
    (OrganisationUnit, "slug"): "-copy-{k}",
    (Plan, "title"): " (copy {k})",
    (Plan, "slug"): "-copy-{k}",
}


@dataclass(frozen=True)
class ScaleSummary:
    copies: int
    added: int
    rows: dict[str, int]
    offset: int = 0

    def lines(self) -> list[str]:
        if not self.added:
            return [f"Scaled to {self.copies}×: nothing added (the copies were already there)."]
        listing = ", ".join(f"{name} {number:,}" for name, number in self.rows.items())
        return [f"Scaled to {self.copies}×: added {self.added} copies ({listing})."]


def copy_offset(models_: list | None = None) -> int:
    """How far apart the copies' ids are: read back from the first copy of a unit if there is one, else
    the first power of ten (at least :data:`SPAN`) above every id in the copied tables."""
    first_copy = OrganisationUnit.objects.filter(
        slug__endswith=_MARKED[(OrganisationUnit, "slug")].format(k=2)
    )
    copy = first_copy.order_by("id").first()
    if copy is not None:
        original = OrganisationUnit.objects.get(slug=copy.slug.removesuffix("-copy-2"))
        return copy.pk - original.pk
    top = max(
        model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
        for model in (models_ or _copied_models())
    )
    offset = SPAN
    while offset <= top:
        offset *= 10
    return offset


def _expression(model, field, k: int, council_id: int, copied: set, span: int) -> str:
    quote = connection.ops.quote_name
    column = quote(field.column)
    offset = (k - 1) * span
    if field.primary_key:
        return f"{column} + {offset}"
    if field.is_relation and field.concrete:
        target = field.related_model
        if model is Officer and field.name == "user":
            return "NULL"
        if target not in copied:
            return column
        if model is OrganisationUnit and field.name == "parent":
            return f"CASE WHEN {column} = {council_id} THEN {column} ELSE {column} + {offset} END"
        return f"{column} + {offset}"
    mark = _MARKED.get((model, field.name))
    if mark is not None:
        return f"{column} || '{mark.format(k=k)}'"
    if model is Officer and field.name == "email":
        return f"CASE WHEN {column} = '' THEN {column} ELSE 'copy{k}.' || {column} END"
    return column


def _copy_table(model, k: int, council_id: int, copied: set, span: int) -> int:
    quote = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(quote(f.column) for f in fields)
    expressions = ", ".join(_expression(model, f, k, council_id, copied, span) for f in fields)
    where = f"{quote(model._meta.pk.column)} < {span}"
    if model is OrganisationUnit:
        where += f" AND {quote('id')} <> {council_id}"
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {expressions} FROM {quote(model._meta.db_table)} WHERE {where}"  # noqa: E501
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


@transaction.atomic
def demo_council_scale(*, copies: int) -> ScaleSummary:
    """Make the demo council ``copies`` times its size by copying every service, plan and return in SQL.

    The copies are made from the rows below the copy offset (:func:`copy_offset`): the demo's own.
    """
    if copies < 1 or copies > 1000:
        raise ValueError("The scale must be between 1 and 1000.")
    council = OrganisationUnit.objects.filter(parent__isnull=True).order_by("id").first()
    if council is None:
        raise ValueError("Load the demo council before scaling it.")
    copied_models = _copied_models()
    copied = set(copied_models)
    span = copy_offset(copied_models)
    added, totals = 0, {}
    for k in range(2, copies + 1):
        if OrganisationUnit.objects.filter(pk__gte=(k - 1) * span, pk__lt=k * span).exists():
            continue
        for model in copied_models:
            count = _copy_table(model, k, council.pk, copied, span)
            name = model._meta.verbose_name_plural
            totals[str(name)] = totals.get(str(name), 0) + count
        added += 1
    if added:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), copied_models):
                cursor.execute(sql)
    return ScaleSummary(copies=copies, added=added, rows=totals, offset=span)
