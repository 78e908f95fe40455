"""The return's tables take plans' names, and its content type (so its permissions, admin history and
audit entries) follows it from actions to plans."""

from django.db import migrations

MOVED = ["return", "historicalreturn"]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label="plans", model=model).exists():
            content_type.objects.filter(app_label="actions", model=model).update(app_label="plans")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label="actions", model=model).exists():
            content_type.objects.filter(app_label="plans", model=model).update(app_label="actions")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_move_return_to_plans"),
        ("actions", "0006_move_return_to_plans"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="historicalreturn", table=None),
        migrations.AlterModelTable(name="return", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
