"""A registration whose transaction does not commit leaves no assignment letter behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection

from meetings.models import Registration
from meetings.services.registration import register_delegate, substitute_delegate
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSON = {
    "full_name": "Siti Aminah",
    "email": "siti@example.go.id",
    "position": "Kepala Seksi",
    "gender": "P",
    "phone": "081234567890",
}


def letter():
    return SimpleUploadedFile("surat-tugas.pdf", PDF, "application/pdf")


def letters_on_disk(settings):
    folder = settings.PRIVATE_MEDIA_ROOT / "surat-tugas"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def lose_the_insert(execute, sql, params, many, context):
    """The database fails the INSERT of the registration, as a lock timeout or lost connection would."""
    if sql.startswith('INSERT INTO "meetings_registration"'):
        raise OperationalError("lock timeout (simulated by the database wrapper)")
    return execute(sql, params, many, context)


def test_a_failed_registration_leaves_no_letter_on_disk(settings):
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=3)

    with connection.execute_wrapper(lose_the_insert), pytest.raises(OperationalError):
        register_delegate(invitation, assignment_letter=letter(), **PERSON)

    assert not Registration.objects.exists()
    assert letters_on_disk(settings) == []


def test_a_successful_registration_keeps_its_letter(settings):
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=3)
    registration = register_delegate(invitation, assignment_letter=letter(), **PERSON)
    stored = registration.assignment_letter.name.rsplit("/")[-1]
    assert [path.name for path in letters_on_disk(settings)] == [stored]


def test_a_failed_substitution_leaves_no_letter_on_disk(settings):
    old = RegistrationFactory(invitation=InvitationFactory(meeting=upcoming_meeting()))

    with connection.execute_wrapper(lose_the_insert), pytest.raises(OperationalError):
        substitute_delegate(old, assignment_letter=letter(), **{**PERSON, "email": "baru@example.go.id"})

    old.refresh_from_db()
    assert old.is_active
    assert letters_on_disk(settings) == []
