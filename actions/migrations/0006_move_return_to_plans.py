"""The return now lives in plans (plans 0005): forget it here without dropping its tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_return_gaps_reason"),
        ("plans", "0005_move_return_to_plans"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="historicalreturn",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="historicalreturn",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalreturn",
                    name="officer",
                ),
                migrations.RemoveField(
                    model_name="historicalreturn",
                    name="period",
                ),
                migrations.RemoveField(
                    model_name="historicalreturn",
                    name="submitted_by",
                ),
                migrations.RemoveConstraint(
                    model_name="return",
                    name="one_return_per_officer_and_period",
                ),
                migrations.RemoveConstraint(
                    model_name="return",
                    name="sent_back_return_has_comment",
                ),
                migrations.DeleteModel(
                    name="HistoricalReturn",
                ),
                migrations.DeleteModel(
                    name="Return",
                ),
            ],
            database_operations=[],
        ),
    ]
