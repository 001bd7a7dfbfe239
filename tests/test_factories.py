import pytest


@pytest.mark.django_db
def test_coordinator_fixture_belongs_to_one_agency_and_has_the_role(coordinator):
    assert coordinator.has_perm("meetings.coordinate")
    assert not coordinator.has_perm("meetings.manage")
    assert coordinator.memberships.get().agency.level == "regency"
