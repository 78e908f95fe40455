import pytest

from plans.selectors import unit_tree
from tests.factories import OrganisationUnitFactory

pytestmark = pytest.mark.django_db


def test_unit_tree_finds_every_unit_beneath_one_in_a_single_query(django_assert_num_queries):
    council = OrganisationUnitFactory(kind="council")
    resources = OrganisationUnitFactory(parent=council, kind="directorate")
    finance = OrganisationUnitFactory(parent=resources, kind="division")
    payroll = OrganisationUnitFactory(parent=finance, kind="team")
    environment = OrganisationUnitFactory(parent=council, kind="directorate")

    with django_assert_num_queries(1):
        tree = unit_tree()

    assert tree.descendant_ids(resources.pk) == {resources.pk, finance.pk, payroll.pk}
    assert tree.descendant_ids(environment.pk) == {environment.pk}
    assert [u.pk for u in tree.ancestors(payroll.pk)] == [council.pk, resources.pk, finance.pk]
    assert tree.rolled_up_to(payroll.pk, among=[resources.pk, environment.pk]) == resources.pk
    assert tree.rolled_up_to(council.pk, among=[resources.pk, environment.pk]) is None
    # The same for every unit at once: each beneath one of them (or it) mapped to it; the council to none.
    assert tree.rolled_up([resources.pk, environment.pk]) == {
        resources.pk: resources.pk,
        finance.pk: resources.pk,
        payroll.pk: resources.pk,
        environment.pk: environment.pk,
    }
    assert [u.pk for u in tree.roots()] == [council.pk]
