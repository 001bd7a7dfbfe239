import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.services import load_regions
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_region_browser_lists_the_38_provinces(organiser_client):
    load_regions()
    response = organiser_client.get(reverse("agencies:regions"))
    assert len(response.context["provinces"]) == 38
    page = response.content.decode()
    assert "Kalimantan Timur" in page and "Aceh" in page


def test_province_page_shows_regencies_and_agencies_seated_there(organiser_client):
    load_regions()
    AgencyFactory(name="Bappeda Provinsi Kalimantan Timur", region_id="64")
    AgencyFactory(name="DPMD Kukar", region_id="64.02")
    response = organiser_client.get(reverse("agencies:region", args=["64"]))
    page = response.content.decode()
    assert [c.code for c in response.context["children"]][:2] == ["64.01", "64.02"]
    assert "Kabupaten Kutai Kartanegara" in page and "Kota Samarinda" in page
    assert "Bappeda Provinsi Kalimantan Timur" in page
    assert "DPMD Kukar" not in page  # seated in the regency, shown on its page


def test_district_page_shows_villages_with_breadcrumb(organiser_client):
    load_regions()
    response = organiser_client.get(reverse("agencies:region", args=["64.01.01"]))
    page = response.content.decode()
    assert [a.code for a in response.context["ancestors"]] == ["64", "64.01"]
    assert "Samurangau" in page
    assert "Batu Sopang" in page


def test_coordinator_sees_only_their_agencies_in_the_region(client):
    load_regions()
    membership = MembershipFactory(agency__region_id="64.02", agency__name="DPMD Kukar")
    AgencyFactory(name="Dinas Lain", region_id="64.02")
    client.force_login(membership.user)
    page = client.get(reverse("agencies:region", args=["64.02"])).content.decode()
    assert "DPMD Kukar" in page and "Dinas Lain" not in page


def test_unknown_region_is_404(organiser_client):
    assert organiser_client.get(reverse("agencies:region", args=["99"])).status_code == 404


def test_region_pages_query_count_does_not_grow_with_agencies(organiser_client):
    load_regions()
    AgencyFactory(region_id="64.02")
    AgencyFactory(region_id="64")
    urls = [
        reverse("agencies:regions"),
        reverse("agencies:region", args=["64"]),
        reverse("agencies:region", args=["64.02"]),
    ]
    before = [count_queries(organiser_client, url)[0] for url in urls]
    for _ in range(30):
        MembershipFactory(agency=AgencyFactory(region_id="64.02"))
        AgencyFactory(region_id="64")
    after = [count_queries(organiser_client, url)[0] for url in urls]
    assert after == before
