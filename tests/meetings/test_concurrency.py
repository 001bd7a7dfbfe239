"""Seats hold under parallel requests (PostgreSQL only: SQLite serialises all writers anyway).

Each thread gets its own database connection; a barrier lets them go at the same moment.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/rakor_dev .venv/bin/python -m pytest -m postgres
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meetings.models import Registration
from meetings.services.errors import NotAllowed
from meetings.services.registration import cancel_registration, register_delegate
from tests.concurrency import POSTGRES_ONLY, run_together
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = POSTGRES_ONLY
Status = Registration.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.RAKOR_PUBLIC_POST_RATE = (1000, 60)


def form(n):
    return {
        "full_name": f"Peserta {n}",
        "position": "Staf",
        "gender": "L",
        "phone": "081234567890",
        "email": f"peserta{n}@example.go.id",
        "assignment_letter": SimpleUploadedFile("surat.pdf", PDF, "application/pdf"),
    }


def post(path, data):
    return lambda: Client().post(path, data)


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_fill_five_seats_and_wait_the_rest():
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=5)
    path = invitation.registration_url()

    responses, errors = run_together([post(path, form(n)) for n in range(50)])

    assert errors == []
    assert sorted({r.status_code for r in responses}) == [302]  # no error page, every one answered
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == 5
    assert statuses.count(Status.WAITLISTED) == 45


@pytest.mark.django_db(transaction=True)
def test_the_same_form_submitted_twice_at_once_makes_one_row():
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=5)
    path = invitation.registration_url()

    responses, errors = run_together([post(path, form(1)), post(path, form(1))])

    assert errors == []
    assert Registration.objects.count() == 1
    pages = sorted(r.status_code for r in responses)
    assert pages == [200, 302]  # one confirmation, one "already registered" page
    assert "Surel ini sudah terdaftar" in next(r for r in responses if r.status_code == 200).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_same_email_through_two_agencies_at_once_makes_one_row():
    meeting = upcoming_meeting()
    a, b = InvitationFactory(meeting=meeting), InvitationFactory(meeting=meeting)

    _responses, errors = run_together(
        [post(a.registration_url(), form(1)), post(b.registration_url(), form(1))]
    )

    assert errors == []
    assert Registration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_waitlisted_delegate_is_promoted_once_when_two_cancellations_race(mailoutbox):
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=2)
    first, second = RegistrationFactory.create_batch(2, invitation=invitation)
    waiting = register_delegate(
        invitation,
        full_name="Menunggu",
        email="tunggu@example.go.id",
        position="Staf",
        gender="P",
        phone="0811",
    )
    assert waiting.status == Status.WAITLISTED
    mailoutbox.clear()

    promoted, errors = run_together(
        [lambda: cancel_registration(first), lambda: cancel_registration(second)]
    )

    assert errors == []
    assert [p.pk for p in promoted if p is not None] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [["tunggu@example.go.id"]]


@pytest.mark.django_db(transaction=True)
def test_one_registration_cancelled_twice_at_once_promotes_one_delegate():
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=1)
    first = RegistrationFactory(invitation=invitation)
    waiting = [
        register_delegate(
            invitation,
            full_name=f"T{n}",
            email=f"t{n}@example.go.id",
            position="Staf",
            gender="P",
            phone="0811",
        )
        for n in range(2)
    ]

    results, errors = run_together([lambda: cancel_registration(first)] * 2)

    assert len(errors) == 1 and isinstance(errors[0], NotAllowed)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.CONFIRMED, Status.WAITLISTED]
