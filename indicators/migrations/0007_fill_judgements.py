"""Judge every existing indicator once, filling the new ``Judgement`` table.

This uses the live judging code (the rules are code, not schema), and only when there are indicators: a new
database has none, so it never runs against a schema older than the code. Should it ever fail on an old
database, migrate with it faked and run ``manage.py judgements_refresh`` afterwards.
"""

from django.db import migrations


def fill(apps, schema_editor):
    if not apps.get_model("indicators", "Indicator").objects.exists():
        return
    from indicators.judgements import refresh_all

    refresh_all()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0006_judgements"),
        ("plans", "0006_return_tables"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
