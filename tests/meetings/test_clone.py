"""Cloning next year's rakor: what is copied, what is shifted, and what stays behind."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, AgendaVersion, Material, Meeting
from meetings.services import agenda
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MaterialFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    wita,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rakor_2018():
    meeting = MeetingFactory(
        title="Rapat Koordinasi Bidang Pemberdayaan Masyarakat dan Pemerintahan Desa Tahun 2018",
        theme="Sinkronisasi program Tahun Anggaran 2019",
        fiscal_year=2019,
        start=wita(2018, 4, 24, 7, 30),
        end=wita(2018, 4, 24, 17),
        registration_opens=wita(2018, 4, 2, 8),
        registration_closes=wita(2018, 4, 20, 16),
        letter_number="005/0412/DPMPD/2018",
    )
    pleno = SessionFactory(meeting=meeting, title="Sesi Pleno I", room="Ballroom", order=1)
    komisi = SessionFactory(
        meeting=meeting, kind="komisi", title="Komisi I Pemerintahan Desa", room="Ruang Meranti", order=2
    )
    AgendaItemFactory(
        session=pleno, title="Pembukaan", start=wita(2018, 4, 24, 8), end=wita(2018, 4, 24, 8, 30)
    )
    AgendaItemFactory(
        session=pleno,
        title="Rapat panitia",
        is_public=False,
        start=wita(2018, 4, 24, 8, 30),
        end=wita(2018, 4, 24, 9),
    )
    AgendaItemFactory(
        session=komisi,
        title="Pembahasan Komisi I",
        start=wita(2018, 4, 24, 13, 30),
        end=wita(2018, 4, 24, 15, 30),
    )
    MaterialFactory(meeting=meeting)
    agenda.publish_agenda(meeting)
    return meeting


def test_clone_copies_sessions_and_items_shifted_to_the_new_date(rakor_2018):
    clone = agenda.clone_meeting(rakor_2018, start=wita(2019, 4, 23, 7, 30))

    assert (clone.start, clone.end) == (wita(2019, 4, 23, 7, 30), wita(2019, 4, 23, 17))
    assert [(s.title, s.room, s.kind) for s in clone.sessions.order_by("order")] == [
        ("Sesi Pleno I", "Ballroom", "pleno"),
        ("Komisi I Pemerintahan Desa", "Ruang Meranti", "komisi"),
    ]
    items = AgendaItem.objects.filter(session__meeting=clone).order_by("start")
    assert [(i.title, i.start, i.end, i.is_public) for i in items] == [
        ("Pembukaan", wita(2019, 4, 23, 8), wita(2019, 4, 23, 8, 30), True),
        ("Rapat panitia", wita(2019, 4, 23, 8, 30), wita(2019, 4, 23, 9), False),
        ("Pembahasan Komisi I", wita(2019, 4, 23, 13, 30), wita(2019, 4, 23, 15, 30), True),
    ]


def test_clone_moves_years_window_and_leaves_the_rest_behind(rakor_2018):
    clone = agenda.clone_meeting(rakor_2018, start=wita(2019, 4, 23, 7, 30))

    assert clone.title == "Rapat Koordinasi Bidang Pemberdayaan Masyarakat dan Pemerintahan Desa Tahun 2019"
    assert clone.theme == "Sinkronisasi program Tahun Anggaran 2020"
    assert clone.fiscal_year == 2020
    assert (clone.registration_opens, clone.registration_closes) == (
        wita(2019, 4, 1, 8),
        wita(2019, 4, 19, 16),
    )
    assert clone.status == Meeting.Status.DRAFT
    assert clone.letter_number == ""
    assert not AgendaVersion.objects.filter(meeting=clone).exists()
    assert not Material.objects.filter(meeting=clone).exists()
    # The original is untouched.
    assert AgendaItem.objects.filter(session__meeting=rakor_2018).count() == 3
    assert rakor_2018.agenda_versions.count() == 1


def test_clone_page_creates_the_draft_and_opens_it(organiser_client, rakor_2018):
    response = organiser_client.post(
        reverse("meetings:staff_clone", args=[rakor_2018.pk]), {"start_date": "2019-04-23"}
    )

    clone = Meeting.objects.exclude(pk=rakor_2018.pk).get()
    assert response.url == clone.get_absolute_url()
    assert clone.start == wita(2019, 4, 23, 7, 30)
    page = organiser_client.get(response.url).content.decode()
    assert "Tahun 2019" in page
    assert "Pembahasan Komisi I" in page


def test_clone_page_suggests_the_same_weekday_next_year(organiser_client, rakor_2018):
    response = organiser_client.get(reverse("meetings:staff_clone", args=[rakor_2018.pk]))

    assert 'value="2019-04-23"' in response.content.decode()


def test_clone_invites_the_same_agencies_with_new_links_and_no_delegates(rakor_2018):
    kukar = InvitationFactory(meeting=rakor_2018, quota=4)
    berau = InvitationFactory(meeting=rakor_2018, quota=2)
    revoked = InvitationFactory(meeting=rakor_2018, quota=3, revoked_at=wita(2018, 4, 10))
    RegistrationFactory(invitation=kukar)

    clone = agenda.clone_meeting(rakor_2018, start=wita(2019, 4, 23, 7, 30))

    copied = {inv.agency_id: inv for inv in clone.invitations.all()}
    assert {agency: inv.quota for agency, inv in copied.items()} == {kukar.agency_id: 4, berau.agency_id: 2}
    assert revoked.agency_id not in copied
    assert copied[kukar.agency_id].token != kukar.token
    assert all(inv.sent_at is None for inv in copied.values())
    assert not clone.registrations.exists()


def test_clone_moves_years_in_agenda_titles_and_descriptions(rakor_2018):
    AgendaItemFactory(
        session=rakor_2018.sessions.get(order=1),
        title="Paparan program Provinsi Tahun Anggaran 2019",
        description="Dana Desa 2019; Permendagri 114 Tahun 2014",
        start=wita(2018, 4, 24, 9),
        end=wita(2018, 4, 24, 9, 30),
    )

    clone = agenda.clone_meeting(rakor_2018, start=wita(2019, 4, 23, 7, 30))

    item = AgendaItem.objects.get(session__meeting=clone, title__startswith="Paparan")
    assert item.title == "Paparan program Provinsi Tahun Anggaran 2020"
    assert item.description == "Dana Desa 2020; Permendagri 114 Tahun 2014"
