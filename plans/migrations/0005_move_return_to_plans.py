"""An officer's return moves from actions to plans, beside its state machine (plans.rules) and its
permissions. Only Django's picture of the models moves here: the tables stay as they are (renamed in
0006), so no row is touched."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_workflow"),
        ("actions", "0005_return_gaps_reason"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalReturn",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("not_started", "Not submitted"),
                                    ("submitted", "Submitted"),
                                    ("approved", "Approved"),
                                    ("sent_back", "Sent back"),
                                ],
                                default="not_started",
                                max_length=12,
                            ),
                        ),
                        ("submitted_at", models.DateTimeField(blank=True, null=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "comment",
                            models.TextField(
                                blank=True, help_text="The manager's reason for sending the return back."
                            ),
                        ),
                        (
                            "gaps_reason",
                            models.TextField(
                                blank=True,
                                help_text="The officer's reason, given when they submitted the return with something missing.",
                                verbose_name="why some updates or values are missing",
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "officer",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="plans.officer",
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="plans.reportingperiod",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical return",
                        "verbose_name_plural": "historical returns",
                        "db_table": "actions_historicalreturn",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Return",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("not_started", "Not submitted"),
                                    ("submitted", "Submitted"),
                                    ("approved", "Approved"),
                                    ("sent_back", "Sent back"),
                                ],
                                default="not_started",
                                max_length=12,
                            ),
                        ),
                        ("submitted_at", models.DateTimeField(blank=True, null=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "comment",
                            models.TextField(
                                blank=True, help_text="The manager's reason for sending the return back."
                            ),
                        ),
                        (
                            "gaps_reason",
                            models.TextField(
                                blank=True,
                                help_text="The officer's reason, given when they submitted the return with something missing.",
                                verbose_name="why some updates or values are missing",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "officer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="returns",
                                to="plans.officer",
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="returns",
                                to="plans.reportingperiod",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "actions_return",
                        "ordering": ["period__start_date", "officer__name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("officer", "period"), name="one_return_per_officer_and_period"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("state", "sent_back"), _negated=True),
                                    models.Q(("comment", ""), _negated=True),
                                    _connector="OR",
                                ),
                                name="sent_back_return_has_comment",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
