"""The public registration form, the delegate's own page, uploads, 404s and the rate limit."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Registration
from meetings.services.registration import revoke_invitation
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

Status = Registration.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def invitation(db):
    return InvitationFactory(meeting=upcoming_meeting(title="Rakor PMD 2030"), quota=2)


def url(invitation):
    return reverse("meetings:register", args=[invitation.token])


def form_data(n=1, letter=None, **extra):
    return {
        "full_name": f"Siti Rahmawati {n}",
        "nip": "198504122010012003",
        "position": "Kepala Bidang Pemberdayaan Masyarakat",
        "gender": "P",
        "phone": "0812 3456 7890",
        "email": f"siti{n}@example.go.id",
        "assignment_letter": letter or SimpleUploadedFile("surat-tugas.pdf", PDF, "application/pdf"),
        **extra,
    }


def without_csrf(response):
    """The page with its (per-response, masked) CSRF token blanked out."""
    return re.sub(rb'(csrf-token" content|csrfmiddlewaretoken" value)="[^"]+"', b"CSRF", response.content)


def private_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_form_shows_the_agency_the_meeting_and_the_seats_left(client, invitation):
    RegistrationFactory(invitation=invitation)

    page = client.get(url(invitation)).content.decode()

    assert invitation.agency.name in page
    assert "Rakor PMD 2030" in page
    assert "Tersisa 1 kursi untuk instansi Anda." in page
    assert 'name="assignment_letter"' in page


def test_full_quota_says_the_delegate_joins_the_waiting_list(client, invitation):
    RegistrationFactory.create_batch(2, invitation=invitation)

    page = client.get(url(invitation)).content.decode()

    assert "masuk Daftar Tunggu" in page


def test_registering_leads_to_the_confirmation_page_with_qr_code_and_check_in_code(
    client, invitation, mailoutbox, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(invitation), form_data(), follow=True)

    registration = Registration.objects.get()
    assert (registration.full_name, registration.agency, registration.status) == (
        "Siti Rahmawati 1",
        invitation.agency,
        Status.CONFIRMED,
    )
    assert registration.nip == "198504122010012003" and registration.phone == "0812 3456 7890"
    assert (
        response.redirect_chain[-1][0]
        == reverse("meetings:registration_manage", args=[registration.manage_token]) + "?baru=1"
    )
    page = response.content.decode()
    assert "Terkonfirmasi" in page and registration.checkin_code in page
    assert 'src="data:image/png;base64,' in page
    assert reverse("meetings:registration_ics", args=[registration.manage_token]) in page
    assert settings.RAKOR_SITE_URL + registration.manage_url() in page
    assert len(private_files(settings)) == 1
    assert registration.assignment_letter_type == "application/pdf"
    (mail,) = mailoutbox
    assert registration.manage_token in mail.body
    assert any(name.endswith(".png") for name, _content, _type in mail.attachments)


def test_same_email_again_makes_no_second_row_and_resends_the_manage_link(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(url(invitation), form_data())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(invitation), form_data(full_name="Siti R.", email="SITI1@example.go.id"))

    assert Registration.objects.count() == 1
    assert "Surel ini sudah terdaftar" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["siti1@example.go.id"]
    assert Registration.objects.get().manage_token in mail.body


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("surat.pdf", b"<html><script>alert(1)</script></html>", "PDF, JPEG atau PNG yang asli"),
        ("surat.png", PDF, "PDF, JPEG atau PNG yang asli"),
        ("surat.docx", PDF, "PDF, JPEG atau PNG yang asli"),
        ("surat.pdf", PDF + b"0" * (2 * 1024 * 1024), "Berkas terlalu besar"),
    ],
)
def test_bad_uploads_get_a_field_error_and_nothing_is_stored(
    client, invitation, settings, name, content, message
):
    letter = SimpleUploadedFile(name, content, "application/pdf")

    response = client.post(url(invitation), form_data(letter=letter))

    page = response.content.decode()
    assert message in page
    assert 'value="Siti Rahmawati 1"' in page  # what was typed is kept
    assert not Registration.objects.exists()
    assert private_files(settings) == []


def test_png_letter_is_accepted(client, invitation):
    client.post(url(invitation), form_data(letter=SimpleUploadedFile("surat.PNG", PNG, "image/png")))

    assert Registration.objects.get().assignment_letter_type == "image/png"


def test_nip_must_be_eighteen_digits_and_may_be_empty(client, invitation):
    response = client.post(url(invitation), form_data(nip="19850412201001200"))
    assert "NIP terdiri atas 18 angka." in response.content.decode()

    client.post(url(invitation), form_data(nip=""))
    assert Registration.objects.get().nip == ""


def test_unknown_and_revoked_tokens_look_the_same(client, invitation):
    revoke_invitation(invitation)

    revoked = client.get(url(invitation))
    unknown = client.get(reverse("meetings:register", args=["tidak-ada-token-seperti-ini"]))
    posted = client.post(url(invitation), form_data())

    assert revoked.status_code == unknown.status_code == posted.status_code == 404
    # Identical but for the path echoed back (language switch) and the CSRF tokens.
    assert without_csrf(revoked).replace(invitation.token.encode(), b"T") == without_csrf(unknown).replace(
        b"tidak-ada-token-seperti-ini", b"T"
    )
    assert not Registration.objects.exists()


def test_before_the_window_the_page_says_when_it_opens(client, db):
    opens = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    invitation = InvitationFactory(meeting=upcoming_meeting(registration_opens=opens))

    page = client.post(url(invitation), form_data()).content.decode()

    assert "Pendaftaran belum dibuka" in page
    local = timezone.localtime(opens, invitation.meeting.tzinfo)
    assert f"pukul {local:%H.%M} WITA" in page
    assert not Registration.objects.exists()


def test_after_the_window_the_page_says_it_closed(client, db):
    invitation = InvitationFactory()  # the 2018 rakor: long over

    page = client.get(url(invitation)).content.decode()

    assert "Pendaftaran sudah ditutup" in page
    assert "Selasa, 24 April 2018" in page


def test_delegate_edits_their_details_through_the_manage_link(client, invitation):
    registration = RegistrationFactory(invitation=invitation, email="lama@example.go.id")
    data = form_data(email="baru@example.go.id", position="Sekretaris Dinas")
    del data["assignment_letter"]

    response = client.post(registration.manage_url(), data, follow=True)

    registration.refresh_from_db()
    assert registration.email == "baru@example.go.id" and registration.position == "Sekretaris Dinas"
    assert "Perubahan data tersimpan." in response.content.decode()
    assert registration.history.count() == 2


def test_delegate_cancels_after_confirming_and_the_next_is_promoted(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = RegistrationFactory.create_batch(2, invitation=invitation)
    waiting = RegistrationFactory(
        invitation=invitation, status=Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    cancel_url = reverse("meetings:registration_cancel", args=[first.manage_token])

    asked = client.get(cancel_url).content.decode()
    assert "Batalkan pendaftaran?" in asked
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(cancel_url, follow=True).content.decode()

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.CONFIRMED
    assert "Dibatalkan" in page and first.checkin_code not in page
    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_unknown_manage_link_is_404(client, db):
    assert client.get(reverse("meetings:registration_manage", args=["bukan-token"])).status_code == 404
    assert client.post(reverse("meetings:registration_cancel", args=["bukan-token"])).status_code == 404


def test_calendar_file_of_the_registration(client, invitation):
    registration = RegistrationFactory(invitation=invitation)

    response = client.get(reverse("meetings:registration_ics", args=[registration.manage_token]))

    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and b"Rakor PMD 2030" in response.content


def test_public_posts_are_rate_limited_per_address(client, invitation, settings):
    settings.RAKOR_PUBLIC_POST_RATE = (3, 60)
    for n in range(3):
        client.post(url(invitation), form_data(n, nip=""))

    blocked = client.post(url(invitation), form_data(9, nip=""))
    other_address = client.post(url(invitation), form_data(10, nip=""), REMOTE_ADDR="10.0.0.9")

    assert blocked.status_code == 429
    assert "Terlalu banyak permintaan" in blocked.content.decode()
    assert other_address.status_code == 302
    assert Registration.objects.count() == 4
    assert client.get(url(invitation)).status_code == 200  # reading the form is not limited


def test_registration_page_query_count_does_not_grow(client, invitation, django_assert_max_num_queries):
    RegistrationFactory(invitation=invitation)
    with django_assert_max_num_queries(10) as few:
        client.get(url(invitation))
    RegistrationFactory.create_batch(30, invitation=invitation)
    with django_assert_max_num_queries(10) as many:
        client.get(url(invitation))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_manage_page_query_count_is_small(client, invitation, django_assert_max_num_queries):
    registration = RegistrationFactory(invitation=invitation)
    with django_assert_max_num_queries(6):
        page = client.get(registration.manage_url()).content.decode()
    assert re.search(r"Kode registrasi", page)


def test_after_an_error_the_form_says_the_chosen_letter_must_be_chosen_again(client, invitation):
    response = client.post(url(invitation), form_data(email="bukan-surel"))

    page = response.content.decode()
    assert response.context["form"].errors["email"]
    assert "surat-tugas.pdf" in page and "pilih lagi berkasnya" in page
    assert not Registration.objects.exists()
