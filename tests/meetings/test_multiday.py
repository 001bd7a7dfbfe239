"""Meetings over several days: every surface shows the agenda by day, each item under its own date.

The two-day meeting of ``build_two_day``: 'Pleno I' on Tuesday 24 April 2018, 'Kelas Praktik' on
both days (one item each), 'Pleno II' on Wednesday 25 April.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import agenda_days, registration_mail, snapshots
from meetings.models import Meeting
from meetings.services import agenda
from tests.meetings.agenda_fixtures import (
    DAY_ONE_ITEMS,
    DAY_TWO_ITEMS,
    TWO_DAY_TITLE,
    build_rakor,
    build_two_day,
    flat_text,
)
from tests.meetings.factories import InvitationFactory, RegistrationFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db

DAY_ONE = "Selasa, 24 April 2018"
DAY_TWO = "Rabu, 25 April 2018"


def assert_in_order(text, *parts):
    """Each part occurs in ``text`` after the one before it; returns where each was found."""
    positions, position = [], -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} not found after position {position}"
        positions.append(found)
        position = found
    return positions


def assert_grouped_by_day(text, day_one=DAY_ONE, day_two=DAY_TWO):
    """Day one's heading, its items, then day two's heading and its items; nothing crosses over."""
    positions = assert_in_order(text, day_one, *DAY_ONE_ITEMS, day_two, *DAY_TWO_ITEMS)
    day_two_heading = positions[len(DAY_ONE_ITEMS) + 1]
    assert all(text.rfind(title) < day_two_heading for title in DAY_ONE_ITEMS)
    assert all(text.find(title) > day_two_heading for title in DAY_TWO_ITEMS)


def page(client, name, meeting):
    response = client.get(reverse(f"meetings:{name}", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


# The helper --------------------------------------------------------------------------------------


def test_snapshot_days_put_a_session_held_on_two_days_under_both_with_that_days_items():
    meeting = build_two_day()
    days = agenda_days.snapshot_days(snapshots.public_snapshot(meeting.latest_version()))

    assert [day["date"] for day in days] == [datetime.date(2018, 4, 24), datetime.date(2018, 4, 25)]
    outline = [
        [
            (session["title"], [item["title"] for item in session["items"]], session["first"])
            for session in day["sessions"]
        ]
        for day in days
    ]
    assert outline == [
        [("Pleno I", DAY_ONE_ITEMS[:2], True), ("Kelas Praktik", DAY_ONE_ITEMS[2:], True)],
        [("Kelas Praktik", DAY_TWO_ITEMS[:1], False), ("Pleno II", DAY_TWO_ITEMS[1:], True)],
    ]
    # The session's times on each day are that day's.
    kelas_day_two = days[1]["sessions"][0]
    assert (kelas_day_two["start"], kelas_day_two["end"]) == (wita(2018, 4, 25, 8), wita(2018, 4, 25, 10))


def test_a_session_without_items_stays_after_the_session_before_it():
    meeting = build_two_day(publish=False)
    SessionFactory(meeting=meeting, title="Sesi Kosong", order=4)
    display = snapshots.for_display(snapshots.build_snapshot(meeting), public=False)

    days = agenda_days.snapshot_days(display)

    assert [session["title"] for session in days[-1]["sessions"]] == [
        "Kelas Praktik",
        "Pleno II",
        "Sesi Kosong",
    ]


def test_a_single_day_meeting_is_one_day_without_day_headings():
    meeting = build_rakor()
    display = snapshots.public_snapshot(meeting.latest_version())

    days = agenda_days.snapshot_days(display)

    assert [day["date"] for day in days] == [datetime.date(2018, 4, 24)]
    assert not agenda_days.shows_days(display, days)


# Public pages and documents ----------------------------------------------------------------------


def test_public_agenda_page_shows_day_two_items_under_the_day_two_heading(client):
    html = page(client, "agenda", build_two_day())

    assert_grouped_by_day(html, f"{DAY_ONE}</h3>", f"{DAY_TWO}</h3>")
    # The two-day session is shown on both days; its anchor is on the first.
    assert html.count(">Kelas Praktik <small") == 2
    assert html.count('id="sesi-') == 3


def test_public_meeting_page_shows_the_agenda_by_day_and_both_dates(client):
    html = page(client, "public", build_two_day())

    assert f"{DAY_ONE} s.d. {DAY_TWO}" in html
    assert_grouped_by_day(html, f"{DAY_ONE}</h3>", f"{DAY_TWO}</h3>")


def test_single_day_public_agenda_has_no_day_heading(client):
    html = page(client, "agenda", build_rakor())

    assert "public-agenda-day" not in html


def test_agenda_pdf_prints_day_two_items_after_the_day_two_heading(client):
    response = client.get(reverse("meetings:agenda_pdf", args=[build_two_day().pk]))
    text = flat_text(response.content)

    assert f"{DAY_ONE} s.d. {DAY_TWO}" in text
    # After the header line with both dates: day one's row, its items, day two's row, its items.
    body = text[text.index("PELAKSANA/KETERANGAN") :]
    assert_grouped_by_day(body)
    assert body.count("Kelas Praktik – Ruang Meranti") == 2


def test_staff_draft_pdf_groups_the_live_agenda_by_day(organiser_client):
    meeting = build_two_day(publish=False)
    response = organiser_client.get(reverse("meetings:agenda_draft_pdf", args=[meeting.pk]))
    text = flat_text(response.content)

    assert_grouped_by_day(text[text.index("PELAKSANA/KETERANGAN") :])


def test_ics_description_lists_day_two_items_under_day_two_and_splits_the_two_day_session(client):
    meeting = build_two_day()
    calendar = Calendar.from_ical(client.get(reverse("meetings:ics", args=[meeting.pk])).content)
    events = list(calendar.walk("VEVENT"))

    main = next(event for event in events if str(event["SUMMARY"]) == TWO_DAY_TITLE)
    description = str(main["DESCRIPTION"])
    assert_grouped_by_day(description)
    assert f"{DAY_TWO}\n08.00–10.00 WITA {DAY_TWO_ITEMS[0]}" in description
    # The session held on both days is an event on each day, not one over the night.
    kelas = sorted(
        (event for event in events if str(event["SUMMARY"]).startswith("Kelas Praktik")),
        key=lambda e: e.start,
    )
    assert [(event.start, event.end) for event in kelas] == [
        (wita(2018, 4, 24, 13), wita(2018, 4, 24, 16)),
        (wita(2018, 4, 25, 8), wita(2018, 4, 25, 10)),
    ]
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_session_ics_of_a_two_day_session_has_an_event_per_day(client):
    meeting = build_two_day()
    kelas = meeting.sessions.get(title="Kelas Praktik")
    response = client.get(reverse("meetings:session_ics", args=[meeting.pk, kelas.pk]))

    events = list(Calendar.from_ical(response.content).walk("VEVENT"))

    assert [str(event["DESCRIPTION"]) for event in events] == [
        f"13.00–16.00 WITA {DAY_ONE_ITEMS[2]} (Dr. Budi Santoso)",
        f"08.00–10.00 WITA {DAY_TWO_ITEMS[0]} (Dr. Budi Santoso)",
    ]


# Staff, delegates, desk --------------------------------------------------------------------------


def test_staff_meeting_page_shows_the_editor_by_day(organiser_client):
    meeting = build_two_day()
    html = organiser_client.get(meeting.get_absolute_url()).content.decode()

    assert "Waktu rapat: Selasa, 24 April 2018 08.00–Rabu, 25 April 2018 12.00 WITA" in html
    assert_grouped_by_day(html, f"{DAY_ONE}</h3>", f"{DAY_TWO}</h3>")
    # The session on both days has one card per day, with that day's total.
    assert html.count('id="sesi-') == 3
    assert_in_order(html, "Kelas Praktik", "3 jam", DAY_TWO, "Kelas Praktik", "2 jam")


def test_single_day_staff_page_has_no_day_heading(organiser_client):
    meeting = build_rakor()
    html = organiser_client.get(meeting.get_absolute_url()).content.decode()

    assert "agenda-day" not in html
    assert "Waktu rapat: Selasa, 24 April 2018 08.00–16.00 WITA" in html


def upcoming_two_day():
    first = timezone.localdate() + datetime.timedelta(days=20)
    return build_two_day(first)


def day_name(day):
    from django.utils.formats import date_format

    return date_format(day, "l, j F Y")


def test_delegates_page_shows_both_dates_and_the_agenda_by_day(client):
    meeting = upcoming_two_day()
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
    first, second = meeting.local_dates()

    html = client.get(registration.manage_url()).content.decode()

    assert f"{day_name(first)} s.d. {day_name(second)}, pukul 08.00 WITA" in html
    assert_grouped_by_day(html, f"{day_name(first)}</h3>", f"{day_name(second)}</h3>")


def test_delegates_page_of_a_single_day_meeting_shows_no_agenda(client):
    meeting = build_rakor(registration_closes=None)
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting))

    html = client.get(registration.manage_url()).content.decode()

    assert "public-agenda" not in html


@pytest.mark.usefixtures("site_url")
def test_confirmation_mail_lists_day_two_items_under_day_two(mailoutbox):
    meeting = upcoming_two_day()
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting, sent=True))
    first, second = meeting.local_dates()

    registration_mail.send("registered", registration.pk)

    (mail,) = mailoutbox
    assert f"{day_name(first)} s.d. {day_name(second)}, pukul 08.00 WITA" in mail.body
    assert_grouped_by_day(mail.body, day_name(first), day_name(second))
    assert f"{day_name(second)}\n  08.00–10.00 WITA {DAY_TWO_ITEMS[0]}" in mail.body


@pytest.mark.usefixtures("site_url")
def test_confirmation_mail_of_a_single_day_meeting_has_no_agenda(mailoutbox):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    meeting = build_rakor(start=start, end=start + datetime.timedelta(hours=8))
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting, sent=True))

    registration_mail.send("registered", registration.pk)

    (mail,) = mailoutbox
    assert "Susunan Acara:" not in mail.body


def meeting_on_its_second_day():
    """A published two-day meeting that began yesterday (WITA) and ends today."""
    today = timezone.localdate(timezone=Meeting().tzinfo)
    return build_two_day(today - datetime.timedelta(days=1))


def test_desk_says_which_day_it_is_and_shows_todays_items_only(clerk_client):
    meeting = meeting_on_its_second_day()
    first, second = meeting.local_dates()

    html = clerk_client.get(reverse("meetings:checkin_desk", args=[meeting.pk])).content.decode()

    assert f"{day_name(first)} s.d. {day_name(second)}" in html
    assert "Hari ke-2 dari 2" in html
    assert_in_order(html, "Acara hari ini", f"{day_name(second)}</h3>", *DAY_TWO_ITEMS)
    assert not any(title in html for title in DAY_ONE_ITEMS)
    assert f'public-agenda-number">4.</span> {DAY_TWO_ITEMS[0]}' in html  # numbered as on the agenda


def test_desk_of_a_meeting_still_ahead_shows_its_dates_and_no_items(clerk_client):
    meeting = upcoming_two_day()
    first, second = meeting.local_dates()

    html = clerk_client.get(reverse("meetings:checkin_desk", args=[meeting.pk])).content.decode()

    assert f"{day_name(first)} s.d. {day_name(second)}" in html
    assert "Hari ke-" not in html and "Acara hari ini" not in html


def test_desk_index_shows_a_two_day_meetings_dates_as_a_range(clerk_client):
    meeting = upcoming_two_day()
    first, second = meeting.local_dates()

    html = clerk_client.get(reverse("meetings:checkin_index")).content.decode()

    assert f"{day_name(first)} s.d. {day_name(second)}" in html


def test_staff_item_form_and_meeting_list_name_both_days(organiser_client):
    meeting = build_two_day()

    form = organiser_client.get(reverse("meetings:item_create", args=[meeting.pk])).content.decode()
    listing = organiser_client.get(reverse("meetings:staff_list") + "?tab=lampau").content.decode()

    assert f"Rapat: {DAY_ONE}, 08.00–{DAY_TWO} 12.00 WITA." in form
    assert f"{DAY_ONE} s.d. {DAY_TWO}" in listing


def test_public_archive_shows_a_two_day_meetings_dates_as_a_range(client):
    build_two_day()

    html = client.get(reverse("meetings:archive")).content.decode()

    assert f"{DAY_ONE} s.d. {DAY_TWO}" in html


def test_moving_a_two_day_meeting_a_day_later_moves_its_day_headings(client):
    meeting = build_two_day()
    agenda.update_meeting(meeting, shift_agenda=True, start=wita(2018, 4, 25, 8), end=wita(2018, 4, 26, 12))
    agenda.publish_agenda(meeting)

    html = page(client, "agenda", meeting)

    agenda_part = html[: html.index("Perubahan jadwal")]  # the change log names the items again
    assert_grouped_by_day(agenda_part, f"{DAY_TWO}</h3>", "Kamis, 26 April 2018</h3>")


# Demo --------------------------------------------------------------------------------------------


def test_demo_has_an_upcoming_published_two_day_rapat_teknis_with_items_on_both_days(client):
    from agencies import demo as agencies_demo
    from meetings import demo

    agencies_demo.load_demo()
    demo.load_demo()
    demo.load_demo()  # idempotent

    (meeting,) = Meeting.objects.filter(title__startswith=demo.TEKNIS_TITLE_PREFIX)
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.start > timezone.now()
    first, second = meeting.local_dates()
    assert second == first + datetime.timedelta(days=1)
    days = agenda_days.snapshot_days(snapshots.public_snapshot(meeting.latest_version()))
    assert [day["date"] for day in days] == [first, second]
    assert [session["title"] for session in days[1]["sessions"]] == [
        "Kelas Praktik Siskeudes",
        "Sesi Pleno II",
    ]
    html = page(client, "agenda", meeting)
    assert_in_order(html, f"{day_name(second)}</h3>", "Praktik penatausahaan dan pelaporan keuangan desa")
