"""Reminder e-mails for returns, sent by ``python manage.py send_reminders`` (from cron, once a day).

- Each officer who owes a return in an open period (not submitted, or sent back to them) gets **one digest**:
  the returns due (deadline today or later) and overdue (deadline passed), with links to make them.
- After a deadline, each **manager** (the nearest head of a unit above the officer, never the officer
  themself) gets **one e-mail** listing the officers in their units whose returns are late.
- Each e-mail has a plain-text and an HTML body, and goes through Django's default mailer (console in
  development, SMTP in production, configured by the ``EMAIL_*`` variables).
- Sending is **idempotent per day**: every e-mail sent is logged (``ReminderSent``), and a second run on the
  same day sends nothing new. Officers with neither an e-mail address nor a login with one are skipped.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse

from plans.models import Officer, ReportingPeriod
from plans.selectors import return_members, unit_tree
from serviceplans.permissions import nearest_manager_id

from .models import ReminderSent
from .selectors import ReturnRow, returns_for_period

DIGEST = ReminderSent.Kind.DIGEST
LATE_LIST = ReminderSent.Kind.LATE_LIST


@dataclass
class ReminderSummary:
    """What a run sent, and what it left alone."""

    today: date
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, officer name, address)
    already_sent: int = 0
    no_address: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Reminders for {self.today.isoformat()}: {len(self.sent)} sent."]
        lines += [f"  {kind}: {name} <{address}>" for kind, name, address in self.sent]
        if self.already_sent:
            lines.append(f"  {self.already_sent} already sent today, not sent again.")
        if self.no_address:
            lines.append(f"  No e-mail address for: {', '.join(sorted(self.no_address))}.")
        return lines


def address_of(officer: Officer) -> str:
    """The officer's own address, or their login's."""
    if officer.email:
        return officer.email
    return officer.user.email if officer.user_id and officer.user.email else ""


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _message(template: str, subject: str, to: str, context: dict) -> EmailMultiAlternatives:
    context = context | {"site_url": settings.SITE_URL, "council_name": settings.COUNCIL_NAME}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def _due_rows(today: date) -> list[ReturnRow]:
    """The returns owed in open quarters (a return holds the months, half-year and year ending in its
    quarter: ``plans.selectors.return_members``), not yet submitted."""
    opened = list(
        ReportingPeriod.objects.exclude(state=ReportingPeriod.State.SCHEDULED).order_by("start_date")
    )
    quarters = [p for p in opened if p.kind == "quarter" and p.state == ReportingPeriod.State.OPEN]
    return [
        row
        for quarter in quarters
        for row in returns_for_period(quarter, members=return_members(quarter, opened))
        if row.is_due
    ]


def _returns_for(rows: list[ReturnRow]) -> str:
    labels = [r.period.label for r in rows]
    return (
        f"return for {labels[0]}"
        if len(labels) == 1
        else f"returns for {', '.join(labels[:-1])} and {labels[-1]}"
    )


def _is_overdue(row: ReturnRow, today: date) -> bool:
    return row.period.deadline is not None and row.period.deadline < today


def reminders_send(*, today: date) -> ReminderSummary:
    """Send today's digests and late lists that have not been sent today; log each one as it goes."""
    summary = ReminderSummary(today)
    rows = _due_rows(today)
    done = set(ReminderSent.objects.filter(sent_on=today).values_list("recipient_id", "kind"))
    outgoing: list[tuple[Officer, str, str, EmailMultiAlternatives]] = []

    by_officer: dict[int, list[ReturnRow]] = defaultdict(list)
    for row in rows:
        by_officer[row.officer.pk].append(row)
    for officer_rows in by_officer.values():
        officer = officer_rows[0].officer
        if (officer.pk, DIGEST) in done:
            summary.already_sent += 1
            continue
        address = address_of(officer)
        if not address:
            summary.no_address.append(officer.name)
            continue
        overdue = [r for r in officer_rows if _is_overdue(r, today)]
        due = [r for r in officer_rows if not _is_overdue(r, today)]
        for row in officer_rows:
            row.link = _link(reverse("actions:return-submit", args=[row.period.pk, officer.pk]))
        subject = (
            f"Overdue: your {_returns_for(overdue)}"
            if overdue
            else f"Reminder: your {_returns_for(due)} {'is' if len(due) == 1 else 'are'} due"
        )
        context = {"officer": officer, "due": due, "overdue": overdue, "today": today, "home": _link("/")}
        lines = "; ".join(f"{r.period.label} ({'overdue' if r in overdue else 'due'})" for r in officer_rows)
        outgoing.append((officer, DIGEST, lines, _message("return_reminder", subject, address, context)))

    late_by_manager: dict[int, list[ReturnRow]] = defaultdict(list)
    tree = unit_tree() if any(_is_overdue(r, today) for r in rows) else None
    for row in rows:
        if _is_overdue(row, today):
            manager_id = nearest_manager_id(tree, row.officer)
            if manager_id is not None:
                late_by_manager[manager_id].append(row)
    managers = Officer.objects.filter(pk__in=late_by_manager, active=True).select_related("user")
    for manager in managers:
        if (manager.pk, LATE_LIST) in done:
            summary.already_sent += 1
            continue
        address = address_of(manager)
        if not address:
            summary.no_address.append(manager.name)
            continue
        late = sorted(late_by_manager[manager.pk], key=lambda r: (r.period.start_date, r.officer.name))
        periods = sorted({r.period for r in late}, key=lambda p: p.start_date)
        context = {
            "manager": manager,
            "late": late,
            "today": today,
            "signoff_links": [
                (p, _link(reverse("actions:return-list") + f"?period={p.pk}")) for p in periods
            ],
        }
        late_officers = len({r.officer.pk for r in late})  # one officer may be late for several periods
        subject = f"Late returns: {late_officers} officer{'s' if late_officers != 1 else ''} in your units"
        lines = "; ".join(f"{r.officer.name} ({r.period.label})" for r in late)
        outgoing.append((manager, LATE_LIST, lines, _message("late_returns", subject, address, context)))

    if outgoing:
        with mailers.default as connection:
            for officer, kind, lines, message in outgoing:
                connection.send_messages([message])
                ReminderSent.objects.create(
                    recipient=officer, kind=kind, sent_on=today, address=message.to[0], summary=lines
                )
                summary.sent.append((ReminderSent.Kind(kind).label, officer.name, message.to[0]))
    return summary
