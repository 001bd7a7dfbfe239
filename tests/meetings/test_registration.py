"""Registration workflows: seats, waiting list, duplicates, approval, substitution, mails."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Invitation, Registration
from meetings.services import checkin
from meetings.services.errors import DuplicateRegistration, NotAllowed, RegistrationClosed
from meetings.services.registration import (
    approve_registration,
    cancel_registration,
    invite_agencies,
    register_delegate,
    reject_registration,
    revoke_invitation,
    set_quota,
    substitute_delegate,
)
from meetings.services.seats import seats_left
from rakor.tokens import CHECKIN_ALPHABET
from tests.factories import AgencyFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.usefixtures("site_url")
Status = Registration.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def invitation(db):
    return InvitationFactory(meeting=upcoming_meeting(), quota=2)


def register(invitation, n, **extra):
    fields = {
        "full_name": f"Peserta {n}",
        "email": f"peserta{n}@example.go.id",
        "position": "Kepala Seksi",
        "gender": Registration.Gender.MALE,
        "phone": "081234567890",
        **extra,
    }
    return register_delegate(invitation, **fields)


def test_delegates_within_quota_are_confirmed_and_the_rest_waitlisted_in_order(invitation):
    first, second, third, fourth = (register(invitation, n) for n in range(4))

    assert [r.status for r in (first, second, third, fourth)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert first.waitlisted_at is None and third.waitlisted_at <= fourth.waitlisted_at
    assert list(invitation.registrations.waitlisted()) == [third, fourth]
    assert seats_left(invitation) == 0


def test_meeting_that_needs_approval_keeps_delegates_pending_until_approved(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    invitation.meeting.requires_approval = True
    invitation.meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(invitation, 1)
    assert registration.status == Status.PENDING
    assert "menunggu verifikasi" in mailoutbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(registration)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert mailoutbox[1].subject.startswith("Pendaftaran terkonfirmasi")
    with pytest.raises(NotAllowed):
        approve_registration(registration)


def test_meeting_capacity_caps_all_agencies_together(db):
    meeting = upcoming_meeting(capacity=3)
    a = InvitationFactory(meeting=meeting, quota=2)
    b = InvitationFactory(meeting=meeting, quota=2)

    statuses = [register(a, 1).status, register(a, 2).status, register(b, 3).status, register(b, 4).status]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def test_same_email_twice_in_a_meeting_makes_no_second_row(invitation):
    first = register(invitation, 1, email="Siti@Example.go.id")
    other_agency = InvitationFactory(meeting=invitation.meeting)

    with pytest.raises(DuplicateRegistration) as caught:
        register(other_agency, 2, email="siti@example.go.id")

    assert caught.value.registration == first
    assert Registration.objects.count() == 1


def test_after_cancelling_the_same_email_may_register_again(invitation):
    first = register(invitation, 1)
    cancel_registration(first)

    again = register(invitation, 1)

    assert again.pk != first.pk and again.status == Status.CONFIRMED


def test_cancellation_promotes_the_first_waitlisted_delegate_of_that_agency_and_mails_them(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = register(invitation, 1), register(invitation, 2)
    waiting = register(invitation, 3)
    register(invitation, 4)
    other = InvitationFactory(meeting=invitation.meeting, quota=0)
    register(other, 5)  # another agency's waiting list is not touched
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(first)

    assert promoted == waiting
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "peserta1@example.go.id": Status.CANCELLED,
        "peserta2@example.go.id": Status.CONFIRMED,
        "peserta3@example.go.id": Status.CONFIRMED,
        "peserta4@example.go.id": Status.WAITLISTED,
        "peserta5@example.go.id": Status.WAITLISTED,
    }
    (mail,) = mailoutbox
    assert mail.to == ["peserta3@example.go.id"]
    assert "Anda mendapat kursi" in mail.subject
    assert f"https://rakor.example.go.id/rapat/peserta/{waiting.manage_token}/" in mail.body


def test_cancelling_a_waitlisted_delegate_promotes_nobody(invitation):
    register(invitation, 1), register(invitation, 2)
    third, fourth = register(invitation, 3), register(invitation, 4)

    assert cancel_registration(third) is None

    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED
    with pytest.raises(NotAllowed):
        cancel_registration(third)


def test_raising_the_quota_promotes_waitlisted_delegates_at_once(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        register(invitation, n)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = set_quota(invitation, 4)

    assert [r.email for r in promoted] == ["peserta2@example.go.id", "peserta3@example.go.id"]
    assert invitation.registrations.holding_seats().count() == 4
    assert sorted(m.to[0] for m in mailoutbox) == ["peserta2@example.go.id", "peserta3@example.go.id"]


def test_rejection_mails_the_reason_and_gives_the_seat_to_the_next(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    first = register(invitation, 1)
    register(invitation, 2)
    waiting = register(invitation, 3)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reject_registration(first, "Surat tugas tidak ditandatangani.")

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.REJECTED and waiting.status == Status.CONFIRMED
    rejected = next(m for m in mailoutbox if m.to == ["peserta1@example.go.id"])
    assert "Surat tugas tidak ditandatangani." in rejected.body
    assert rejected.attachments == []  # no QR for a rejected delegate


def test_substitution_keeps_the_seat_and_the_waiting_list_waits(invitation):
    first = register(invitation, 1)
    register(invitation, 2)
    waiting = register(invitation, 3)

    new = substitute_delegate(
        first,
        full_name="Pengganti",
        email="pengganti@example.go.id",
        position="Kepala Bidang",
        gender=Registration.Gender.FEMALE,
        phone="0811111111",
        nip="",
    )

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert new.status == Status.CONFIRMED and new.agency_id == first.agency_id
    assert new.checkin_code != first.checkin_code and new.manage_token != first.manage_token
    assert waiting.status == Status.WAITLISTED


def test_registration_outside_the_window_is_refused(db):
    now = timezone.now()
    not_yet = InvitationFactory(meeting=upcoming_meeting(registration_opens=now + datetime.timedelta(days=1)))
    closed = InvitationFactory(
        meeting=upcoming_meeting(registration_closes=now - datetime.timedelta(hours=1))
    )

    with pytest.raises(RegistrationClosed) as early:
        register(not_yet, 1)
    with pytest.raises(RegistrationClosed) as late:
        register(closed, 2)

    assert early.value.opens == not_yet.meeting.registration_opens
    assert late.value.closed == closed.meeting.registration_closes
    assert not Registration.objects.exists()


def test_revoked_invitation_registers_nobody(invitation):
    revoke_invitation(invitation)

    with pytest.raises(Invitation.DoesNotExist):
        register(invitation, 1)
    with pytest.raises(Invitation.DoesNotExist):
        Invitation.objects.by_token(invitation.token)


def test_confirmation_mail_has_status_code_manage_link_qr_and_calendar(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(invitation, 1)

    (mail,) = mailoutbox
    assert mail.to == ["peserta1@example.go.id"]
    assert mail.subject.startswith("Pendaftaran terkonfirmasi: ")
    assert "Terkonfirmasi" in mail.body
    assert registration.checkin_code in mail.body
    assert f"https://rakor.example.go.id/rapat/peserta/{registration.manage_token}/" in mail.body
    names = {name: (content, mimetype) for name, content, mimetype in mail.attachments}
    qr, qr_type = names[f"qr-{registration.checkin_code}.png"]
    assert qr_type == "image/png" and qr.startswith(b"\x89PNG")
    ics, _ics_type = names[f"rapat-{invitation.meeting_id}.ics"]
    ics = ics if isinstance(ics, str) else ics.decode()
    assert "BEGIN:VEVENT" in ics and invitation.meeting.title[:20] in ics.replace("\r\n ", "")


def test_nothing_is_mailed_when_the_transaction_rolls_back(invitation, mailoutbox):
    # Without executing on-commit callbacks (the test's transaction never commits) no mail leaves.
    register(invitation, 1)
    assert mailoutbox == []


def test_checkin_codes_are_short_and_unambiguous_and_found_when_typed_loosely(invitation):
    registration = register(invitation, 1)
    code = registration.checkin_code

    assert len(code) == 8 and set(code) <= set(CHECKIN_ALPHABET)
    assert not set(code) & set("0O1I")
    assert Registration.objects.by_code(f" {code[:4].lower()} {code[4:]} ") == registration
    assert len(registration.manage_token) >= 40 and len(invitation.token) >= 40


def test_assignment_letter_is_stored_privately_outside_media_root(invitation, settings):
    letter = SimpleUploadedFile("surat tugas.pdf", PDF, content_type="application/pdf")

    registration = register(invitation, 1, assignment_letter=letter, assignment_letter_type="application/pdf")

    path = settings.PRIVATE_MEDIA_ROOT / registration.assignment_letter.name
    assert path.read_bytes() == PDF
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert registration.assignment_letter.name.endswith(".pdf")
    assert "surat tugas" not in registration.assignment_letter.name
    with pytest.raises(ValueError):
        registration.assignment_letter.url  # noqa: B018 - private files have no URL


def test_inviting_agencies_uses_the_default_quota_and_is_idempotent(db):
    meeting = upcoming_meeting(default_quota=3)
    agencies = AgencyFactory.create_batch(3)

    first = invite_agencies(meeting, agencies)
    again = invite_agencies(meeting, agencies[:2], quota=9)
    special = invite_agencies(meeting, [AgencyFactory()], quota=5)

    assert [i.quota for i in first] == [3, 3, 3]
    assert again == first[:2] and Invitation.objects.filter(meeting=meeting).count() == 4
    assert special[0].quota == 5
    assert len({i.token for i in Invitation.objects.all()}) == 4


def test_a_second_check_in_is_reported_not_repeated(organiser):
    registration = RegistrationFactory()

    first, newly = checkin.check_in(registration, by=organiser)
    second, again = checkin.check_in(registration, by=organiser)

    assert newly and not again
    assert second.checked_in_at == first.checked_in_at and second.checked_in_by == organiser


def test_invitation_counts_per_status(invitation):
    register(invitation, 1), register(invitation, 2), register(invitation, 3)

    counted = Invitation.objects.with_counts().get(pk=invitation.pk)

    assert (counted.seats_taken, counted.confirmed_count, counted.waitlisted_count) == (2, 2, 1)
