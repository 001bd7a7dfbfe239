"""Bulk import of delegates from CSV/XLSX: preview with row errors, then all or nothing."""

import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Registration
from rakor import roles
from tests.factories import AgencyFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
Status = Registration.Status
HEADER = "nama,nip,jabatan,jenis_kelamin,telepon,surel,instansi"


@pytest.fixture
def meeting(db):
    meeting = upcoming_meeting(title="Rakor PMD 2030")
    InvitationFactory(
        meeting=meeting,
        agency=AgencyFactory(name="Dinas PMD Kabupaten Kutai Kartanegara", short_name="DPMD Kukar"),
        quota=2,
    )
    InvitationFactory(meeting=meeting, agency=AgencyFactory(name="Dinas PMK Kabupaten Berau"), quota=3)
    return meeting


def url(meeting):
    return reverse("meetings:registrations_import", args=[meeting.pk])


def csv_file(*lines, header=HEADER, name="peserta.csv"):
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode("utf-8"), content_type="text/csv")


GOOD = [
    "Siti Aminah,198001012005012001,Kepala Bidang,P,0812 3456 7890,siti@example.go.id,DPMD Kukar",
    "Budi Santoso,,Kepala Seksi,L,081234567891,budi@example.go.id,dpmd kukar",
    "Citra Lestari,,Staf,Perempuan,081234567892,citra@example.go.id,DPMD Kukar",
    "Dedi Kurniawan,,Kepala Bidang,l,081234567893,dedi@example.go.id,Dinas PMK Kabupaten Berau",
]


def preview(client, meeting, upload):
    return client.post(url(meeting), {"file": upload})


def confirm(client, meeting, response, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(meeting), {"confirm": "1", "token": response.context["token"]}, follow=True)


def test_csv_preview_shows_rows_and_seats_then_confirm_registers_all(
    organiser_client, organiser, meeting, django_capture_on_commit_callbacks
):
    response = preview(organiser_client, meeting, csv_file(*GOOD))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Akan didaftarkan 3 peserta dalam kuota dan 1 ke Daftar Tunggu. Belum ada yang disimpan." in html
    assert "Siti Aminah" in html and "Dinas PMK Kabupaten Berau" in html
    assert Registration.objects.count() == 0

    response = confirm(organiser_client, meeting, response, django_capture_on_commit_callbacks)

    statuses = dict(Registration.objects.values_list("full_name", "status"))
    assert statuses == {
        "Siti Aminah": Status.CONFIRMED,
        "Budi Santoso": Status.CONFIRMED,
        "Citra Lestari": Status.WAITLISTED,
        "Dedi Kurniawan": Status.CONFIRMED,
    }
    siti = Registration.objects.get(full_name="Siti Aminah")
    assert siti.nip == "198001012005012001" and siti.gender == "P" and siti.registered_by == organiser
    assert (
        "Impor selesai: 4 peserta didaftarkan, 1 di antaranya masuk Daftar Tunggu."
        in response.content.decode()
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["siti@example.go.id", "budi@example.go.id", "citra@example.go.id", "dedi@example.go.id"]
    )


def test_xlsx_with_numeric_cells_and_semicolon_free_headers_imports(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nama", "NIP", "Jabatan", "Jenis Kelamin", "Telepon", "Surel", "Instansi"])
    sheet.append(
        [
            "Siti Aminah",
            "198001012005012001",
            "Kepala Bidang",
            "P",
            81234567890,
            "siti@example.go.id",
            "DPMD Kukar",
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("peserta.xlsx", out.getvalue())

    response = preview(organiser_client, meeting, upload)
    assert response.status_code == 200, response.context.get("plan") and response.context["plan"].errors
    confirm(organiser_client, meeting, response, django_capture_on_commit_callbacks)

    siti = Registration.objects.get()
    assert (siti.full_name, siti.phone, siti.agency.short_name) == (
        "Siti Aminah",
        "81234567890",
        "DPMD Kukar",
    )


def test_missing_columns_are_named_and_nothing_is_read(organiser_client, meeting):
    response = preview(
        organiser_client, meeting, csv_file("Siti,Kabid,siti@example.go.id", header="nama,jabatan,surel")
    )
    assert response.status_code == 422
    assert "Kolom wajib tidak ada: jenis_kelamin, telepon, instansi. Tidak ada yang diimpor." in (
        response.content.decode()
    )
    assert Registration.objects.count() == 0


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(organiser_client, meeting):
    RegistrationFactory(invitation=meeting.invitations.first(), email="sudah@example.go.id")
    response = preview(
        organiser_client,
        meeting,
        csv_file(
            GOOD[0],
            "Budi Santoso,12345,Kepala Seksi,L,081234567891,budi@example.go.id,DPMD Kukar",
            "Citra Lestari,,Staf,P,081234567892,citra@example.go.id,Dinas Tidak Diundang",
            "Siti Kembar,,Staf,P,081234567893,SITI@example.go.id,DPMD Kukar",
            "Eka Putri,,Staf,X,081234567894,sudah@example.go.id,DPMD Kukar",
            ",,,,,,",
        ),
    )
    html = response.content.decode()

    assert response.status_code == 422
    assert "Baris 3: NIP terdiri atas 18 angka." in html
    assert "Baris 4: instansi Dinas Tidak Diundang tidak termasuk instansi yang diundang." in html
    assert "Baris 5: surel SITI@example.go.id sama dengan baris 2." in html
    assert "Baris 6: jenis_kelamin diisi L atau P." in html
    assert "Baris 6: surel sudah@example.go.id sudah terdaftar pada rapat ini." in html
    assert "Tidak ada yang diimpor" in html and 'name="confirm"' not in html
    assert Registration.objects.count() == 1


def test_rows_that_became_invalid_after_the_preview_import_nothing(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    response = preview(organiser_client, meeting, csv_file(*GOOD))
    RegistrationFactory(invitation=meeting.invitations.first(), email="dedi@example.go.id")

    response = confirm(organiser_client, meeting, response, django_capture_on_commit_callbacks)

    assert "Baris 5: surel dedi@example.go.id sudah terdaftar pada rapat ini." in response.content.decode()
    assert Registration.objects.count() == 1 and mail.outbox == []


def test_templates_download_with_the_columns(organiser_client, meeting):
    csv_response = organiser_client.get(
        reverse("meetings:registrations_import_template", args=[meeting.pk, "csv"])
    )
    assert csv_response.content.decode("utf-8-sig").splitlines()[0] == HEADER
    xlsx_response = organiser_client.get(
        reverse("meetings:registrations_import_template", args=[meeting.pk, "xlsx"])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER.split(",")


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.CHECKIN_CLERK])
def test_only_organisers_import(client, meeting, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), {"file": csv_file(*GOOD)}).status_code == 404
    assert Registration.objects.count() == 0


def test_import_page_is_linked_from_the_registrations_list(organiser_client, meeting):
    html = organiser_client.get(reverse("meetings:registrations", args=[meeting.pk])).content.decode()
    assert f'href="{url(meeting)}"' in html


def test_preview_query_count_does_not_grow_with_rows(organiser_client, meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(count):
        lines = [f"Peserta {n},,Staf,L,08123456{n:04d},p{n}@example.go.id,DPMD Kukar" for n in range(count)]
        with CaptureQueriesContext(connection) as context:
            response = preview(organiser_client, meeting, csv_file(*lines))
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries(1) == queries(60)
