import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["region", "agency", "membership"])
def test_admin_changelists_search_and_filter(admin_client, model):
    membership = MembershipFactory(agency__name="DPMD Kukar", agency__region=region("64.02"))
    url = reverse(f"admin:agencies_{model}_changelist")
    response = admin_client.get(url, {"q": "64.02" if model == "region" else "Kukar"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    if model != "region":
        assert "DPMD Kukar" in response.content.decode()
    assert (
        admin_client.get(
            reverse(
                f"admin:agencies_{model}_change",
                args=[
                    {"region": "64.02", "agency": membership.agency.pk, "membership": membership.pk}[model]
                ],
            )
        ).status_code
        == 200
    )


def test_agency_admin_shows_history(admin_client):
    agency = MembershipFactory().agency
    response = admin_client.get(reverse("admin:agencies_agency_history", args=[agency.pk]))
    assert response.status_code == 200
