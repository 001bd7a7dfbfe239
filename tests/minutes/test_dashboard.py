"""The follow-up's home page cards, per role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from minutes import services
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(ready, note_taker, organiser):
    agency = ready.meeting.invitations.first().agency
    today = timezone.localdate()
    services.add_action(
        ready,
        what="Segera jatuh tempo",
        agency=agency,
        due_date=today + datetime.timedelta(days=5),
        by=note_taker,
    )
    services.add_action(
        ready,
        what="Masih lama sekali",
        agency=agency,
        due_date=today + datetime.timedelta(days=60),
        by=note_taker,
    )
    services.add_action(
        ready,
        what="Sudah terlambat",
        agency=agency,
        due_date=today - datetime.timedelta(days=3),
        by=note_taker,
    )
    services.finalise_minutes(ready, by=organiser)
    return ready


def test_coordinator_card_lists_actions_due_soon_and_overdue(client, final):
    agency = final.meeting.invitations.first().agency
    client.force_login(MembershipFactory(agency=agency, user__username="paser").user)
    page = client.get(reverse("home")).content.decode()
    assert "Tindak lanjut jatuh tempo" in page
    assert "Segera jatuh tempo" in page and "Sudah terlambat" in page
    assert "Masih lama sekali" not in page
    assert reverse("minutes:followup_mine") in page


def test_coordinator_of_another_agency_sees_none_of_them(client, coordinator, final):
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Segera jatuh tempo" not in page and "Sudah terlambat" not in page


def test_organiser_card_counts_overdue_actions_and_links_the_overview(organiser_client, final):
    response = organiser_client.get(reverse("home"))
    page = response.content.decode()
    assert "Tindak lanjut rakor" in page
    assert reverse("minutes:followup_overview") in page
    items = {
        str(item.label): item.count
        for group in response.context["sections"].values()
        for section in group
        for item in section.items
        if str(section.title) == "Tindak lanjut rakor"
    }
    assert items["Lewat batas waktu"] == 1


def test_note_taker_card_lists_minutes_not_final(client, note_taker, minutes):
    client.force_login(note_taker)
    page = client.get(reverse("home")).content.decode()
    assert "Notula yang belum final" in page and minutes.meeting.title in page
