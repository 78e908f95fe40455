"""Committee papers keep their styling in production: with DEBUG off and WhiteNoise's manifest storage
(hashed file names, collected into STATIC_ROOT), the stylesheet still reaches WeasyPrint, so the paper is
the same as in development: same pages, same fonts, landscape annexes."""

import logging

import pytest
from django.core.management import call_command
from django.templatetags.static import static

from reporting.reports.committee import CommitteeReport
from reporting.reports.pdf import BASE_URL, static_name
from tests.builders import small_council

from .test_reports_support import make_report, pdf_reader

pytestmark = [pytest.mark.django_db, pytest.mark.one_run]  # static files and WeasyPrint, not the database

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in pdf_reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def landscape_pages(pdf: bytes) -> int:
    return sum(1 for page in pdf_reader(pdf).pages if page.mediabox.width > page.mediabox.height)


def use_production_static_files(settings, tmp_path):
    """Production's static files: collected with hashed names into a fresh STATIC_ROOT (Django's admin
    left out, for time)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": MANIFEST}}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", "--noinput", "--ignore", "admin", verbosity=0)
    return settings.STATIC_ROOT


@pytest.fixture
def production_static(settings, tmp_path):
    return use_production_static_files(settings, tmp_path)


def test_a_committee_paper_is_styled_the_same_under_production_static_files(settings, tmp_path, caplog):
    council = small_council(size=6)
    report = make_report(council)
    settings.DEBUG = True
    development = CommitteeReport.for_report(report).pdf()

    settings.DEBUG = False
    use_production_static_files(settings, tmp_path)
    assert static("reporting/paper.css") != "/static/reporting/paper.css"  # a hashed name, as in production
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        production = CommitteeReport.for_report(report).pdf()

    print(
        f"Committee paper: {len(pdf_reader(development).pages)} pages in development, "
        f"{len(pdf_reader(production).pages)} under production static files"
    )
    assert "Failed to load stylesheet" not in caplog.text
    assert len(pdf_reader(production).pages) == len(pdf_reader(development).pages)
    assert fonts(production) == fonts(development)
    assert any("Liberation-Sans" in name for name in fonts(production)), fonts(production)
    assert landscape_pages(production) == landscape_pages(development) > 0


def test_static_names_are_read_from_the_static_url_hashed_or_not(production_static):
    hashed = static("reporting/paper.css")

    assert static_name(BASE_URL.rstrip("/") + hashed) == hashed.removeprefix("/static/")
    assert static_name(f"{BASE_URL}static/reporting/paper.css?v=1") == "reporting/paper.css"
    assert static_name("https://elsewhere.example/static/reporting/paper.css") is None
    assert static_name(f"{BASE_URL}static/../settings.py") is None
    assert static_name(f"{BASE_URL}media/x.png") is None
