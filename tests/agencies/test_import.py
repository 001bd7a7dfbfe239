"""Importing agencies from CSV/XLSX: preview, confirm, all or nothing, row errors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agencies.imports import COLUMNS
from agencies.models import Agency
from agencies.services import ImportRejected, import_agencies
from tests.factories import AgencyFactory, region

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
PASER = "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser,DPMD Paser,64.01,Jl. Sudirman,0543 1,dpmd@paser.go.id,Budi,Kepala Dinas,197001011990031001"  # noqa: E501
BERAU = "Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau,DPMK Berau,64.03,,,,,,"
PUSAT = "Direktorat Jenderal Bina Pemerintahan Desa,Ditjen Bina Pemdes,,,,,,,"


@pytest.fixture(autouse=True)
def regions(db):
    for code in ["64", "64.01", "64.03"]:
        region(code)


def csv_file(*lines, name="instansi.csv"):
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="instansi.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, file):
    return client.post(reverse("agencies:import"), {"file": file})


def confirm(client, response):
    return client.post(
        reverse("agencies:import"), {"confirm": "1", "token": response.context["token"]}, follow=True
    )


def test_csv_import_previews_then_creates_and_updates_on_confirm(organiser_client):
    existing = AgencyFactory(
        name="Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau", region=region("64.03")
    )
    response = upload(
        organiser_client, csv_file(HEADER, PASER, BERAU.upper().replace("64.03", "64.03"), PUSAT)
    )

    # Nothing is written by the preview.
    assert Agency.objects.count() == 1
    page = response.content.decode()
    assert "Akan dibuat 2 instansi baru, 1 diperbarui" in page
    assert "DPMD Paser" in page and "Baru" in page and "Diperbarui" in page
    assert "instansi.csv" in page

    response = confirm(organiser_client, response)

    assert Agency.objects.count() == 3
    paser = Agency.objects.get(short_name="DPMD Paser")
    assert (paser.region_id, paser.email, paser.head_nip) == (
        "64.01",
        "dpmd@paser.go.id",
        "197001011990031001",
    )
    assert Agency.objects.get(short_name="Ditjen Bina Pemdes").region is None
    existing.refresh_from_db()
    assert existing.short_name == "DPMK BERAU"  # matched by name (any case) and region, then updated
    assert "Impor selesai: 2 instansi baru, 1 diperbarui" in response.content.decode()
    assert "agencies_import" not in organiser_client.session


def test_semicolon_csv_from_indonesian_excel_is_read(organiser_client):
    response = upload(
        organiser_client, csv_file("nama;kode_wilayah", "Bappeda Kaltim;64", "Bappeda Paser;64.01")
    )
    confirm(organiser_client, response)
    assert set(Agency.objects.values_list("name", flat=True)) == {"Bappeda Kaltim", "Bappeda Paser"}


def test_xlsx_import_creates_agencies_with_numeric_cells_kept_as_text(organiser_client):
    file = xlsx_file(
        [
            ["Nama", "Kode_Wilayah", "NIP_Kepala", "surel"],
            ["DPMD Paser", "64.01", "197001011990031001", "dpmd@paser.go.id"],
            ["Bappeda Provinsi", 64, None, None],
        ]
    )
    response = upload(organiser_client, file)
    assert "Akan dibuat 2 instansi baru" in response.content.decode()

    confirm(organiser_client, response)

    assert Agency.objects.get(name="DPMD Paser").head_nip == "197001011990031001"
    assert Agency.objects.get(name="Bappeda Provinsi").region_id == "64"


def test_nip_stored_as_a_number_in_excel_is_a_row_error(organiser_client):
    # Excel keeps 15 significant digits: an 18-digit NIP typed into a number cell is already damaged.
    file = xlsx_file([["nama", "kode_wilayah", "nip_kepala"], ["DPMD Paser", "64.01", 197001011990031001]])
    response = upload(organiser_client, file)
    assert response.context["plan"].errors == [
        "Baris 2: nip_kepala tersimpan sebagai angka di Excel sehingga digit akhirnya bisa berubah; "
        "format kolom itu sebagai Teks lalu ketik ulang."
    ]
    assert not Agency.objects.exists()


def test_missing_required_columns_are_named_and_nothing_is_imported(organiser_client):
    response = upload(organiser_client, csv_file("nama_singkat,alamat", "DPMD,Jalan"))

    assert response.status_code == 422
    assert "Kolom wajib tidak ada: nama, kode_wilayah. Tidak ada yang diimpor." in response.content.decode()
    assert not Agency.objects.exists()
    assert "agencies_import" not in organiser_client.session


def test_bad_rows_are_listed_and_nothing_is_imported(organiser_client):
    response = upload(
        organiser_client,
        csv_file(
            HEADER,
            PASER,
            "Dinas Fiktif,DF,99.99,,,,,,",
            "Dinas Surel,DS,64.01,,,bukan-surel,,,",
            "Dinas NIP,DN,64.01,,,,,,123",
            ",Tanpa Nama,64.01,,,,,,",
            PASER,
        ),
    )

    assert response.status_code == 422
    errors = response.context["plan"].errors
    assert "Baris 3: kode wilayah 99.99 tidak dikenal." in errors
    assert any(e.startswith("Baris 4: surel:") for e in errors)
    assert "Baris 5: nip_kepala: NIP terdiri atas tepat 18 angka." in errors
    assert "Baris 6: nama wajib diisi." in errors
    assert "Baris 7: nama dan kode wilayah sama dengan baris 2." in errors
    page = response.content.decode()
    assert "Baris 3: kode wilayah 99.99 tidak dikenal." in page
    assert "Tidak ada yang diimpor" in page
    assert 'name="confirm"' not in page
    assert not Agency.objects.exists()


def test_district_code_is_not_a_seat(organiser_client):
    region("64.01.01").__class__.objects.filter(code="64.01.01").update(kind="kecamatan")
    response = upload(organiser_client, csv_file("nama,kode_wilayah", "Kantor Camat,64.01.01"))
    assert response.context["plan"].errors == [
        "Baris 2: kode wilayah 64.01.01 adalah kecamatan; instansi berkedudukan di provinsi "
        "atau kabupaten/kota."
    ]


def test_import_is_all_or_nothing_when_data_changed_after_the_preview(organiser_client):
    response = upload(organiser_client, csv_file(HEADER, PASER, BERAU))
    # Between preview and confirm, the region of one row disappears: the whole import is refused.
    region("64.03").delete()

    response = confirm(organiser_client, response)

    assert not Agency.objects.exists()
    assert "Baris 3: kode wilayah 64.03 tidak dikenal." in response.content.decode()


def test_import_service_rolls_back_every_row_on_error():
    rows = [
        {"line": 2, "nama": "DPMD Paser", "kode_wilayah": "64.01"},
        {"line": 3, "nama": "Dinas Fiktif", "kode_wilayah": "99.99"},
    ]
    with pytest.raises(ImportRejected) as exc:
        import_agencies(rows)
    assert exc.value.errors == ["Baris 3: kode wilayah 99.99 tidak dikenal."]
    assert not Agency.objects.exists()


def test_stale_or_forged_confirm_imports_nothing(organiser_client):
    upload(organiser_client, csv_file(HEADER, PASER))
    response = organiser_client.post(
        reverse("agencies:import"), {"confirm": "1", "token": "lain"}, follow=True
    )
    assert "Pratinjau impor sudah tidak berlaku" in response.content.decode()
    assert not Agency.objects.exists()


def test_binary_file_named_csv_is_refused(organiser_client):
    response = upload(organiser_client, SimpleUploadedFile("instansi.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert "Berkas ini bukan CSV (teks)" in response.content.decode()
    assert not Agency.objects.exists()


def test_fake_xlsx_is_refused(organiser_client):
    response = upload(organiser_client, SimpleUploadedFile("instansi.xlsx", b"nama,kode_wilayah\nA,64\n"))
    assert "bukan XLSX yang sah" in response.content.decode()


def test_file_larger_than_2_mb_is_refused(organiser_client):
    big = csv_file(HEADER, *([PASER] * 20_000))
    response = upload(organiser_client, big)
    assert "Berkas terlalu besar: paling besar 2 MB." in response.content.decode()
    assert not Agency.objects.exists()


def test_import_page_documents_columns_and_offers_templates(organiser_client):
    page = organiser_client.get(reverse("agencies:import")).content.decode()
    for column in COLUMNS:
        assert f"<code>{column}</code>" in page
    response = organiser_client.get(reverse("agencies:import_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    response = organiser_client.get(reverse("agencies:import_template", args=["xlsx"]))
    assert response.content.startswith(b"PK")


def test_template_round_trips_through_the_import(organiser_client):
    template = organiser_client.get(reverse("agencies:import_template", args=["xlsx"])).content
    response = upload(organiser_client, SimpleUploadedFile("templat.xlsx", template))
    confirm(organiser_client, response)
    assert Agency.objects.get().short_name == "DPMD Paser"


def test_coordinator_cannot_import(coordinator_client):
    response = coordinator_client.post(reverse("agencies:import"), {"file": csv_file(HEADER, PASER)})
    assert response.status_code == 404
    assert coordinator_client.get(reverse("agencies:import_template", args=["csv"])).status_code == 404
    assert Agency.objects.count() == 1  # only the coordinator's own agency
