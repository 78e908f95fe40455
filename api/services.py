"""Writes for API tokens."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from indicators.forms import IndicatorValueForm
from indicators.judgements import refresh_deferred
from indicators.models import IndicatorValue
from indicators.performance import IndicatorRecord
from indicators.permissions import can_enter_value
from indicators.selectors import indicator_for_page, periods_for_values
from indicators.services import ValueConflict, indicator_value_save
from plans.models import CouncilSettings, OrganisationUnit, ReportingPeriod
from plans.selectors import unit_tree
from serviceplans.periods import Period, PeriodParseError, period_kind_for
from serviceplans.permissions import Actor

from .models import ApiToken
from .rules import new_token_key, token_hash, token_hint
from .scope import Scope


@transaction.atomic
def api_token_create(
    *, name: str, access: str, unit: OrganisationUnit | None, created_by
) -> tuple[ApiToken, str]:
    """Make a token and the service user the audit trail names for it; returns the token and its secret,
    which is shown once and never stored."""
    key = new_token_key()
    user_model = get_user_model()
    service_user = user_model(username=f"api-token-{token_hash(key)[:12]}", first_name=f"{name} (API token)")
    service_user.set_unusable_password()
    service_user.is_active = False  # it can never sign in to the pages
    service_user.save()
    token = ApiToken.objects.create(
        name=name,
        access=access,
        unit=unit,
        key_hash=token_hash(key),
        key_hint=token_hint(key),
        service_user=service_user,
        created_by=created_by,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop the token working from now on. It stays listed, so the audit trail still names it."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# -- posting indicator values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    index: int
    field: str
    message: str


@dataclass(frozen=True)
class RowSaved:
    index: int
    indicator_id: int
    period: str
    outcome: str  # created, changed, unchanged
    version: int
    display: str


class ValuesRefused(Exception):
    """Nothing was saved: ``problems`` says which rows were wrong and why."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


CONFIRM_IN_THE_FORM = "Tick the box if it is right"
CONFIRM_IN_THE_API = "Send the row again with “confirm”: true if it is right"


@dataclass
class _Checked:
    index: int
    indicator: object
    period: ReportingPeriod
    record: IndicatorRecord
    data: dict
    current: IndicatorValue | None


