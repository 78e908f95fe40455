"""The look shared by the blank template and the export: shaded, frozen headers, column widths and
drop-down lists. The cells are written by the shared xlsx writer (:mod:`serviceplans.xlsx`); the headers
and widths come from :mod:`.columns`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from actions.models import ProgressStatus, Task
from indicators.models import Indicator
from plans.models import Plan
from serviceplans import xlsx

from .columns import Column, width_of

#: The drop-down lists: the words the importer reads for each choice.
CATEGORY_CHOICES = [label for _, label in Task.Category.choices]
POLARITY_CHOICES = [label for _, label in Indicator.Polarity.choices]
STATUS_CHOICES = [label for _, label in ProgressStatus.choices]
FREQUENCY_CHOICES = [label for _, label in Plan.Frequency.choices]
YEARS_CHOICES = ["1", "2", "3"]
#: How a unit is written in the Unit column (and offered in its drop-down list).
UNIT_WORDS = {
    Indicator.Unit.PERCENT: "%",
    Indicator.Unit.NUMBER: "Number",
    Indicator.Unit.MONEY: "£",
    Indicator.Unit.DAYS: "Days",
    Indicator.Unit.RATIO: "Ratio",
    Indicator.Unit.TEXT: "Text",
}
UNIT_CHOICES = list(UNIT_WORDS.values())

HEADER_FILL = "F3F2F1"  # GOV.UK light grey
COMPUTED_FILL = "E8F1F8"  # light blue: a column the export works out, which the importer ignores


def write_table(
    sheet, headers: Sequence[str], rows: Iterable[Sequence[object]], *, columns: Sequence[Column] = ()
) -> int:
    """The header row (bold, shaded, frozen, filtered) and the rows, written by the shared xlsx writer
    (:func:`serviceplans.xlsx.sheet_fill`: text stays text, real numbers and dates). ``columns`` give the
    widths of the headers they name and shade the computed ones. Returns the number of rows."""
    specs = {column.name: column for column in columns}
    return xlsx.sheet_fill(
        sheet,
        columns=[
            xlsx.Column(
                header,
                width=width_of(header, columns),
                header_fill=COMPUTED_FILL if header in specs and specs[header].computed else HEADER_FILL,
            )
            for header in headers
        ],
        rows=rows,
    )


def add_choices(
    sheet, header: str, headers: Sequence[str], choices: Sequence[str], *, rows: int = 2000, ref: str = ""
) -> None:
    """A drop-down list of ``choices`` for the column headed ``header`` (rows 2 to ``rows``), or for the
    cells ``ref`` when given."""
    if not ref:
        if header not in headers:
            return
        letter = get_column_letter(list(headers).index(header) + 1)
        ref = f"{letter}2:{letter}{rows}"
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choice.replace(",", " ") for choice in choices) + '"',
        allow_blank=True,
        showDropDown=False,  # openpyxl's name is inverted: False shows the in-cell arrow
        showErrorMessage=True,
        errorTitle=f"{header} not recognised"[:32],
        error=f"Choose one of: {', '.join(choices)}."[:255],
        promptTitle=header[:32],
        prompt=f"Choose from the list: {', '.join(choices)}."[:255],
        showInputMessage=True,
    )
    validation.add(ref)
    sheet.add_data_validation(validation)
