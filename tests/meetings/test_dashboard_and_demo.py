import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import demo
from meetings.models import AgendaItem, AgendaVersion, Meeting
from meetings.services import agenda
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_organisers_dashboard_lists_upcoming_meetings_and_unpublished_agendas(organiser_client):
    start = timezone.now() + datetime.timedelta(days=10)
    draft = MeetingFactory(title="Rakor 2027 (draf)", start=start, end=start + datetime.timedelta(hours=8))
    published = MeetingFactory(
        title="Rakernis 2027", start=start, end=start + datetime.timedelta(hours=8), items=1
    )
    agenda.publish_agenda(published)
    MeetingFactory(title="Rakor 2018 yang sudah lewat")

    html = organiser_client.get(reverse("home")).content.decode()

    assert "Rapat mendatang" in html
    assert "Agenda belum diterbitkan" in html
    assert html.count(draft.title) == 2  # in both cards
    assert html.count(published.title) == 1  # upcoming only: its agenda is published
    assert "Rakor 2018 yang sudah lewat" not in html


def test_coordinators_dashboard_has_no_meeting_cards(coordinator_client):
    MeetingFactory()

    html = coordinator_client.get(reverse("home")).content.decode()

    assert "Agenda belum diterbitkan" not in html


def test_demo_loads_the_2018_rakor_published_and_a_draft_and_is_idempotent():
    from agencies import demo as agencies_demo

    agencies_demo.load_demo()
    demo.load_demo()
    demo.load_demo()

    rakor = Meeting.objects.get(title=demo.RAKOR_TITLE)
    assert rakor.status == Meeting.Status.PUBLISHED
    assert rakor.local_start.strftime("%Y-%m-%d %H.%M") == "2018-04-24 07.30"
    assert (rakor.city_id, rakor.fiscal_year, rakor.organiser.short_name) == ("64.71", 2019, "DPMPD Kaltim")
    assert [s.title for s in rakor.sessions.order_by("order")] == [
        "Sesi Pleno I",
        "Komisi I Pemerintahan Desa",
        "Komisi II Pemberdayaan Masyarakat",
        "Sesi Pleno II",
    ]
    items = AgendaItem.objects.filter(session__meeting=rakor)
    assert items.filter(is_public=False).count() == 1
    assert items.filter(title__startswith="Paparan kebijakan nasional").exists()
    version = rakor.latest_version()
    assert version.number == 2
    assert [c.description for c in version.changes.all()] == [
        "Ruang sesi 'Komisi II Pemberdayaan Masyarakat' diubah menjadi Ruang Bengkirai."
    ]
    assert rakor.materials.filter(is_public=True).count() == 1
    assert Meeting.objects.get(title=demo.RAKERNIS_TITLE).status == Meeting.Status.DRAFT
    assert Meeting.objects.count() == 4  # with the upcoming rakor cloned from 2018's and the rapat teknis
    assert AgendaVersion.objects.count() == 4


def test_demo_without_the_organiser_creates_nothing():
    assert demo.load_demo() == []
    assert not Meeting.objects.exists()