@transaction.atomic
def indicator_values_post(*, token: ApiToken, rows: list[dict]) -> list[RowSaved]:
    """Save many indicator values at once, all or nothing, as if each were typed into the value form.

    Each row is checked as the page checks it: the token may enter the indicator's value (it is in the
    token's part of the council, and the period is open, as for a manager of that part); the period is one
    the indicator is collected for, in its plan's years (``periods_for_values``); the value is read and
    checked by ``IndicatorValueForm`` (parsing, units, the typo guard with ``confirm``) and must fit what is
    stored. Only when every row is right are they saved, each by ``indicator_value_save`` (new version,
    audit trail under the token's name). A row whose value, reason and commentary are already stored
    changes nothing. Raises ``ValuesRefused`` naming each bad row; nothing is then saved."""
    tree = unit_tree()
    scope = Scope.of(token, tree)
    actor = Actor(
        user_id=token.service_user_id,
        managed_units=frozenset(tree.units) if scope.whole_council else scope.unit_ids,
    )
    settings = CouncilSettings.load()
    indicator_ids = {row["indicator"] for row in rows}
    indicators = {i.pk: i for i in indicator_for_page().filter(pk__in=indicator_ids)}
    periods = {(p.financial_year, p.kind, p.number): p for p in ReportingPeriod.objects.all()}
    allowed_periods: dict[tuple[int, str], list[ReportingPeriod]] = {}
    records: dict[int, IndicatorRecord] = {}
    problems: list[RowProblem] = []
    checked: list[_Checked] = []
    seen: dict[tuple[int, int], int] = {}

    for index, row in enumerate(rows):
        indicator = indicators.get(row["indicator"])
        unit_id = (indicator.section.unit_id or indicator.plan.unit_id) if indicator else None
        if indicator is None or not scope.covers(unit_id):
            problems.append(
                RowProblem(
                    index, "indicator", f"There is no indicator {row['indicator']} that this token can see."
                )
            )
            continue
        try:
            parsed = Period.parse(row["period"])
        except PeriodParseError as error:
            problems.append(RowProblem(index, "period", str(error)))
            continue
        period = periods.get((parsed.year.start_year, parsed.kind.value, parsed.number))
        if period is None:
            problems.append(RowProblem(index, "period", f"There is no reporting period {parsed.label}."))
            continue
        key = (indicator.plan_id, indicator.collection_frequency)
        if key not in allowed_periods:
            allowed_periods[key] = periods_for_values(indicator)
        period_problem = _period_problem(indicator, period, allowed_periods[key])
        if period_problem is None and not can_enter_value(actor, indicator, period):
            period_problem = f"This token cannot enter values for {period.label}."
        if period_problem:
            problems.append(RowProblem(index, "period", period_problem))
            continue
        if (indicator.pk, period.pk) in seen:
            problems.append(
                RowProblem(
                    index,
                    "period",
                    f"Row {seen[indicator.pk, period.pk]} is already for this indicator and {period.label}.",
                )
            )
            continue
        seen[indicator.pk, period.pk] = index
        if indicator.pk not in records:
            records[indicator.pk] = IndicatorRecord(
                indicator,
                default_tolerance=settings.default_tolerance_percent,
                same_tolerance=settings.same_tolerance_percent,
            )
        record = records[indicator.pk]
        current = record.values.get(period.period)
        target, _text, _tolerance = record.target(period.period)
        note = row.get("note")
        form = IndicatorValueForm(
            data={
                "value": row["value"],
                "no_data_reason": row.get("no_data_reason") or "",
                "note": (current.note if current else "") if note is None else note,
                "confirm": "on" if row.get("confirm") else "",
                "version": str(current.version if current else 0),
            },
            indicator=indicator,
            target=target,
            last_value=record.actual(period.period.previous()),
        )
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                for message in messages:
                    problems.append(
                        RowProblem(
                            index,
                            field_name if field_name != "__all__" else "value",
                            message.replace(CONFIRM_IN_THE_FORM, CONFIRM_IN_THE_API),
                        )
                    )
            continue
        bound = _bounds_problem(form.cleaned_data["number"])
        if bound:
            problems.append(RowProblem(index, "value", bound))
            continue
        checked.append(_Checked(index, indicator, period, record, form.cleaned_data, current))

    if problems:
        raise ValuesRefused(problems)

    saved_rows = []
    with refresh_deferred():  # each indicator judged once, after all its values are saved
        for row in checked:
            data, current = row.data, row.current
            reason = (
                "" if data["number"] is not None or data["text_value"] else data["no_data_reason"].strip()
            )
            if (
                current is not None
                and current.value == data["number"]
                and current.text_value == data["text_value"]
                and current.no_data_reason == reason
                and current.note == data["note"].strip()
            ):
                saved, outcome = current, "unchanged"
            else:
                try:
                    saved = indicator_value_save(
                        indicator=row.indicator,
                        period=row.period,
                        user=token.service_user,
                        value=data["number"],
                        text_value=data["text_value"],
                        no_data_reason=data["no_data_reason"],
                        note=data["note"],
                        seen_version=current.version if current else 0,
                    )
                except ValueConflict as conflict:
                    raise ValuesRefused(
                        [
                            RowProblem(
                                row.index,
                                "value",
                                "Someone else saved this value while the rows were being posted, so nothing "
                                "has been saved: post them again.",
                            )
                        ]
                    ) from conflict
                update_change_reason(saved, f"Posted through the API by “{token.name}”")
                outcome = "created" if current is None else "changed"
            saved_rows.append(
                RowSaved(
                    index=row.index,
                    indicator_id=row.indicator.pk,
                    period=row.period.label,
                    outcome=outcome,
                    version=saved.version,
                    display=saved.text_value
                    or (row.record.display(saved.value) if saved.value is not None else "n/a"),
                )
            )
    return saved_rows


def _period_problem(indicator, period: ReportingPeriod, allowed: list[ReportingPeriod]) -> str | None:
    """Why values cannot be posted for ``period`` (None when they can): the period must be open, of the
    kind the indicator is collected by, and within its plan's years (``periods_for_values``)."""
    if any(p.pk == period.pk for p in allowed):
        return None
    if period.state != ReportingPeriod.State.OPEN:
        return f"{period.label} is {period.get_state_display().lower()}: values can only be posted while a period is open."
    kind = period_kind_for(indicator.collection_frequency)
    if period.kind != kind:
        return (
            f"This indicator is collected {indicator.get_collection_frequency_display().lower()}: "
            f"post it for a {kind}, not a {period.kind}."
        )
    return f"{period.label} is outside the years of the indicator's plan ({indicator.plan.years_label})."


def _bounds_problem(number: Decimal | None) -> str | None:
    """The stored column's own limits (digits and decimal places), in words; None when it fits."""
    if number is None:
        return None
    try:
        IndicatorValue._meta.get_field("value").run_validators(number)
    except ValidationError as error:
        return " ".join(error.messages)
    return None
