import pytest

from agencies.models import Region
from agencies.services import load_regions


@pytest.mark.django_db
def test_region_loader_loads_provinces_regencies_and_kaltim_villages():
    load_regions()
    assert Region.objects.filter(kind=Region.Kind.PROVINCE).count() == 38
    assert Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).count() == 514
    kaltim = Region.objects.filter(parent_id="64").order_by("code")
    assert list(kaltim.values_list("code", flat=True)) == [
        "64.01",
        "64.02",
        "64.03",
        "64.07",
        "64.08",
        "64.09",
        "64.11",
        "64.71",
        "64.72",
        "64.74",
    ]
    assert Region.objects.filter(kind=Region.Kind.DISTRICT, code__startswith="64.").count() == 105
    assert Region.objects.filter(kind__in=["desa", "kelurahan"], code__startswith="64.").count() == 1038


@pytest.mark.django_db
def test_region_loader_is_idempotent_and_repairs_renamed_rows():
    load_regions()
    Region.objects.filter(code="64.72").update(name="Renamed")
    load_regions()
    assert Region.objects.get(code="64.72").name == "Kota Samarinda"
    assert Region.objects.count() == 38 + 514 + 105 + 1038
