"""What an import did, or would have done: the counts, what was created, every error and warning."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .reader import Problem

__all__ = ["COUNT_LABELS", "SHOWN_PROBLEMS", "ImportResult", "Refused", "import_summary"]

#: The counts every summary shows, in order.
COUNT_LABELS = {
    "sections": "Sections",
    "objectives": "Objectives",
    "tasks": "Tasks",
    "milestones": "Milestones",
    "indicators": "Indicators",
    "targets": "Targets",
    "officers_created": "Officers created",
    "progress_updates": "Progress updates",
    "values": "Values",
    "risks": "Risks",
}

#: The most errors or warnings kept (and listed on the preview page); the rest are counted.
SHOWN_PROBLEMS = 200


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    dry_run: bool = False
    plan_slug: str = ""
    plan_title: str = ""
    plan_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_LABELS, 0))
    officers_created: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    periods_created: list[str] = field(default_factory=list)
    frameworks_created: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count_rows(self) -> list[tuple[str, int]]:
        return [
            (label, self.counts[key])
            for key, label in COUNT_LABELS.items()
            if key != "risks" or self.counts[key]  # risks only when the workbook has a Risks sheet with rows
        ]

    def summary_lines(self) -> list[str]:
        """The summary the command prints: the plan, the counts, what was created, then every warning."""
        lines = [f"Plan: {self.plan_slug}"]
        lines += [f"{label}: {count}" for label, count in self.count_rows()]
        for label, names in (
            ("New officers", self.officers_created),
            ("New units", self.units_created),
            ("New periods", self.periods_created),
            ("New frameworks", self.frameworks_created),
        ):
            if names:
                lines.append(f"{label}: {', '.join(names)}")
        lines.append(f"Warnings: {len(self.warnings)}")
        lines += [f"  {warning}" for warning in self.warnings]
        return lines


class Refused(Exception):
    """The workbook cannot be imported, for the reason ``problem`` gives (the import is rolled back)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.reason)
        self.problem = problem


def import_summary(result: ImportResult) -> dict:
    """What the preview and result pages show of an import, as plain JSON."""
    return {
        "ok": result.ok,
        "plan_title": result.plan_title,
        "plan_slug": result.plan_slug,
        "counts": result.counts,
        "count_rows": result.count_rows(),
        "officers_created": result.officers_created,
        "units_created": result.units_created,
        "periods_created": result.periods_created,
        "frameworks_created": result.frameworks_created,
        "error_count": len(result.errors),
        "warning_count": len(result.warnings),
        "errors": [asdict(problem) for problem in result.errors[:SHOWN_PROBLEMS]],
        "warnings": [asdict(problem) for problem in result.warnings[:SHOWN_PROBLEMS]],
    }
