"""Staff pages: who may open them, what the list shows, and that queries do not grow with rows."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import AgendaItemFactory, MaterialFactory, MeetingFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


def staff_urls(meeting):
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(session=session)
    material = MaterialFactory(meeting=meeting)
    return [
        reverse("meetings:staff_list"),
        reverse("meetings:staff_create"),
        reverse("meetings:staff_detail", args=[meeting.pk]),
        reverse("meetings:staff_update", args=[meeting.pk]),
        reverse("meetings:staff_clone", args=[meeting.pk]),
        reverse("meetings:session_create", args=[meeting.pk]),
        reverse("meetings:session_update", args=[session.pk]),
        reverse("meetings:session_delete", args=[session.pk]),
        reverse("meetings:item_create", args=[meeting.pk]),
        reverse("meetings:item_update", args=[item.pk]),
        reverse("meetings:item_delete", args=[item.pk]),
        reverse("meetings:material_create", args=[meeting.pk]),
        reverse("meetings:material_delete", args=[material.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    meeting = MeetingFactory()
    for url in staff_urls(meeting):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_anonymous_posts_change_nothing(client):
    meeting = MeetingFactory(items=2)
    item = meeting.sessions.get().items.first()

    client.post(reverse("meetings:staff_publish", args=[meeting.pk]))
    client.post(reverse("meetings:item_delete", args=[item.pk]))

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.sessions.get().items.count() == 2


def test_coordinators_get_404_everywhere(coordinator_client):
    meeting = MeetingFactory(items=1)
    for url in staff_urls(meeting):
        assert coordinator_client.get(url).status_code == 404, url
    assert coordinator_client.post(reverse("meetings:staff_publish", args=[meeting.pk])).status_code == 404
    item = meeting.sessions.first().items.first()
    assert (
        coordinator_client.post(
            reverse("meetings:item_move", args=[item.pk]), {"direction": "down"}
        ).status_code
        == 404
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_organisers_open_every_staff_page(organiser_client):
    meeting = MeetingFactory()
    for url in staff_urls(meeting):
        response = organiser_client.get(url)
        assert response.status_code == 200, url
        assert "<h1" in response.content.decode(), url


def test_list_splits_upcoming_and_past_and_filters_by_year_and_kind(organiser_client):
    past_rakor = MeetingFactory(title="Rakor 2018")
    MeetingFactory(
        title="Rakernis 2017", kind="rakernis", start=wita(2017, 3, 1, 8), end=wita(2017, 3, 1, 16)
    )
    MeetingFactory(title="Rakor 2099", start=wita(2099, 4, 21, 8), end=wita(2099, 4, 21, 16))

    upcoming = organiser_client.get(reverse("meetings:staff_list"))
    past = organiser_client.get(reverse("meetings:staff_list") + "?tab=lampau")
    filtered = organiser_client.get(reverse("meetings:staff_list") + "?tab=lampau&tahun=2018&jenis=rakor")

    assert [m.title for m in upcoming.context["meetings"]] == ["Rakor 2099"]
    assert [m.title for m in past.context["meetings"]] == ["Rakor 2018", "Rakernis 2017"]
    assert list(filtered.context["meetings"]) == [past_rakor]
    assert "Selasa, 24 April 2018" in filtered.content.decode()


def test_list_is_paginated(organiser_client):
    for day in range(1, 23):
        MeetingFactory(start=wita(2017, 1, day, 8), end=wita(2017, 1, day, 16))

    response = organiser_client.get(reverse("meetings:staff_list") + "?tab=lampau&page=2")

    assert len(response.context["meetings"]) == 2
    assert response.context["page_obj"].paginator.count == 22


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_does_not_grow_with_meetings(organiser_client, django_assert_max_num_queries, rows):
    for day in range(rows):
        MeetingFactory(start=wita(2017, 1, 1 + day % 28, 8), end=wita(2017, 1, 1 + day % 28, 16), items=2)

    with django_assert_max_num_queries(6):
        response = organiser_client.get(reverse("meetings:staff_list") + "?tab=lampau")

    assert len(response.context["meetings"]) == min(rows, 20)


@pytest.mark.parametrize("items", [1, 30])
def test_detail_query_count_does_not_grow_with_items(organiser_client, django_assert_max_num_queries, items):
    from meetings.services import agenda

    meeting = MeetingFactory(items=items, end=wita(2018, 4, 25, 16))
    komisi = SessionFactory(meeting=meeting, kind="komisi", title="Komisi I")
    for index in range(items):
        AgendaItemFactory(
            session=komisi, start=wita(2018, 4, 24, 8 + index % 8), end=wita(2018, 4, 24, 8 + index % 8, 20)
        )
        MaterialFactory(meeting=meeting)
    agenda.publish_agenda(meeting)
    agenda.update_session(komisi, room="Ruang Ulin")
    agenda.publish_agenda(meeting)

    # 10, plus 1 for the follow-up's carry-over offer (minutes' followup_tags.carry_over_count).
    with django_assert_max_num_queries(11):
        response = organiser_client.get(meeting.get_absolute_url())

    assert sum(len(entry.items) for entry in response.context["editor"]) == 2 * items
    assert response.content.decode().count('class="list-group-item') == items
