"""Rooms sized to one purpose (issue 12): no module of the product is over 800 lines, outside migrations,
tests and demo data. (The apps' one-way dependencies are kept by import-linter: ``make lint``/``make test``.)"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["serviceplans", "plans", "actions", "indicators", "risks", "reporting", "api", "opendata", "demo"]
LIMIT = 800


def product_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts or (parts[0] == "demo" and "data" in parts):
                continue
            yield path


def test_the_apps_are_all_there():
    assert all((ROOT / app / "__init__.py").exists() for app in APPS)


@pytest.mark.parametrize("path", list(product_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_800_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= LIMIT, f"{path.relative_to(ROOT)} has {lines} lines: split it by purpose"
