"""The meeting is full: a seat the organiser frees (a rejection, or a raised capacity) goes to the
first on the waiting list, whichever agency they come from, and they get the "Anda mendapat kursi"
e-mail (meetings/services/seats.py, issue 11.1)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Registration
from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, AgencyFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.e2e
Status = Registration.Status


@pytest.fixture
def full_meeting():
    """Capacity 2, both seats held by agency A; agency B (quota left) has one delegate waiting."""
    meeting = upcoming_meeting(title="Rakor PMD 2030", capacity=2)
    agency_a = AgencyFactory(name="Dinas PMD Kabupaten Paser")
    agency_b = AgencyFactory(name="Dinas PMK Kabupaten Berau")
    invitation_a = InvitationFactory(meeting=meeting, agency=agency_a, quota=2, sent=True)
    invitation_b = InvitationFactory(meeting=meeting, agency=agency_b, quota=2, sent=True)
    RegistrationFactory(invitation=invitation_a, full_name="Ani Lestari", email="ani@example.go.id")
    RegistrationFactory(invitation=invitation_a, full_name="Agus Salim", email="agus@example.go.id")
    waiting = RegistrationFactory(
        invitation=invitation_b,
        full_name="Budi Santoso",
        email="budi@example.go.id",
        status=Status.WAITLISTED,
        waitlisted_at=timezone.now(),
    )
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    return meeting, waiting


def row_of(page, name):
    return page.locator("tr").filter(has=page.get_by_role("link", name=name, exact=True))


def promoted_mails():
    return [m for m in mail.outbox if m.subject.startswith("Anda mendapat kursi")]


def test_organiser_rejects_a_delegate_and_the_other_agencys_waiting_delegate_gets_the_seat(
    page, full_meeting
):
    meeting, waiting = full_meeting
    login(page, "penyelenggara", PASSWORD)
    page.goto(reverse("meetings:registrations", args=[meeting.pk]))
    expect(row_of(page, "Budi Santoso")).to_contain_text("Daftar Tunggu")

    row_of(page, "Ani Lestari").get_by_role("link", name="Tolak").click()
    page.get_by_label("Alasan penolakan").fill("Tidak sesuai surat tugas.")
    with page.expect_navigation():
        page.get_by_role("button", name="Tolak dan kirim surel").click()

    expect(row_of(page, "Ani Lestari")).to_contain_text("Ditolak")
    expect(row_of(page, "Budi Santoso")).to_contain_text("Terkonfirmasi")
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in promoted_mails()] == [["budi@example.go.id"]]
    assert "Rakor PMD 2030" in promoted_mails()[0].subject


def test_organiser_raises_the_capacity_and_the_waiting_delegate_is_confirmed(page, full_meeting):
    meeting, waiting = full_meeting
    login(page, "penyelenggara", PASSWORD)
    page.goto(reverse("meetings:staff_update", args=[meeting.pk]))

    page.get_by_label(re.compile("Kapasitas peserta", re.I)).fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan").click()
    page.goto(reverse("meetings:registrations", args=[meeting.pk]))

    expect(row_of(page, "Budi Santoso")).to_contain_text("Terkonfirmasi")
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in promoted_mails()] == [["budi@example.go.id"]]
