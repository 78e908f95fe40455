"""What a token may see: a part of the council and everything beneath it, or the whole council.

A task or indicator belongs to its section's unit, else its plan's (as on the list pages); a plan belongs
to its unit, and is also shown to a token whose unit has a section in it; the rest follow what they
belong to. Periods and frameworks are the council's reference lists, seen by every token."""

from dataclasses import dataclass

from django.db.models import Q

from plans.models import PlanSection
from plans.selectors import UnitTree

from .models import ApiToken


@dataclass(frozen=True)
class Scope:
    """The unit ids a token sees, or ``None`` for the whole council."""

    unit_ids: frozenset[int] | None

    @classmethod
    def of(cls, token: ApiToken, tree: UnitTree) -> "Scope":
        if token.unit_id is None:
            return cls(None)
        return cls(frozenset(tree.descendant_ids(token.unit_id)))

    @property
    def whole_council(self) -> bool:
        return self.unit_ids is None

    def covers(self, unit_id: int | None) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids

    def q(self, prefix: str = "") -> Q:
        """For rows that belong to a section (tasks, indicators): the section's unit, else the plan's.
        ``prefix`` reaches them from another model, e.g. ``"task__"``."""
        if self.unit_ids is None:
            return Q()
        ids = self.unit_ids
        return Q(**{f"{prefix}section__unit_id__in": ids}) | Q(
            **{f"{prefix}section__unit__isnull": True, f"{prefix}plan__unit_id__in": ids}
        )

    def units_q(self) -> Q:
        return Q() if self.unit_ids is None else Q(pk__in=self.unit_ids)

    def plans_q(self) -> Q:
        if self.unit_ids is None:
            return Q()
        with_sections = PlanSection.objects.filter(unit_id__in=self.unit_ids).values("plan_id")
        return Q(unit_id__in=self.unit_ids) | Q(pk__in=with_sections)

    def sections_q(self) -> Q:
        if self.unit_ids is None:
            return Q()
        return Q(unit_id__in=self.unit_ids) | Q(unit__isnull=True, plan__unit_id__in=self.unit_ids)

    def objectives_q(self) -> Q:
        """An objective belongs to its section's unit, else (no section, or one with no unit) its plan's."""
        return self.q()
