"""The Indicators and Actuals sheets: a key performance measure per row with its annual targets, and an
actual per measure and period."""

from __future__ import annotations

import re
from decimal import InvalidOperation

from indicators.models import Indicator
from indicators.values import (
    VALUE_DECIMAL_PLACES,
    VALUE_LIMIT,
    ParsedValue,
    infer_unit,
    parse_value,
    round_half_up,
    value_problem,
)
from serviceplans.periods import FinancialYear, Period, PeriodParseError

from .columns import ACTUAL_COLUMNS, INDICATOR_COLUMNS, STANDARD_FRAMEWORKS
from .interpreter import Interpreter
from .reader import Row, Sheet, cell_text, column_letter
from .rows import ActualRow, IndicatorRow
from .wording import header_key, split_officers

__all__ = ["parse_actuals", "parse_indicators"]

NOT_A_MARK = {"", "no", "n", "0", "false"}

POLARITIES = {
    "": Indicator.Polarity.HIGHER,
    "higher": Indicator.Polarity.HIGHER,
    "higherisbetter": Indicator.Polarity.HIGHER,
    "high": Indicator.Polarity.HIGHER,
    "lower": Indicator.Polarity.LOWER,
    "lowerisbetter": Indicator.Polarity.LOWER,
    "low": Indicator.Polarity.LOWER,
    "closest": Indicator.Polarity.CLOSEST,
    "closesttotargetisbest": Indicator.Polarity.CLOSEST,
    "closesttotarget": Indicator.Polarity.CLOSEST,
}
UNITS = {
    "percent": Indicator.Unit.PERCENT,
    "percentage": Indicator.Unit.PERCENT,
    "number": Indicator.Unit.NUMBER,
    "count": Indicator.Unit.NUMBER,
    "money": Indicator.Unit.MONEY,
    "pounds": Indicator.Unit.MONEY,
    "days": Indicator.Unit.DAYS,
    "day": Indicator.Unit.DAYS,
    "ratio": Indicator.Unit.RATIO,
    "text": Indicator.Unit.TEXT,
    "words": Indicator.Unit.TEXT,
}


