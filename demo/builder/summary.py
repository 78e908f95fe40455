"""What a load of the demo council reports: what it holds, what this load added, and how to sign in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .dates import MONTH_NAMES


@dataclass(frozen=True)
class DemoSummary:
    """What the demo council holds after a load, what this load added, and how to sign in."""

    council: str
    financial_year: str
    today: date
    counts: dict[str, int]
    created: dict[str, int]
    open_periods: tuple[str, ...]
    open_deadline: date | None
    usernames: tuple[str, ...]
    new_users: tuple[str, ...] = ()
    password_set_for: tuple[str, ...] = ()
    generated_password: str | None = None

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())

    def lines(self) -> list[str]:
        def listing(numbers: dict[str, int]) -> str:
            return ", ".join(f"{name} {number:,}" for name, number in numbers.items())

        lines = [
            f"Demo council: {self.council}, financial year {self.financial_year} "
            f"(today {self.today.day} {MONTH_NAMES[self.today.month - 1]} {self.today.year}).",
            f"  Holds: {listing(self.counts)}.",
        ]
        if self.created_anything:
            lines.append(f"  Added: {listing({k: v for k, v in self.created.items() if v})}.")
        else:
            lines.append("  Nothing added: the demo council was already loaded.")
        if self.open_periods:
            deadline = self.open_deadline
            due = f"{deadline.day} {MONTH_NAMES[deadline.month - 1]} {deadline.year}" if deadline else "—"
            lines.append(f"  Open for returns: {', '.join(self.open_periods)} (due by {due}).")
        lines.append(
            f"Sign in at {settings.LOGIN_URL} (Django admin at /admin/) as {', '.join(self.usernames)}."
        )
        if self.generated_password:
            lines.append(
                f"  Password for {', '.join(self.new_users)}: {self.generated_password}"
                "  (shown only this once; use --password to choose one)"
            )
        elif self.password_set_for:
            lines.append(f"  Password from --password set for {', '.join(self.password_set_for)}.")
        else:
            lines.append("  The users already exist; their passwords are unchanged.")
        return lines
