"""The plan workbook's Risks sheet: exported with the plan, imported all or nothing with clear errors."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from plans.models import Plan
from reporting.workbook.export import plan_workbook_bytes
from reporting.workbook.importer import plan_import
from risks.models import Risk
from risks.tests.factories import RiskFactory, RiskOwnerFactory
from tests.builders import small_council
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_risks():
    council = small_council(size=1)
    waste, parks = council["services"]
    risk = RiskFactory(
        unit=waste,
        plan=council["plan"],
        reference="W-01",
        title="Recycling income falls",
        cause="Prices fall",
        effect="Budget gap",
        controls="Price floor",
        current_likelihood=4,
        current_impact=4,
    )
    RiskOwnerFactory(risk=risk, officer=OfficerFactory(name="Alison Hardy"), order=0)
    RiskOwnerFactory(risk=risk, officer=OfficerFactory(name="Kevin Marsh"), order=1)
    risk.tasks.set([council["tasks"][0]])
    risk.indicators.set([council["indicators"][0]])
    closed = RiskFactory(
        unit=parks, reference="P-01", title="Old risk", status="closed", closed_reason="Passed"
    )
    RiskOwnerFactory(risk=closed, officer=OfficerFactory(name="Owen Price"))
    return council


def fields(risk):
    return (
        risk.title,
        risk.unit.name,
        risk.category.name,
        risk.cause,
        risk.effect,
        risk.controls,
        [link.officer.name for link in risk.risk_owners.all()],
        (risk.inherent_score, risk.current_likelihood, risk.current_impact, risk.target_score),
        risk.status,
        risk.closed_reason,
        [t.text for t in risk.tasks.all()],
        [i.name for i in risk.indicators.all()],
    )


def test_the_export_has_a_risks_sheet(plan_with_risks):
    sheet = load_workbook(BytesIO(plan_workbook_bytes(plan_with_risks["plan"])))["Risks"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["Reference"] for r in rows] == ["P-01", "W-01"]
    first = rows[1]
    assert (first["Section"], first["Owners"], first["Current likelihood"]) == (
        "Waste",
        "Alison Hardy / Kevin Marsh",
        4,
    )
    assert first["Task IDs"] == str(plan_with_risks["tasks"][0].pk)
    assert rows[0]["Status"] == "Closed" and rows[0]["Reason closed"] == "Passed"


def test_export_then_import_carries_the_risks(plan_with_risks):
    plan = plan_with_risks["plan"]
    before = {risk.reference: fields(risk) for risk in Risk.objects.all()}
    data = plan_workbook_bytes(plan)
    Risk.objects.all().delete()
    plan.delete()

    result = plan_import(workbook_bytes=data)

    assert result.ok, result.errors
    assert dict(result.count_rows())["Risks"] == 2
    imported = Plan.objects.get()
    after = {risk.reference: fields(risk) for risk in Risk.objects.all()}
    assert after == before
    assert set(Risk.objects.values_list("plan", flat=True)) == {imported.pk}
    assert Risk.objects.get(reference="W-01").tasks.get().plan == imported


def test_a_reference_already_in_the_register_is_imported_with_a_number_and_a_warning(plan_with_risks):
    result = plan_import(workbook_bytes=plan_workbook_bytes(plan_with_risks["plan"]))
    assert result.ok, result.errors
    assert Risk.objects.filter(reference="W-01 (2)").exists()
    assert any("imported as “W-01 (2)”" in w.reason and w.sheet == "Risks" for w in result.warnings)


def test_bad_rows_are_errors_with_their_place_and_nothing_is_written(plan_with_risks):
    data = plan_workbook_bytes(plan_with_risks["plan"])
    book = load_workbook(BytesIO(data))
    sheet = book["Risks"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    sheet.cell(row=2, column=col["Category"], value="Gardening")
    sheet.cell(row=2, column=col["Current impact"], value=6)
    sheet.cell(row=2, column=col["Reason closed"], value="")
    sheet.cell(row=3, column=col["Reference"], value="P-01")  # now repeats row 2's reference
    sheet.cell(row=3, column=col["Owners"], value="")
    sheet.cell(row=3, column=col["Task IDs"], value="99999")
    sheet.cell(row=3, column=col["Review date"], value="soon")
    buffer = BytesIO()
    book.save(buffer)
    plans, risks = Plan.objects.count(), Risk.objects.count()

    result = plan_import(workbook_bytes=buffer.getvalue())

    assert not result.ok
    found = {(p.sheet, p.row, p.reason.split(":")[0].split(".")[0]) for p in result.errors}
    assert ("Risks", 2, "The category must be one of") in found
    assert ("Risks", 2, "Current impact must be a whole number from 1 to 5 (the council's matrix)") in found
    assert ("Risks", 2, "A closed risk needs the reason it was closed") in found
    assert ("Risks", 3, "This reference is already used on row 2") in found
    assert ("Risks", 3, "Name at least one owner") in found
    assert ("Risks", 3, "There is no row with the ID 99999 on the Tasks sheet") in found
    assert ("Risks", 3, "The review date must be a date like 31/03/2027") in found
    assert all(p.column for p in result.errors if p.sheet == "Risks")
    assert (Plan.objects.count(), Risk.objects.count()) == (plans, risks)
