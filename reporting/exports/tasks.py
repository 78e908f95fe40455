"""Big list downloads in the background worker (``manage.py db_worker``), through Django's tasks framework."""

from django.tasks import task

from .worker import list_export_run


@task
def make_list_export(export_id: int) -> None:
    list_export_run(export_id=export_id)
