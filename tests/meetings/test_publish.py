"""'Terbitkan': versions, the snapshot, and the change log ('Perubahan jadwal')."""

import pytest
from django.urls import reverse

from meetings import snapshots
from meetings.models import AgendaChange, AgendaVersion, Meeting
from meetings.services import agenda
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting, title="Sesi Pleno I", room="Ballroom")
    AgendaItemFactory(
        session=session,
        title="Pembukaan",
        kind="pembukaan",
        start=wita(2018, 4, 24, 8),
        end=wita(2018, 4, 24, 8, 30),
    )
    AgendaItemFactory(
        session=session,
        title="Paparan Kebijakan Nasional",
        start=wita(2018, 4, 24, 10),
        end=wita(2018, 4, 24, 11),
    )
    AgendaItemFactory(
        session=session,
        title="Rapat Panitia",
        is_public=False,
        start=wita(2018, 4, 24, 12),
        end=wita(2018, 4, 24, 12, 30),
    )
    return meeting


def public_changes(meeting):
    return list(
        AgendaChange.objects.filter(version__meeting=meeting, is_public=True).values_list(
            "description", flat=True
        )
    )


def test_first_publish_creates_version_one_and_publishes_the_meeting(meeting, organiser):
    version = agenda.publish_agenda(meeting, user=organiser)

    meeting.refresh_from_db()
    assert (version.number, version.published_by) == (1, organiser)
    assert meeting.status == Meeting.Status.PUBLISHED
    assert not meeting.has_unpublished_changes
    assert not version.changes.exists()
    titles = [item["title"] for item in version.snapshot["sessions"][0]["items"]]
    assert titles == ["Pembukaan", "Paparan Kebijakan Nasional", "Rapat Panitia"]
    assert version.snapshot["meeting"]["start"] == "2018-04-24T08:00:00+08:00"


def test_public_snapshot_drops_internal_items_and_parses_times(meeting):
    version = agenda.publish_agenda(meeting)

    display = snapshots.public_snapshot(version)

    items = display["sessions"][0]["items"]
    assert [item["title"] for item in items] == ["Pembukaan", "Paparan Kebijakan Nasional"]
    assert items[1]["start"] == wita(2018, 4, 24, 10)
    assert items[1]["duration_minutes"] == 60
    assert display["meeting"]["timezone_label"] == "WITA"


def test_the_published_snapshot_does_not_follow_later_edits(meeting):
    version = agenda.publish_agenda(meeting)
    item = meeting.sessions.get().items.get(title="Pembukaan")

    agenda.update_agenda_item(item, title="Pembukaan (draf baru)")

    version.refresh_from_db()
    assert snapshots.public_snapshot(version)["sessions"][0]["items"][0]["title"] == "Pembukaan"
    meeting.refresh_from_db()
    assert meeting.has_unpublished_changes


def test_moving_an_item_after_publishing_logs_a_change_naming_it(meeting):
    agenda.publish_agenda(meeting)
    item = meeting.sessions.get().items.get(title="Paparan Kebijakan Nasional")
    agenda.update_agenda_item(item, start=wita(2018, 4, 24, 10, 30), end=wita(2018, 4, 24, 11, 30))

    version = agenda.publish_agenda(meeting)

    assert version.number == 2
    assert public_changes(meeting) == [
        "Mata acara 'Paparan Kebijakan Nasional' dipindah dari 10.00 ke 10.30 WITA."
    ]


def test_added_removed_and_renamed_items_are_logged(meeting):
    agenda.publish_agenda(meeting)
    session = meeting.sessions.get()
    agenda.delete_agenda_item(session.items.get(title="Pembukaan"))
    agenda.add_agenda_item(
        session, title="Diskusi", kind="diskusi", start=wita(2018, 4, 24, 11), end=wita(2018, 4, 24, 11, 45)
    )
    agenda.update_agenda_item(
        session.items.get(title="Paparan Kebijakan Nasional"), title="Paparan Kebijakan Nasional 2019"
    )

    agenda.publish_agenda(meeting)

    assert sorted(public_changes(meeting)) == sorted(
        [
            "Mata acara 'Diskusi' ditambahkan pada 11.00–11.45 WITA.",
            "Mata acara 'Paparan Kebijakan Nasional' diganti judulnya menjadi "
            "'Paparan Kebijakan Nasional 2019'.",
            "Mata acara 'Pembukaan' dihapus.",
        ]
    )


def test_changes_to_internal_items_never_reach_the_public_change_log(meeting):
    agenda.publish_agenda(meeting)
    session = meeting.sessions.get()
    agenda.update_agenda_item(
        session.items.get(title="Rapat Panitia"), start=wita(2018, 4, 24, 13), end=wita(2018, 4, 24, 13, 30)
    )
    agenda.add_agenda_item(
        session,
        title="Gladi Bersih",
        is_public=False,
        start=wita(2018, 4, 24, 7),
        end=wita(2018, 4, 24, 7, 30),
    )

    version = agenda.publish_agenda(meeting)

    assert public_changes(meeting) == []
    internal = list(version.changes.filter(is_public=False).values_list("description", flat=True))
    assert "Mata acara 'Rapat Panitia' dipindah dari 12.00 ke 13.00 WITA." in internal
    assert not any("Rapat Panitia" in text or "Gladi" in text for text in public_changes(meeting))


def test_making_an_item_internal_reads_as_removed_to_the_public(meeting):
    agenda.publish_agenda(meeting)
    agenda.update_agenda_item(meeting.sessions.get().items.get(title="Pembukaan"), is_public=False)

    agenda.publish_agenda(meeting)

    assert public_changes(meeting) == ["Mata acara 'Pembukaan' dihapus."]


def test_session_room_change_is_logged(meeting):
    agenda.publish_agenda(meeting)
    agenda.update_session(meeting.sessions.get(), room="Ruang Mahakam")

    agenda.publish_agenda(meeting)

    assert public_changes(meeting) == ["Ruang sesi 'Sesi Pleno I' diubah menjadi Ruang Mahakam."]


def test_publishing_without_changes_makes_no_new_version(meeting):
    first = agenda.publish_agenda(meeting)

    again = agenda.publish_agenda(meeting)

    assert again.pk == first.pk
    assert AgendaVersion.objects.filter(meeting=meeting).count() == 1


def test_publish_button_publishes_and_shows_the_change_log(organiser_client, meeting):
    organiser_client.post(reverse("meetings:staff_publish", args=[meeting.pk]))
    item = meeting.sessions.get().items.get(title="Paparan Kebijakan Nasional")
    agenda.update_agenda_item(item, start=wita(2018, 4, 24, 10, 30), end=wita(2018, 4, 24, 11, 30))

    response = organiser_client.post(reverse("meetings:staff_publish", args=[meeting.pk]), follow=True)

    html = response.content.decode()
    assert "Agenda versi 2 diterbitkan dan tampil di halaman publik." in html
    assert "Versi 2" in html
    assert "Mata acara &#x27;Paparan Kebijakan Nasional&#x27; dipindah dari 10.00 ke 10.30 WITA." in html


def test_publish_needs_post(organiser_client, meeting):
    response = organiser_client.get(reverse("meetings:staff_publish", args=[meeting.pk]))

    assert response.status_code == 405
    assert not AgendaVersion.objects.exists()
