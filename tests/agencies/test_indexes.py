"""The agency list's search and paging use indexes on PostgreSQL at national scale (docs/benchmarks.md).

The plans are read with EXPLAIN after 20,000 agencies and ANALYZE, so the planner sees a realistic
table rather than an empty one (where a sequential scan is cheaper and proves nothing). The
queries are the list's own: AgencyFilterForm.filter builds them as the view does.
"""

import pytest
from django.db import connection

from agencies.forms import AgencyFilterForm
from agencies.models import Agency, Level
from tests.factories import region

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
    pytest.mark.django_db,
]


@pytest.fixture
def national_agencies():
    seats = [region(f"64.{n:02d}") for n in range(1, 11)]
    Agency.objects.bulk_create(
        (
            Agency(
                name=f"Dinas {seats[n % len(seats)].name} Nomor {n:05d}",
                short_name=f"DK {n}",
                region=seats[n % len(seats)],
                level=Level.REGENCY,
            )
            for n in range(20000)
        ),
        batch_size=2000,
    )
    samarinda = region("64.72")
    samarinda.name = "Kota Samarinda"
    samarinda.save()
    Agency.objects.bulk_create(
        Agency(name=f"Dinas Kota Nomor {n}", region=samarinda, level=Level.REGENCY) for n in range(20)
    )
    Agency.objects.create(name="Dinas Komunikasi dan Informatika Samarinda", region=region("64.02"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE agencies_agency")
        cursor.execute("ANALYZE agencies_region")


def listed(**data):
    form = AgencyFilterForm(data)
    return form.filter(Agency.objects.all())


def test_search_uses_the_trigram_indexes_not_a_scan_of_every_agency(national_agencies):
    text = listed(q="Samarinda").explain()

    assert "agency_name_trgm_idx" in text and "agency_short_name_trgm_idx" in text, text
    assert "Seq Scan on agencies_agency" not in text, text
    # By name, and by region name (the 20 agencies of Kota Samarinda).
    assert listed(q="samarinda").filter(name__contains="Informatika").exists()
    assert listed(q="samarinda").count() == 21


def test_list_order_is_read_from_the_name_index(national_agencies):
    first_page = listed()[:25].explain()
    last_page_backwards = listed().reverse()[:25].explain()

    for text in (first_page, last_page_backwards):
        assert "agency_name_id_idx" in text, text
        assert "Sort" not in text, text
