"""Checking and importing uploaded workbooks in the background worker (``manage.py db_worker``), through
Django's tasks framework, like big PDFs (see reporting/reports/tasks.py). A 9,000-row workbook takes
longer than a web request should."""

from django.tasks import task

from .worker import workbook_check_run, workbook_import_run


@task
def check_workbook(import_id: int) -> None:
    workbook_check_run(import_id=import_id)


@task
def import_workbook(import_id: int) -> None:
    workbook_import_run(import_id=import_id)