def parse_indicators(reading: Interpreter, sheet: Sheet) -> None:
    """Read the Indicators sheet into ``reading.data.indicators``: frameworks from their X columns or a
    Frameworks list, annual targets from the year columns, the unit and decimal places from the values when
    not given. Remembers each row's ID for the Actuals and Risks sheets."""
    first_year = reading.data.first_year
    plan_years = range(first_year, first_year + reading.data.years)
    year_columns: dict[int, int] = {}  # column -> financial year
    framework_columns: dict[int, str] = {}  # column -> framework key
    outside: dict[int, str] = {}  # year columns outside the plan's years

    def other(column: int, header: str) -> bool:
        key = header_key(header)
        if key in reading.known_frameworks or key in STANDARD_FRAMEWORKS:
            framework_columns[column] = key
            return True
        if re.fullmatch(r"\s*\d{2,4}\s*[/\-\u2013]\s*\d{1,4}\s*", header):
            try:
                year = FinancialYear.parse(header).start_year
            except (PeriodParseError, ValueError):
                return False
            if year not in plan_years:
                outside[column] = header
            year_columns[column] = year
            return True
        return False

    columns = reading.columns(sheet, INDICATOR_COLUMNS, other)
    if columns is None:
        return
    seen: dict[tuple[str, str], int] = {}
    ids: dict[str, int] = {}

    def cell(row: Row, key: str) -> str:
        return cell_text(row.values.get(columns[key])) if key in columns else ""

    for row in sheet.rows:
        section = reading.section(sheet, row, columns["section"], register=True)
        name = cell(row, "name")
        if not name:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["name"]),
                "",
                "The key performance measure is required.",
            )
        if section is None or not name:
            continue
        reading.limited(sheet, row, column_letter(columns["name"]), name, 400)
        reference = reading.limited(
            sheet, row, column_letter(columns.get("reference", 0)), cell(row, "reference"), 40
        )
        row_id = cell(row, "id")
        reading.note_identity(
            sheet, row, columns, "name", row_id, (section, name), len(reading.data.indicators), ids, seen
        )

        frameworks: list[str] = []
        for column, framework in framework_columns.items():
            mark = cell_text(row.values.get(column))
            if mark.lower() not in NOT_A_MARK and framework not in frameworks:
                frameworks.append(framework)
        for code in re.split(r"[,;/\n]+", cell(row, "frameworks")):
            framework = header_key(code)
            if not framework:
                continue
            if framework in reading.known_frameworks or framework in STANDARD_FRAMEWORKS:
                if framework not in frameworks:
                    frameworks.append(framework)
            else:
                reading.warn(
                    sheet,
                    row.number,
                    column_letter(columns["frameworks"]),
                    code.strip(),
                    "No framework has this code: it is ignored.",
                )

        polarity_text = cell(row, "polarity")
        polarity = POLARITIES.get(header_key(polarity_text))
        if polarity is None:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["polarity"]),
                polarity_text,
                "Polarity must be “Higher is better”, “Lower is better” or “Closest to target is best”.",
            )
        tolerance = None
        tolerance_cell = row.values.get(columns["tolerance"]) if "tolerance" in columns else None
        if tolerance_cell is not None:
            parsed = parse_value(tolerance_cell)
            if not parsed.is_number or parsed.number < 0 or parsed.number >= 10_000:
                reading.error(
                    sheet,
                    row.number,
                    column_letter(columns["tolerance"]),
                    tolerance_cell,
                    "The tolerance must be a percentage of the target, such as 2.5%.",
                )
            else:
                tolerance = round(parsed.number, 2)

        targets: dict[int, ParsedValue] = {}
        samples: list[object] = []
        if "last_target" in columns:
            targets[first_year - 1] = parse_value(row.values.get(columns["last_target"]))
            samples.append(row.values.get(columns["last_target"]))
        for column, year in year_columns.items():
            targets[year] = parse_value(row.values.get(column))
            samples.append(row.values.get(column))
        last_actual = None
        if "last_actual" in columns and row.values.get(columns["last_actual"]) is not None:
            last_actual = parse_value(row.values.get(columns["last_actual"]))
            samples.append(row.values.get(columns["last_actual"]))
            if last_actual.is_none:
                last_actual = None  # "N/A", "-": nothing to record

        unit_text = cell(row, "unit")
        if unit_text:
            unit = UNITS.get(
                "percent" if unit_text.strip() == "%" else "money" if unit_text.strip() == "£" else None
            ) or UNITS.get(_unit_key(unit_text))
            if unit is None:
                reading.error(
                    sheet,
                    row.number,
                    column_letter(columns["unit"]),
                    unit_text,
                    "The unit must be %, number, £, days, ratio or text.",
                )
                unit = Indicator.Unit.NUMBER
        else:
            unit = str(infer_unit(samples))
        if unit == Indicator.Unit.TEXT:
            targets = {year: parse_value(value.text or value.number, unit) for year, value in targets.items()}
        decimals_text = cell(row, "decimals")
        if decimals_text:
            if decimals_text in {"0", "1", "2", "3", "4"}:
                decimal_places = int(decimals_text)
            else:
                reading.error(
                    sheet,
                    row.number,
                    column_letter(columns["decimals"]),
                    decimals_text,
                    "Decimal places must be 0 to 4.",
                )
                decimal_places = 0
        else:
            decimal_places = _decimal_places([*targets.values(), last_actual])
        for year, value in targets.items():
            if value.is_number and abs(value.number) >= VALUE_LIMIT:
                reading.error(
                    sheet,
                    row.number,
                    "",
                    value.number,
                    f"The {year} target: {value_problem(value.number)}.",
                )
            if value.is_text and len(value.text) > 300:
                reading.error(
                    sheet, row.number, "", value.text, f"The {year} target is more than 300 characters."
                )
        officers = split_officers(cell(row, "officers"))
        if officers.warning:
            reading.warn(
                sheet, row.number, column_letter(columns["officers"]), officers.note, officers.warning
            )
        reading.check_names(sheet, row, columns.get("officers"), officers)
        reading.data.indicators.append(
            IndicatorRow(
                row=row.number,
                id=row_id,
                section=section,
                name=name,
                reference=reference,
                frameworks=frameworks,
                officers=officers,
                unit=unit,
                decimal_places=decimal_places,
                polarity=polarity or Indicator.Polarity.HIGHER,
                tolerance=tolerance,
                targets=targets,
                last_actual=last_actual,
            )
        )
    reading.indicator_ids = ids
    for column, header in outside.items():
        if any(row.values.get(column) is not None for row in sheet.rows):
            reading.warn(
                sheet,
                sheet.header_row,
                column_letter(column),
                header,
                "This year is outside the plan's years: its targets are imported all the same.",
            )


