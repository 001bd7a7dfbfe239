"""Bad input on the staff forms: a clear message at the field, and what was typed stays."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from tests.factories import region
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganiserAgencyFactory,
    SessionFactory,
    wita,
)

pytestmark = pytest.mark.django_db


def meeting_data(organiser_agency, **overrides):
    data = {
        "kind": "rakor",
        "title": "Rapat Koordinasi Tahun 2019",
        "theme": "Sinkronisasi program 2020",
        "organiser": organiser_agency.pk,
        "fiscal_year": "2020",
        "start": "2019-04-23T08:00",
        "end": "2019-04-23T16:00",
        "timezone": "Asia/Makassar",
        "venue": "Hotel Gran Senyiur",
        "address": "Jl. ARS. Muhammad No. 7",
        "city": region("64.71").pk,
        "registration_opens": "2019-04-01T08:00",
        "registration_closes": "2019-04-20T16:00",
        "capacity": "150",
        "default_quota": "3",
        "chair_name": "Kepala Dinas",
        "chair_title": "Kepala DPMPD",
        "letter_number": "005/1/DPMPD/2019",
    }
    data.update(overrides)
    return data


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_create_meeting_stores_times_in_wita(organiser_client):
    agency = OrganiserAgencyFactory()

    response = organiser_client.post(reverse("meetings:staff_create"), meeting_data(agency))

    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert meeting.start == wita(2019, 4, 23, 8)
    assert meeting.status == Meeting.Status.DRAFT


def test_meeting_times_are_read_in_the_meetings_own_zone(organiser_client):
    agency = OrganiserAgencyFactory()

    organiser_client.post(reverse("meetings:staff_create"), meeting_data(agency, timezone="Asia/Jakarta"))

    meeting = Meeting.objects.get()
    assert meeting.local_start.strftime("%H.%M") == "08.00"
    assert meeting.start == wita(2019, 4, 23, 9)  # 08.00 WIB is 09.00 WITA


def test_meeting_ending_before_it_starts_is_refused_with_input_kept(organiser_client):
    agency = OrganiserAgencyFactory()

    response = organiser_client.post(
        reverse("meetings:staff_create"), meeting_data(agency, end="2019-04-23T07:00")
    )

    assert response.status_code == 200
    assert field_errors(response, "end") == ["Waktu selesai harus setelah waktu mulai."]
    assert response.context["form"].non_field_errors() == []
    html = response.content.decode()
    assert 'value="2019-04-23T07:00"' in html
    assert 'value="Rapat Koordinasi Tahun 2019"' in html
    assert not Meeting.objects.exists()


def test_registration_closing_after_the_meeting_starts_is_refused(organiser_client):
    agency = OrganiserAgencyFactory()

    response = organiser_client.post(
        reverse("meetings:staff_create"), meeting_data(agency, registration_closes="2019-04-23T09:00")
    )

    assert field_errors(response, "registration_closes") == [
        "Pendaftaran harus ditutup sebelum rapat dimulai (23 April 2019, 08.00)."
    ]
    assert 'value="2019-04-23T09:00"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_registration_closing_before_it_opens_is_refused(organiser_client):
    agency = OrganiserAgencyFactory()

    response = organiser_client.post(
        reverse("meetings:staff_create"), meeting_data(agency, registration_opens="2019-04-21T08:00")
    )

    assert field_errors(response, "registration_closes") == ["Pendaftaran harus ditutup setelah dibuka."]


def test_only_organiser_agencies_can_organise(organiser_client, agency):
    response = organiser_client.post(reverse("meetings:staff_create"), meeting_data(agency))

    assert field_errors(response, "organiser")
    assert not Meeting.objects.exists()


def test_editing_a_meeting_shows_its_times_in_its_zone(organiser_client):
    meeting = MeetingFactory(timezone="Asia/Jakarta")

    response = organiser_client.get(reverse("meetings:staff_update", args=[meeting.pk]))

    assert 'value="2018-04-24T07:00"' in response.content.decode()


def item_data(session, **overrides):
    data = {
        "session": session.pk,
        "start": "2018-04-24T10:00",
        "end": "2018-04-24T10:30",
        "title": "Paparan Program Provinsi 2019",
        "kind": "paparan",
        "description": "",
        "speaker_name": "Kepala Bidang",
        "speaker_title": "",
        "speaker_agency": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_adding_an_item(organiser_client):
    session = SessionFactory()

    response = organiser_client.post(
        reverse("meetings:item_create", args=[session.meeting_id]), item_data(session)
    )

    item = AgendaItem.objects.get()
    assert response.status_code == 302
    assert (item.title, item.start, item.end) == (
        "Paparan Program Provinsi 2019",
        wita(2018, 4, 24, 10),
        wita(2018, 4, 24, 10, 30),
    )
    session.meeting.refresh_from_db()
    assert session.meeting.has_unpublished_changes


def test_item_ending_before_it_starts_is_refused_with_input_kept(organiser_client):
    session = SessionFactory()

    response = organiser_client.post(
        reverse("meetings:item_create", args=[session.meeting_id]), item_data(session, end="2018-04-24T09:30")
    )

    assert field_errors(response, "end") == ["Waktu selesai harus setelah waktu mulai."]
    html = response.content.decode()
    assert 'value="2018-04-24T09:30"' in html
    assert 'value="Paparan Program Provinsi 2019"' in html
    assert not AgendaItem.objects.exists()


def test_item_outside_the_meeting_days_is_refused(organiser_client):
    session = SessionFactory()

    response = organiser_client.post(
        reverse("meetings:item_create", args=[session.meeting_id]),
        item_data(session, start="2018-04-25T10:00", end="2018-04-25T10:30"),
    )

    assert field_errors(response, "start") == [
        "Mata acara harus berada pada hari rapat (Selasa, 24 April 2018)."
    ]
    assert 'value="2018-04-25T10:00"' in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_overlapping_items_in_one_session_are_refused_naming_the_other_item(organiser_client):
    session = SessionFactory()
    AgendaItemFactory(
        session=session,
        title="Sambutan Kepala Dinas",
        start=wita(2018, 4, 24, 9, 45),
        end=wita(2018, 4, 24, 10, 15),
    )

    response = organiser_client.post(
        reverse("meetings:item_create", args=[session.meeting_id]), item_data(session)
    )

    assert field_errors(response, "start") == [
        "Waktunya bertabrakan dengan mata acara 'Sambutan Kepala Dinas' (09.45–10.15 WITA) di sesi ini."
    ]
    assert AgendaItem.objects.count() == 1


def test_items_in_parallel_commissions_may_overlap(organiser_client):
    komisi_1 = SessionFactory(kind="komisi")
    komisi_2 = SessionFactory(meeting=komisi_1.meeting, kind="komisi")
    AgendaItemFactory(session=komisi_1, start=wita(2018, 4, 24, 10), end=wita(2018, 4, 24, 10, 30))

    organiser_client.post(reverse("meetings:item_create", args=[komisi_1.meeting_id]), item_data(komisi_2))

    assert AgendaItem.objects.filter(session=komisi_2).count() == 1


def test_editing_an_item_does_not_clash_with_itself(organiser_client):
    item = AgendaItemFactory(start=wita(2018, 4, 24, 10), end=wita(2018, 4, 24, 10, 30))

    response = organiser_client.post(
        reverse("meetings:item_update", args=[item.pk]), item_data(item.session, end="2018-04-24T10:45")
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.end == wita(2018, 4, 24, 10, 45)


def test_clone_form_refuses_the_same_day(organiser_client):
    meeting = MeetingFactory()

    response = organiser_client.post(
        reverse("meetings:staff_clone", args=[meeting.pk]), {"start_date": "2018-04-24"}
    )

    assert response.context["form"].errors["start_date"] == ["Pilih tanggal yang berbeda dari rapat asal."]
    assert Meeting.objects.count() == 1


def test_editing_a_meeting_is_recorded_in_its_history(organiser_client, organiser):
    agency = OrganiserAgencyFactory()
    organiser_client.post(reverse("meetings:staff_create"), meeting_data(agency))
    meeting = Meeting.objects.get()

    organiser_client.post(
        reverse("meetings:staff_update", args=[meeting.pk]),
        meeting_data(agency, venue="Hotel Novotel Balikpapan"),
    )

    [edit, created] = organiser_client.get(meeting.get_absolute_url()).context["history"]
    assert (created.action, edit.action, edit.user) == ("Dibuat", "Diubah", organiser)
    assert [(c.field, c.old, c.new) for c in edit.changes] == [
        ("tempat", "Hotel Gran Senyiur", "Hotel Novotel Balikpapan")
    ]


def test_moving_a_meeting_moves_its_agenda_in_one_step_with_history(organiser_client):
    meeting = MeetingFactory(items=2)  # Tuesday 24 April 2018, items from 08.00
    first = AgendaItem.objects.filter(session__meeting=meeting).order_by("start").first()
    data = meeting_data(
        meeting.organiser, start="2018-04-26T08:00", end="2018-04-26T16:00", shift_agenda="on"
    )
    data.update(title=meeting.title, registration_opens="", registration_closes="")

    response = organiser_client.post(reverse("meetings:staff_update", args=[meeting.pk]), data)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.start == wita(2018, 4, 26, 8)
    assert first.history.count() == 2  # created, then moved


def test_moving_a_meeting_without_the_agenda_leaves_the_items_where_they_were(organiser_client):
    meeting = MeetingFactory(items=1)
    item = AgendaItem.objects.get(session__meeting=meeting)
    data = meeting_data(meeting.organiser, start="2018-04-26T08:00", end="2018-04-26T16:00")
    data.update(title=meeting.title, registration_opens="", registration_closes="")

    organiser_client.post(reverse("meetings:staff_update", args=[meeting.pk]), data)

    item.refresh_from_db()
    assert item.start == wita(2018, 4, 24, 8)
