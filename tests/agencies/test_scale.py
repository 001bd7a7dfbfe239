"""Agency pages run the same number of queries for 1 agency and for 1,000 (design: Budgets).

The agencies are made with bulk_create (level set by hand: bulk_create skips Agency.save), spread
over a province and ten of its regencies, some with a coordinator, so every column of the lists
has something to show.
"""

import itertools

import pytest
from django.urls import reverse

from agencies.forms import AgencyFilterForm
from agencies.models import Agency, Level, Membership
from tests.factories import UserFactory, region
from tests.querycount import assert_same_count, queries_of

pytestmark = pytest.mark.django_db
LARGE = 1000
_serial = itertools.count()


def bulk_agencies(count, province="64"):
    """``count`` agencies: one in ten in the province, the rest in its first ten regencies."""
    seats = [region(province)] + [region(f"{province}.{n:02d}") for n in range(1, 11)]
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Dinas Skala {province}-{next(_serial):05d}",
            short_name=f"DS {n}",
            region=seats[n % len(seats)],
            level=Level.PROVINCIAL if n % len(seats) == 0 else Level.REGENCY,
        )
        for n in range(count)
    )
    users = [UserFactory() for _index in range(min(count, 5))]
    Membership.objects.bulk_create(
        Membership(user=user, agency=agency) for user, agency in zip(users, agencies, strict=False)
    )
    return agencies






@pytest.mark.parametrize(
    "filters",
    [{}, {"page": "last"}, {"q": "Skala"}, {"tingkat": "provincial"}],
    ids=["all", "last-page", "search", "level"],
)
def test_agency_list_runs_the_same_queries_for_1_and_1000_agencies(organiser_client, filters):
    bulk_agencies(1)
    few = queries_of(organiser_client, reverse("agencies:list"), filters)

    bulk_agencies(LARGE - 1, province="65")
    many = queries_of(organiser_client, reverse("agencies:list"), filters, expect="Dinas Skala")

    assert_same_count(few, many)


def test_agency_list_pages_1000_agencies_25_at_a_time(organiser_client):
    bulk_agencies(LARGE)

    response = organiser_client.get(reverse("agencies:list"))

    assert response.context["paginator"].count == LARGE
    assert len(response.context["object_list"]) == 25
    assert "Dinas Skala 64-" in response.content.decode()


@pytest.mark.parametrize("code", ["64", "64.01"])
def test_region_page_runs_the_same_queries_for_1_and_1000_agencies(organiser_client, code):
    for n in range(1, 11):
        region(f"64.{n:02d}")  # the province's regencies, listed on its page in both cases
    Agency.objects.create(name="Dinas Satu-satunya", region=region(code))
    few = queries_of(organiser_client, reverse("agencies:region", args=[code]))

    bulk_agencies(LARGE)
    many = queries_of(organiser_client, reverse("agencies:region", args=[code]), expect="Dinas Skala")

    assert_same_count(few, many)


def test_region_list_runs_the_same_queries_for_1_and_1000_agencies(organiser_client):
    bulk_agencies(1)
    few = queries_of(organiser_client, reverse("agencies:regions"))

    bulk_agencies(LARGE, province="65")
    many = queries_of(organiser_client, reverse("agencies:regions"))

    assert_same_count(few, many)


def test_coordinator_agency_list_runs_the_same_queries_for_1_and_1000_memberships(client):
    """A coordinator sees only their agencies; the count holds however many they belong to."""
    small, large = UserFactory(), UserFactory()
    Membership.objects.create(user=small, agency=bulk_agencies(1)[0])
    Membership.objects.bulk_create(
        Membership(user=large, agency=agency) for agency in bulk_agencies(LARGE, province="65")
    )

    client.force_login(small)
    few = queries_of(client, reverse("agencies:list"))
    client.force_login(large)
    many = queries_of(client, reverse("agencies:list"), expect="Dinas Skala 65")

    assert_same_count(few, many)


@pytest.mark.parametrize("ordering", ["nama", "wilayah", "terbaru"])
def test_pages_past_the_middle_read_backwards_show_the_same_rows_as_reading_forwards(
    organiser_client, ordering
):
    """The list reads late pages from the end (FromEitherEndPaginator); rows and order must not change."""
    bulk_agencies(60)
    bulk_agencies(40, province="65")
    Agency.objects.bulk_create(
        Agency(name=f"Dinas Skala Pusat {n:02d}", level=Level.NATIONAL) for n in range(7)
    )  # no region: NULLs sort last ascending on PostgreSQL, first on SQLite; both must mirror
    for region_code in ("64", "64.01", "64.02", "65", "65.01"):  # equal names: ties broken by pk
        Agency.objects.filter(pk=Agency.objects.filter(region=region_code).order_by("pk")[0].pk).update(
            name="Dinas Kembar"
        )
    expected = list(
        Agency.objects.order_by(*AgencyFilterForm.ORDERINGS[ordering], "pk").values_list("pk", flat=True)
    )

    shown = []
    for page in range(1, 6):
        response = organiser_client.get(reverse("agencies:list"), {"urut": ordering, "page": page})
        shown += [agency.pk for agency in response.context["object_list"]]
    last = organiser_client.get(reverse("agencies:list"), {"urut": ordering, "page": "last"})

    assert shown == expected
    assert [agency.pk for agency in last.context["object_list"]] == expected[100:]