def parse_actuals(reading: Interpreter, sheet: Sheet) -> None:
    """Read the Actuals sheet into ``reading.data.actuals``: one value per measure and period."""
    columns = reading.columns(sheet, ACTUAL_COLUMNS)
    if columns is None:
        return
    seen: dict[tuple[int, Period], int] = {}
    for row in sheet.rows:
        indicator = reading.match(
            sheet,
            row,
            columns,
            "name",
            reading.data.indicators,
            reading.indicator_ids,
            "measure",
        )
        period = reading.period(sheet, row, columns["period"])
        if indicator is None or period is None:
            continue
        unit = reading.data.indicators[indicator].unit
        actual_cell = row.values.get(columns["actual"])
        value = parse_value(actual_cell, unit)
        no_data = cell_text(row.values.get(columns["no_data"])) if "no_data" in columns else ""
        commentary = cell_text(row.values.get(columns["commentary"])) if "commentary" in columns else ""
        if value.is_number and abs(value.number) >= VALUE_LIMIT:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["actual"]),
                actual_cell,
                f"{value_problem(value.number)}.",
            )
            continue
        if value.is_number and value_problem(value.number):
            # More decimal places than are kept (often a spreadsheet's arithmetic): kept rounded, with a word.
            reading.warn(
                sheet,
                row.number,
                column_letter(columns["actual"]),
                actual_cell,
                f"Kept to {VALUE_DECIMAL_PLACES} decimal places, as "
                f"{round_half_up(value.number, VALUE_DECIMAL_PLACES):f}.",
            )
        if value.is_text and unit != Indicator.Unit.TEXT:
            reading.warn(
                sheet,
                row.number,
                column_letter(columns["actual"]),
                actual_cell,
                "This is not a number: it is recorded as the reason there is no value.",
            )
            no_data = no_data or value.text
            value = parse_value(None)
        if value.is_none and not no_data:
            no_data = cell_text(actual_cell) or "Not reported"
        if len(no_data) > 300 or len(value.text) > 300:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["actual"]),
                actual_cell,
                "This is more than 300 characters.",
            )
            continue
        if (indicator, period) in seen:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["period"]),
                period.label,
                f"Row {seen[(indicator, period)]} already gives this measure's actual for this period.",
            )
            continue
        last_year = FinancialYear(reading.data.first_year - 1).period() if reading.data.first_year else None
        if period == last_year and reading.data.indicators[indicator].last_actual is not None:
            reading.error(
                sheet,
                row.number,
                column_letter(columns["period"]),
                period.label,
                "The Indicators sheet already gives this measure's last year actual.",
            )
            continue
        seen[(indicator, period)] = row.number
        reading.data.actuals.append(ActualRow(row.number, indicator, period, value, no_data, commentary))


def _unit_key(text: str) -> str:
    key = header_key(text)
    for word in ("percentage", "percent", "money", "number", "days", "ratio", "text"):
        if key.startswith(word):
            return word
    return key


def _decimal_places(values: list[ParsedValue | None]) -> int:
    places = 0
    for value in values:
        if value is not None and value.is_number:
            try:
                exponent = value.number.normalize().as_tuple().exponent
            except InvalidOperation:  # pragma: no cover - defensive
                continue
            if isinstance(exponent, int) and exponent < 0:
                places = max(places, -exponent)
    return min(places, 4)
