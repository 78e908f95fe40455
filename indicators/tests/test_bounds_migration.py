"""The migration that bounds numbers repairs rows stored before (issue #11, finding 1): SQLite kept any
number, and one value of 10^16 made every page that read it fail."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicators.models import IndicatorValue, Target
from tests.builders import small_council

BEFORE = [("indicators", "0004_value_version")]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL never stored such a number")
@pytest.mark.django_db(transaction=True)
def test_the_bounds_migration_clears_numbers_too_big_and_says_so():
    council = small_council(size=1)
    value = IndicatorValue.objects.filter(period=council["q2"]).first()
    target = Target.objects.first()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE indicators_indicatorvalue SET value = 10000000000000000 WHERE id = %s", [value.pk]
            )
            cursor.execute(
                "UPDATE indicators_target SET value = -20000000000000000 WHERE id = %s", [target.pk]
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    value.refresh_from_db()
    target.refresh_from_db()
    assert value.value is None
    assert value.no_data_reason == "The value entered was too large to keep: enter it again."
    assert (target.value, target.text) == (None, "The target entered was too large to keep: enter it again.")
