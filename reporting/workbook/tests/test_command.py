import pytest
from django.core.management import CommandError, call_command

from plans.models import Plan

from .helpers import good_workbook, sheets, task, workbook_bytes

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_the_summary(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(good_workbook(tasks=[task(), task(text="Other", **{"Due Date": "Soon"})]))

    out, _ = run(str(path))

    lines = out.splitlines()
    assert lines[0] == "Plan: chief-executives-directorate-2007-2010"
    for line in ["Sections: 1", "Objectives: 1", "Tasks: 2", "Milestones: 0", "Indicators: 1", "Targets: 4"]:
        assert line in lines
    assert "Officers created: 2" in lines
    assert "Progress updates: 0" in lines and "Values: 1" in lines
    assert "Warnings: 1" in lines
    assert any("No date found" in line and "row 3" in line for line in lines)
    assert Plan.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(good_workbook())

    out, _ = run(str(path), "--dry-run")

    assert out.splitlines()[0] == "Plan: chief-executives-directorate-2007-2010"
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert "Tasks: 1" in out
    assert not Plan.objects.exists()


def test_errors_are_printed_and_the_command_fails(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(sheets(tasks=[task(Category="Gardening")])))

    with pytest.raises(CommandError, match="1 error"):
        run(str(path))

    assert not Plan.objects.exists()


def test_error_output_names_sheet_row_column_value_and_reason(tmp_path, capsys):
    from io import StringIO

    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(sheets(tasks=[task(Category="Gardening")])))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), stdout=StringIO(), stderr=err)
    assert "Error: Sheet Tasks, row 2, column B: The category must be" in err.getvalue()
    assert "(value “Gardening”)" in err.getvalue()


def test_a_missing_file_fails(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "missing.xlsx"))


def test_exit_code_is_non_zero(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"Section,Task\n")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_plan", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'own.sqlite3'}"},
    )
    assert completed.returncode != 0
    assert "CSV" in completed.stderr
