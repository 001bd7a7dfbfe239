"""Agency staff pages: create/edit, bad input, permission matrix, history, query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from agencies.models import Agency, Level
from tests.factories import AgencyFactory, MembershipFactory, UserFactory, region

pytestmark = pytest.mark.django_db


def agency_data(**overrides):
    data = {
        "name": "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser",
        "short_name": "DPMD Paser",
        "region": "64.01",
        "address": "Jalan Jenderal Sudirman, Tana Paser",
        "phone": "0543 21000",
        "email": "dpmd@paserkab.go.id",
        "website": "",
        "head_name": "Budi Santoso",
        "head_title": "Kepala Dinas",
        "head_rank": "",
        "head_nip": "197001011990031001",
        "letterhead": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def regions(db):
    region("64.01")
    region("64.02")


# --- create and edit -------------------------------------------------------------------------------


def test_organiser_creates_agency_and_sees_it_on_its_page(organiser_client, regions):
    response = organiser_client.post(reverse("agencies:create"), agency_data(), follow=True)

    agency = Agency.objects.get(name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser")
    assert (agency.region_id, agency.level, agency.head_nip) == ("64.01", Level.REGENCY, "197001011990031001")
    assert response.redirect_chain[-1][0] == agency.get_absolute_url()
    page = response.content.decode()
    assert "DPMD Paser" in page and "dpmd@paserkab.go.id" in page and "Budi Santoso" in page


def test_national_agency_has_no_region_and_national_level(organiser_client, regions):
    organiser_client.post(
        reverse("agencies:create"), agency_data(name="Direktorat Jenderal Bina Pemerintahan Desa", region="")
    )
    agency = Agency.objects.get(name="Direktorat Jenderal Bina Pemerintahan Desa")
    assert (agency.region, agency.level) == (None, Level.NATIONAL)


def test_nip_typed_with_spaces_is_stored_as_digits(organiser_client, regions):
    organiser_client.post(reverse("agencies:create"), agency_data(head_nip="19700101 199003 1 001"))
    assert Agency.objects.get().head_nip == "197001011990031001"


def test_organiser_edits_agency(organiser_client, regions):
    agency = AgencyFactory(region=region("64.02"))
    response = organiser_client.post(
        reverse("agencies:update", args=[agency.pk]),
        agency_data(name=agency.name, region="64.02", phone="0541 661234"),
        follow=True,
    )
    agency.refresh_from_db()
    assert agency.phone == "0541 661234"
    assert "Perubahan pada" in response.content.decode()


def test_edit_form_shows_current_values(organiser_client, regions):
    agency = AgencyFactory(region=region("64.02"), head_name="Siti Aminah")
    page = organiser_client.get(reverse("agencies:update", args=[agency.pk])).content.decode()
    assert 'value="Siti Aminah"' in page
    assert '<option value="64.02" selected>' in page


# --- bad input --------------------------------------------------------------------------------------


def test_duplicate_name_in_same_region_case_insensitive_is_refused_at_the_name_field(
    organiser_client, regions
):
    AgencyFactory(name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser", region=region("64.01"))
    typed = agency_data(name="dinas pemberdayaan masyarakat dan desa kabupaten paser")

    response = organiser_client.post(reverse("agencies:create"), typed)

    assert Agency.objects.count() == 1
    form = response.context["form"]
    assert form.errors["name"] == ["Instansi dengan nama ini sudah ada di wilayah ini."]
    page = response.content.decode()
    assert "Instansi dengan nama ini sudah ada di wilayah ini." in page
    assert 'value="dinas pemberdayaan masyarakat dan desa kabupaten paser"' in page
    assert 'value="dpmd@paserkab.go.id"' in page  # the rest of what was typed stays too


def test_same_name_in_another_region_is_allowed(organiser_client, regions):
    AgencyFactory(name="Dinas Pemberdayaan Masyarakat dan Desa", region=region("64.01"))
    organiser_client.post(
        reverse("agencies:create"), agency_data(name="Dinas Pemberdayaan Masyarakat dan Desa", region="64.02")
    )
    assert Agency.objects.filter(name="Dinas Pemberdayaan Masyarakat dan Desa").count() == 2


def test_duplicate_national_name_is_refused(organiser_client, regions):
    AgencyFactory(name="Ditjen Bina Pemdes", region=None)
    response = organiser_client.post(
        reverse("agencies:create"), agency_data(name="DITJEN BINA PEMDES", region="")
    )
    assert response.context["form"].errors["name"] == ["Instansi pusat dengan nama ini sudah ada."]


def test_editing_an_agency_without_renaming_is_not_a_duplicate(organiser_client, regions):
    agency = AgencyFactory(name="DPMD Paser", region=region("64.01"))
    organiser_client.post(
        reverse("agencies:update", args=[agency.pk]), agency_data(name="DPMD Paser", head_name="Baru")
    )
    agency.refresh_from_db()
    assert agency.head_name == "Baru"


def test_invalid_email_is_a_field_error_and_typed_values_stay(organiser_client, regions):
    response = organiser_client.post(reverse("agencies:create"), agency_data(email="dpmd@paser"))

    assert not Agency.objects.exists()
    assert response.context["form"].errors["email"] == [
        "Masukkan alamat surel yang benar, mis. dpmd@kukarkab.go.id."
    ]
    page = response.content.decode()
    assert 'value="dpmd@paser"' in page
    assert 'value="Budi Santoso"' in page


def test_unknown_region_code_is_a_field_error(organiser_client, regions):
    response = organiser_client.post(reverse("agencies:create"), agency_data(region="99.99"))

    assert not Agency.objects.exists()
    assert response.context["form"].errors["region"] == ["Kode wilayah 99.99 tidak dikenal."]
    assert "Kode wilayah 99.99 tidak dikenal." in response.content.decode()
    assert 'value="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser"' in response.content.decode()


def test_village_code_is_not_a_seat_for_an_agency(organiser_client, regions):
    region("64.01.01")
    response = organiser_client.post(reverse("agencies:create"), agency_data(region="64.01.01"))
    assert response.context["form"].errors["region"] == ["Kode wilayah 64.01.01 tidak dikenal."]


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#1d4f91").save(buffer, format=image_format)
    return buffer.getvalue()


def test_a_real_png_logo_is_stored(organiser_client, regions):
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")

    organiser_client.post(reverse("agencies:create"), agency_data(logo=logo))

    assert Agency.objects.get().logo.name.endswith(".png")


def test_a_logo_other_than_png_or_jpeg_is_refused(organiser_client, regions):
    # Pillow (the ImageField) accepts a GIF; the shared upload check allows only PNG and JPEG.
    fake = SimpleUploadedFile("logo.png", image_bytes("GIF"), content_type="image/png")

    response = organiser_client.post(reverse("agencies:create"), agency_data(logo=fake))

    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == ["Logo harus berkas PNG atau JPEG yang asli."]
    assert not Agency.objects.exists()


@pytest.mark.parametrize("nip", ["12345", "19700101199003100A", "1970010119900310011"])
def test_nip_must_be_18_digits(organiser_client, regions, nip):
    response = organiser_client.post(reverse("agencies:create"), agency_data(head_nip=nip))

    assert not Agency.objects.exists()
    assert "NIP terdiri atas tepat 18 angka." in response.context["form"].errors["head_nip"][0] or (
        "paling banyak 18" in response.context["form"].errors["head_nip"][0]
    )
    assert f'value="{nip}"' in response.content.decode()


# --- permission matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args",
    [
        ("list", []),
        ("detail", [1]),
        ("create", []),
        ("update", [1]),
        ("import", []),
        ("regions", []),
        ("region", ["64"]),
    ],
)
def test_anonymous_goes_to_the_login_page(client, name, args):
    AgencyFactory(pk=1)
    url = reverse(f"agencies:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url


def test_anonymous_cannot_post_membership_changes(client):
    membership = MembershipFactory()
    response = client.post(reverse("agencies:membership_remove", args=[membership.pk]))
    assert response.url.startswith(reverse("login"))
    response = client.post(reverse("agencies:membership_add", args=[membership.agency.pk]), {"user": "x"})
    assert response.url.startswith(reverse("login"))
    assert membership.__class__.objects.count() == 1


def test_coordinator_lists_only_the_agencies_of_their_memberships(coordinator_client, coordinator):
    own = coordinator.memberships.get().agency
    other = AgencyFactory(name="Badan Lain Sekali")
    page = coordinator_client.get(reverse("agencies:list")).content.decode()
    assert own.name in page
    assert other.name not in page


def test_coordinator_sees_own_agency_but_not_its_history_or_member_form(coordinator_client, coordinator):
    own = coordinator.memberships.get().agency
    response = coordinator_client.get(reverse("agencies:detail", args=[own.pk]))
    page = response.content.decode()
    assert own.name in page and "koordinator" in page
    assert "Riwayat Perubahan" not in page
    assert "Tambah anggota" not in page


@pytest.mark.parametrize("name", ["detail", "update", "membership_add"])
def test_coordinator_of_another_agency_gets_404(coordinator_client, name):
    other = AgencyFactory()
    method = coordinator_client.post if name == "membership_add" else coordinator_client.get
    assert method(reverse(f"agencies:{name}", args=[other.pk])).status_code == 404


def test_coordinator_cannot_remove_another_agencys_member(coordinator_client):
    membership = MembershipFactory()
    response = coordinator_client.post(reverse("agencies:membership_remove", args=[membership.pk]))
    assert response.status_code == 404
    assert membership.__class__.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("name", ["create", "import"])
def test_coordinator_cannot_create_or_import(coordinator_client, name):
    assert coordinator_client.get(reverse(f"agencies:{name}")).status_code == 404


def test_coordinator_cannot_edit_own_agency(coordinator_client, coordinator):
    own = coordinator.memberships.get().agency
    response = coordinator_client.post(reverse("agencies:update", args=[own.pk]), agency_data(name="Diganti"))
    assert response.status_code == 404
    own.refresh_from_db()
    assert own.name != "Diganti"


def test_coordinator_cannot_manage_own_agencys_members(coordinator_client, coordinator):
    membership = coordinator.memberships.get()
    response = coordinator_client.post(reverse("agencies:membership_remove", args=[membership.pk]))
    assert response.status_code == 404
    assert membership.__class__.objects.filter(pk=membership.pk).exists()


def test_organiser_sees_every_agency_and_its_data(organiser_client):
    agency = AgencyFactory(
        name="Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau", head_name="Hj. Aminah"
    )
    list_page = organiser_client.get(reverse("agencies:list")).content.decode()
    detail_page = organiser_client.get(reverse("agencies:detail", args=[agency.pk])).content.decode()
    assert agency.name in list_page
    assert "Hj. Aminah" in detail_page and "Riwayat Perubahan" in detail_page
    assert organiser_client.get(reverse("agencies:create")).status_code == 200
    assert "Impor instansi" in organiser_client.get(reverse("agencies:import")).content.decode()


# --- list search and filters ------------------------------------------------------------------------------


def test_list_searches_name_short_name_and_region_name(organiser_client):
    kukar = region("64.02")
    kukar.name = "Kabupaten Kutai Kartanegara"
    kukar.save()
    a = AgencyFactory(
        name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai Kartanegara",
        short_name="DPMD Kukar",
        region=kukar,
    )
    b = AgencyFactory(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda", region=region("64"))

    def names(q):
        response = organiser_client.get(reverse("agencies:list"), {"q": q})
        return {agency.name for agency in response.context["object_list"]}

    assert names("kukar") == {a.name}
    assert names("BAPPEDA") == {b.name}
    assert names("kutai karta") == {a.name}


def test_list_filters_by_level_and_region(organiser_client):
    province = AgencyFactory(name="Prov", region=region("64"))
    regency = AgencyFactory(name="Kab", region=region("64.02"))
    other_province = AgencyFactory(name="Lain", region=region("63.01"))
    national = AgencyFactory(name="Pusat", region=None)

    def names(**params):
        response = organiser_client.get(reverse("agencies:list"), params)
        return {agency.name for agency in response.context["object_list"]}

    assert names(tingkat="national") == {national.name}
    assert names(tingkat="regency") == {regency.name, other_province.name}
    assert names(provinsi="64") == {province.name, regency.name}
    assert names(provinsi="64", kabkota="64.02") == {regency.name}
    page = organiser_client.get(reverse("agencies:list"), {"provinsi": "64"}).content.decode()
    assert "2 instansi ditemukan" in page


def test_regency_options_follow_the_province(organiser_client):
    region("64.02")
    region("63.01")
    page = organiser_client.get(reverse("agencies:regency_options"), {"provinsi": "64"}).content.decode()
    assert 'value="64.02"' in page and 'value="63.01"' not in page


# --- history ------------------------------------------------------------------------------------------------


def test_history_shows_who_changed_which_field(client, regions):
    editor = UserFactory(username="rina", first_name="Rina", last_name="Wulandari", roles=["Penyelenggara"])
    client.force_login(editor)
    agency = AgencyFactory(region=region("64.02"), phone="0541 111")
    client.post(
        reverse("agencies:update", args=[agency.pk]),
        agency_data(name=agency.name, region="64.02", phone="0541 999"),
    )

    response = client.get(reverse("agencies:detail", args=[agency.pk]))
    first = response.context["history"][0]
    assert first.user == editor
    assert str(first.action) == "Diubah"
    assert any(c.field == "telepon" and c.new == "0541 999" for c in first.changes)
    page = response.content.decode()
    assert "Riwayat Perubahan" in page and "Rina Wulandari" in page and "0541 999" in page


def test_history_lists_membership_changes(organiser_client):
    agency = AgencyFactory()
    member = UserFactory(username="budi")
    organiser_client.post(
        reverse("agencies:membership_add", args=[agency.pk]), {"user": "budi", "role": "staff"}
    )
    history = organiser_client.get(reverse("agencies:detail", args=[agency.pk])).context["history"]
    assert str(history[0].action) == "Anggota ditambahkan"
    assert "budi" in history[0].changes[0].new
    assert member.memberships.exists()


# --- query counts -------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_agencies(organiser_client):
    AgencyFactory(region=region("64.02"))
    one = _queries(organiser_client, reverse("agencies:list"))
    for _ in range(30):
        MembershipFactory(agency=AgencyFactory(region=region("64.02")))
    many = _queries(organiser_client, reverse("agencies:list"))
    assert many == one


def test_detail_query_count_does_not_grow_with_history_and_members(organiser_client):
    agency = AgencyFactory(region=region("64.02"))
    MembershipFactory(agency=agency)
    url = reverse("agencies:detail", args=[agency.pk])
    one = _queries(organiser_client, url)
    for i in range(30):
        agency.phone = f"0541 {i:04d}"
        agency.save()
        MembershipFactory(agency=agency)
    many = _queries(organiser_client, url)
    assert many == one
    assert len(organiser_client.get(url).context["history"]) == 50


def test_coordinator_list_query_count_does_not_grow(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    one = _queries(client, reverse("agencies:list"))
    for _ in range(30):
        MembershipFactory(user=membership.user)
    many = _queries(client, reverse("agencies:list"))
    assert many == one
