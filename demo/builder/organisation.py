"""The reference data: units, officers, sign-ins, the council's priorities, frameworks, reporting periods."""

from __future__ import annotations

import secrets
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password

from indicators.models import Framework
from plans.models import Officer, OrganisationUnit, Priority, ReportingPeriod
from serviceplans.roles import roles_ensure

from .. import content as c
from .dates import period_key
from .state import BuildState


class OrganisationSteps(BuildState):
    """Units, officers, sign-ins, priorities, frameworks and periods: looked up by natural key, made if missing."""

    def units_ensure(self) -> None:
        existing = {u.slug: u for u in OrganisationUnit.objects.filter(slug__in=[s.slug for s in c.UNITS])}
        self.units: dict[str, OrganisationUnit] = dict(existing)
        self.new_units: list[tuple[OrganisationUnit, c.UnitSpec]] = []
        sibling_order: dict[str | None, int] = defaultdict(int)
        for spec in c.UNITS:
            sibling_order[spec.parent] += 1
            if spec.slug in existing:
                continue
            unit = OrganisationUnit.objects.create(
                slug=spec.slug,
                name=spec.name or settings.COUNCIL_NAME,
                short_name=spec.short_name,
                kind=spec.kind,
                parent=self.units[spec.parent] if spec.parent else None,
                order=sibling_order[spec.parent],
            )
            self.units[spec.slug] = unit
            self.new_units.append((unit, spec))
        self.created["units"] = len(self.new_units)

    def officers_ensure(self) -> None:
        emails = [s.email for s in c.OFFICERS]
        existing: dict[str, Officer] = {}
        for officer in Officer.objects.filter(email__in=emails).order_by("id"):
            existing.setdefault(officer.email, officer)
        new = [
            Officer(name=s.name, job_title=s.job_title, email=s.email, phone=s.phone, unit=self.units[s.unit])
            for s in c.OFFICERS
            if s.email not in existing
        ]
        Officer.objects.bulk_create(new)
        by_email = {**existing, **{o.email: o for o in new}}
        self.officers: dict[str, Officer] = {s.key: by_email[s.email] for s in c.OFFICERS}
        self.officer_specs = {s.key: s for s in c.OFFICERS}
        self.created["officers"] = len(new)
        # Heads are set on units made in this run only: an existing unit's head is the council's business.
        for unit, spec in self.new_units:
            unit.head = self.officers[spec.head] if spec.head else None
        OrganisationUnit.objects.bulk_update([u for u, _ in self.new_units], ["head"])

    def users_ensure(self) -> None:
        groups = roles_ensure()
        User = get_user_model()
        existing = {u.username: u for u in User.objects.filter(username__in=[s.username for s in c.USERS])}
        missing = [s for s in c.USERS if s.username not in existing]
        chosen = self.password
        if missing and chosen is None:
            chosen = self.generated_password = secrets.token_urlsafe(9)
        # One hash for every demo account made now: hashing is deliberately slow.
        encoded = make_password(chosen) if missing else None
        for spec in missing:
            officer = self.officers.get(spec.officer) if spec.officer else None
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=officer.email if officer else f"{spec.username}@{c.EMAIL_DOMAIN}",
                is_staff=spec.is_staff,
                is_superuser=spec.is_superuser,
                password=encoded,
            )
            existing[spec.username] = user
            self.new_users.append(spec.username)
        if self.password is not None:
            checked: dict[str, bool] = {}
            stale = []
            for spec in c.USERS:
                user = existing[spec.username]
                if spec.username in self.new_users:
                    continue
                if user.password not in checked:
                    checked[user.password] = check_password(self.password, user.password)
                if not checked[user.password]:
                    stale.append(user)
            if stale:
                encoded = make_password(self.password)
                for user in stale:
                    user.password = encoded
                    user.save(update_fields=["password"])
            self.password_set_for = [s.username for s in c.USERS if s.username in self.new_users] + [
                u.username for u in stale
            ]
        for spec in c.USERS:
            user = existing[spec.username]
            if spec.group:
                user.groups.add(groups[spec.group])
            if spec.officer:
                officer = self.officers[spec.officer]
                if officer.user_id is None and not Officer.objects.filter(user=user).exists():
                    officer.user = user
                    officer.save(update_fields=["user"])
                if officer.user_id == user.pk:
                    self.user_of_officer[spec.officer] = user
        self.users = existing
        self.created["users"] = len(self.new_users)

    def priorities_ensure(self) -> None:
        existing = {(p.kind, p.title): p for p in Priority.objects.all()}
        new = []
        for order, spec in enumerate(c.PRIORITIES, start=1):
            if (spec.kind, spec.title) not in existing:
                priority = Priority(
                    kind=spec.kind,
                    code=spec.code,
                    title=spec.title,
                    description=spec.description,
                    first_year=self.this_year - spec.years_before,
                    order=order,
                )
                existing[(spec.kind, spec.title)] = priority
                new.append(priority)
        Priority.objects.bulk_create(new)
        self.priorities = {s.key: existing[(s.kind, s.title)] for s in c.PRIORITIES}
        self.created["priorities"] = len(new)

    def frameworks_ensure(self) -> None:
        codes = sorted(
            {code for plan in c.PLANS for s in plan.sections for i in s.indicators for code in i.frameworks}
        )
        existing = {f.code: f for f in Framework.objects.filter(code__in=codes)}
        for code in codes:
            if code not in existing:  # normally preloaded by a migration
                existing[code] = Framework.objects.create(code=code, name=code)
        self.frameworks = existing

    def periods_ensure(self) -> None:
        calendar = self.calendar
        years = [y.start_year for y in calendar.years]
        existing = {
            (p.financial_year, p.kind, p.number): p
            for p in ReportingPeriod.objects.filter(financial_year__in=years)
        }
        new = []
        for period in calendar.periods():
            if period_key(period) in existing:
                continue
            row = ReportingPeriod(
                financial_year=period.year.start_year,
                kind=period.kind.value,
                number=period.number,
                start_date=period.start,
                end_date=period.end,
                deadline=calendar.deadline(period),
                state=calendar.state(period),
            )
            existing[period_key(period)] = row
            new.append(row)
        ReportingPeriod.objects.bulk_create(new)
        self.periods = existing
        self.created["reporting periods"] = len(new)
