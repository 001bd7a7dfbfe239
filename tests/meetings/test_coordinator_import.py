"""A coordinator imports their own agency's delegates from CSV/XLSX, through its invitation only."""

import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Registration
from tests.factories import AgencyFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
Status = Registration.Status
HEADER = "nama,nip,jabatan,jenis_kelamin,telepon,surel"


@pytest.fixture
def meeting(db):
    return upcoming_meeting(title="Rakor PMD 2030")


@pytest.fixture
def own(meeting, coordinator):
    """The coordinator's agency's sent invitation, quota 2."""
    agency = coordinator.memberships.get().agency
    agency.name, agency.short_name = "Dinas PMD Kabupaten Paser", "DPMD Paser"
    agency.save()
    return InvitationFactory(meeting=meeting, agency=agency, quota=2, sent=True)


@pytest.fixture
def foreign(meeting):
    """Agency B's sent invitation to the same meeting."""
    agency = AgencyFactory(name="Dinas PMK Kabupaten Berau", short_name="DPMK Berau")
    return InvitationFactory(meeting=meeting, agency=agency, quota=5, sent=True)


def url(invitation):
    return reverse("meetings:coordinator_import", args=[invitation.pk])


def csv_file(*lines, header=HEADER):
    return SimpleUploadedFile("peserta.csv", "\n".join([header, *lines]).encode(), content_type="text/csv")


def row(name, email, agency=None):
    line = f"{name},,Kepala Seksi,L,081234567890,{email}"
    return line if agency is None else f"{line},{agency}"


def confirm(client, invitation, preview, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(invitation), {"confirm": "1", "token": preview.context["token"]}, follow=True)


def test_rows_without_an_agency_column_register_for_the_coordinators_agency_within_its_quota(
    coordinator_client, coordinator, own, foreign, django_capture_on_commit_callbacks
):
    upload = csv_file(
        row("Siti Aminah", "siti@example.go.id"),
        row("Budi Santoso", "budi@example.go.id"),
        row("Citra Lestari", "citra@example.go.id"),
    )
    preview = coordinator_client.post(url(own), {"file": upload})

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Akan didaftarkan 2 peserta dalam kuota dan 1 ke Daftar Tunggu." in html
    assert Registration.objects.count() == 0

    response = confirm(coordinator_client, own, preview, django_capture_on_commit_callbacks)

    assert response.redirect_chain[-1][0] == reverse("meetings:coordinator_invitation", args=[own.pk])
    assert "Impor selesai: 3 peserta didaftarkan, 1 di antaranya masuk Daftar Tunggu." in (
        response.content.decode()
    )
    rows = {
        r.full_name: (r.agency_id, r.invitation_id, r.status, r.registered_by)
        for r in Registration.objects.all()
    }
    assert rows == {
        "Siti Aminah": (own.agency_id, own.pk, Status.CONFIRMED, coordinator),
        "Budi Santoso": (own.agency_id, own.pk, Status.CONFIRMED, coordinator),
        "Citra Lestari": (own.agency_id, own.pk, Status.WAITLISTED, coordinator),
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "budi@example.go.id",
        "citra@example.go.id",
        "siti@example.go.id",
    ]


def test_rows_naming_another_agency_are_refused_by_line_and_nothing_is_imported(
    coordinator_client, own, foreign
):
    upload = csv_file(
        row("Siti Aminah", "siti@example.go.id", "DPMD Paser"),
        row("Budi Santoso", "budi@example.go.id", "DPMK Berau"),
        row("Citra Lestari", "citra@example.go.id", ""),
        row("Dedi Kurniawan", "dedi@example.go.id", "Dinas Tidak Ada"),
        header=HEADER + ",instansi",
    )
    response = coordinator_client.post(url(own), {"file": upload})
    html = response.content.decode()

    assert response.status_code == 422
    assert "Baris 3: instansi DPMK Berau bukan instansi Anda; baris ini ditolak." in html
    assert "Baris 5: instansi Dinas Tidak Ada bukan instansi Anda; baris ini ditolak." in html
    assert "Baris 2:" not in html and "Baris 4:" not in html
    assert 'name="confirm"' not in html
    assert Registration.objects.count() == 0


def test_the_meetings_capacity_waitlists_as_on_the_coordinators_form(
    coordinator_client, meeting, own, foreign, django_capture_on_commit_callbacks
):
    meeting.capacity = 3
    meeting.save()
    RegistrationFactory.create_batch(2, invitation=foreign)  # agency B holds 2 of the 3 seats

    preview = coordinator_client.post(
        url(own),
        {
            "file": csv_file(
                row("Siti Aminah", "siti@example.go.id"), row("Budi Santoso", "budi@example.go.id")
            )
        },
    )
    assert "Akan didaftarkan 1 peserta dalam kuota dan 1 ke Daftar Tunggu." in preview.content.decode()
    confirm(coordinator_client, own, preview, django_capture_on_commit_callbacks)

    assert dict(own.registrations.values_list("full_name", "status")) == {
        "Siti Aminah": Status.CONFIRMED,
        "Budi Santoso": Status.WAITLISTED,
    }


def test_another_agencys_or_an_unsent_invitation_is_404(coordinator_client, meeting, own, foreign):
    unsent = InvitationFactory(meeting=upcoming_meeting(), agency=own.agency)
    for invitation in (foreign, unsent):
        assert coordinator_client.get(url(invitation)).status_code == 404
        upload = csv_file(row("Siti Aminah", "siti@example.go.id"))
        assert coordinator_client.post(url(invitation), {"file": upload}).status_code == 404
        template = reverse("meetings:coordinator_import_template", args=[invitation.pk, "csv"])
        assert coordinator_client.get(template).status_code == 404
    assert Registration.objects.count() == 0


def test_an_organiser_is_not_a_coordinator_here(organiser_client, own):
    assert organiser_client.get(url(own)).status_code == 404


def test_outside_the_registration_window_nothing_is_imported(coordinator_client, meeting, own):
    meeting.registration_closes = timezone.now() - datetime.timedelta(days=1)
    meeting.save()

    response = coordinator_client.post(
        url(own), {"file": csv_file(row("Siti Aminah", "siti@example.go.id"))}, follow=True
    )

    assert "Pendaftaran sudah ditutup." in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_template_names_the_coordinators_own_agency(coordinator_client, own):
    xlsx = coordinator_client.get(reverse("meetings:coordinator_import_template", args=[own.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    assert sheet[2][header.index("instansi")].value == "DPMD Paser"


def test_the_import_is_linked_from_the_coordinators_invitation_page(coordinator_client, own):
    html = coordinator_client.get(reverse("meetings:coordinator_invitation", args=[own.pk])).content.decode()
    assert f'href="{url(own)}"' in html
