import pytest

from rakor import roles


@pytest.mark.django_db
def test_coordinator_fixture_belongs_to_one_agency_and_has_the_role(coordinator):
    assert roles.is_coordinator(coordinator)
    assert not roles.is_organiser(coordinator)
    assert coordinator.memberships.get().agency.level == "regency"
