"""The agenda editor: reorder with up/down (htmx or plain POST), durations, totals and warnings."""

import pytest
from django.urls import reverse

from meetings.editor import build_editor
from meetings.models import Meeting
from meetings.services import agenda
from tests.meetings.factories import WITA, AgendaItemFactory, MeetingFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


def titles_and_times(session):
    """(title, start, end) in WITA, in the session's order."""
    return [
        (
            item.title,
            item.start.astimezone(WITA).strftime("%H.%M"),
            item.end.astimezone(WITA).strftime("%H.%M"),
        )
        for item in session.items.order_by("order")
    ]


@pytest.fixture
def session():
    session = SessionFactory(title="Sesi Pleno I")
    AgendaItemFactory(
        session=session, order=1, title="Pembukaan", start=wita(2018, 4, 24, 8), end=wita(2018, 4, 24, 8, 30)
    )
    AgendaItemFactory(
        session=session, order=2, title="Sambutan", start=wita(2018, 4, 24, 8, 30), end=wita(2018, 4, 24, 9)
    )
    # A 15-minute break after the second item stays where it is when items move.
    AgendaItemFactory(
        session=session,
        order=3,
        title="Paparan",
        start=wita(2018, 4, 24, 9, 15),
        end=wita(2018, 4, 24, 10, 15),
    )
    return session


def test_moving_an_item_up_swaps_time_slots_keeping_durations_and_breaks(session):
    paparan = session.items.get(title="Paparan")

    assert agenda.move_item(paparan, "up")

    assert titles_and_times(session) == [
        ("Pembukaan", "08.00", "08.30"),
        ("Paparan", "08.30", "09.30"),
        ("Sambutan", "09.45", "10.15"),
    ]


def test_moving_the_first_item_up_changes_nothing(session):
    assert not agenda.move_item(session.items.get(title="Pembukaan"), "up")
    assert titles_and_times(session)[0] == ("Pembukaan", "08.00", "08.30")


def test_reorder_puts_items_in_the_given_order(session):
    ids = {item.title: item.pk for item in session.items.all()}

    agenda.reorder(session, [ids["Paparan"], ids["Pembukaan"], ids["Sambutan"]])

    assert titles_and_times(session) == [
        ("Paparan", "08.00", "09.00"),
        ("Pembukaan", "09.00", "09.30"),
        ("Sambutan", "09.45", "10.15"),
    ]


def test_reorder_refuses_a_partial_list(session):
    with pytest.raises(ValueError):
        agenda.reorder(session, [session.items.first().pk])


def test_move_button_without_javascript_redirects_back_to_the_item(organiser_client, session):
    sambutan = session.items.get(title="Sambutan")

    response = organiser_client.post(reverse("meetings:item_move", args=[sambutan.pk]), {"direction": "down"})

    assert (
        response.url == reverse("meetings:staff_detail", args=[session.meeting_id]) + f"#acara-{sambutan.pk}"
    )
    assert [title for title, *_ in titles_and_times(session)] == ["Pembukaan", "Paparan", "Sambutan"]


def test_move_button_with_htmx_returns_the_agenda_partial(organiser_client, session):
    sambutan = session.items.get(title="Sambutan")

    response = organiser_client.post(
        reverse("meetings:item_move", args=[sambutan.pk]), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="agenda"' in html
    assert "<html" not in html
    assert html.index("Sambutan") < html.index("Pembukaan")


def test_sessions_move_up_and_down(organiser_client):
    meeting = MeetingFactory()
    first = SessionFactory(meeting=meeting, title="Sesi Pleno I", order=1)
    second = SessionFactory(meeting=meeting, title="Komisi I", order=2)

    organiser_client.post(reverse("meetings:session_move", args=[second.pk]), {"direction": "up"})

    assert list(meeting.sessions.order_by("order").values_list("title", flat=True)) == [
        "Komisi I",
        "Sesi Pleno I",
    ]
    assert first.pk != second.pk


def editor_for(meeting, user):
    return build_editor(Meeting.objects.visible_to(user).with_agenda().get(pk=meeting.pk))


def test_editor_shows_durations_and_a_total_per_session(organiser, organiser_client, session):
    editor = editor_for(session.meeting, organiser)

    assert editor[0].total_minutes == 120
    html = organiser_client.get(session.meeting.get_absolute_url()).content.decode()
    assert "2 jam" in html
    assert "1 jam" in html
    assert "30 menit" in html


def test_editor_flags_items_outside_the_meeting_time(organiser):
    meeting = MeetingFactory()  # 08.00–16.00 WITA
    session = SessionFactory(meeting=meeting)
    AgendaItemFactory(
        session=session, title="Registrasi", start=wita(2018, 4, 24, 7, 30), end=wita(2018, 4, 24, 8)
    )

    [entry] = editor_for(meeting, organiser)

    assert entry.items[0].warnings == ["Di luar waktu rapat (08.00–16.00 WITA)."]


def test_editor_flags_a_plenary_item_overlapping_a_commission_but_not_parallel_commissions(
    organiser, organiser_client
):
    meeting = MeetingFactory()
    pleno = SessionFactory(meeting=meeting, kind="pleno", title="Sesi Pleno II")
    komisi_1 = SessionFactory(meeting=meeting, kind="komisi", title="Komisi I")
    komisi_2 = SessionFactory(meeting=meeting, kind="komisi", title="Komisi II")
    AgendaItemFactory(
        session=komisi_1,
        title="Diskusi Komisi I",
        start=wita(2018, 4, 24, 13, 30),
        end=wita(2018, 4, 24, 15, 30),
    )
    AgendaItemFactory(
        session=komisi_2,
        title="Diskusi Komisi II",
        start=wita(2018, 4, 24, 13, 30),
        end=wita(2018, 4, 24, 15, 30),
    )
    AgendaItemFactory(
        session=pleno, title="Pleno Kesepakatan", start=wita(2018, 4, 24, 15), end=wita(2018, 4, 24, 15, 45)
    )

    editor = {entry.session.title: entry for entry in editor_for(meeting, organiser)}

    assert editor["Sesi Pleno II"].items[0].warnings == [
        "Bersamaan dengan 'Diskusi Komisi I' di Komisi I (13.30–15.30).",
        "Bersamaan dengan 'Diskusi Komisi II' di Komisi II (13.30–15.30).",
    ]
    assert editor["Komisi I"].items[0].warnings == [
        "Bersamaan dengan 'Pleno Kesepakatan' di Sesi Pleno II (15.00–15.45)."
    ]
    html = organiser_client.get(meeting.get_absolute_url()).content.decode()
    assert "Bersamaan dengan &#x27;Diskusi Komisi I&#x27; di Komisi I" in html


def test_editor_flags_overlaps_inside_a_session_that_slipped_past_the_form(organiser):
    # E.g. rows written by the admin or an import: the editor still points at them.
    session = SessionFactory()
    AgendaItemFactory(session=session, title="A", start=wita(2018, 4, 24, 9), end=wita(2018, 4, 24, 10))
    AgendaItemFactory(
        session=session, title="B", start=wita(2018, 4, 24, 9, 30), end=wita(2018, 4, 24, 10, 30)
    )

    [entry] = editor_for(session.meeting, organiser)

    assert entry.items[0].warnings == ["Bertabrakan dengan 'B' (09.30–10.30)."]
    assert entry.warning_count == 2


def test_editor_shows_times_in_the_meetings_own_zone(organiser_client):
    meeting = MeetingFactory(timezone="Asia/Jakarta")  # 08.00 WITA is 07.00 WIB
    AgendaItemFactory(session__meeting=meeting, start=wita(2018, 4, 24, 8), end=wita(2018, 4, 24, 8, 30))

    html = organiser_client.get(meeting.get_absolute_url()).content.decode()

    assert "07.00–07.30" in html
    assert "Waktu (WIB)" in html or "(WIB)" in html
    assert "08.00–08.30" not in html


def test_editor_counts_warnings_above_the_sessions(organiser_client):
    meeting = MeetingFactory()
    AgendaItemFactory(session__meeting=meeting, start=wita(2018, 4, 24, 7), end=wita(2018, 4, 24, 7, 30))

    html = organiser_client.get(meeting.get_absolute_url()).content.decode()

    assert "1 peringatan pada susunan acara" in html
