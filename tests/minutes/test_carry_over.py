"""Carry-over: open actions of the previous final minutes into the next meeting's agenda and minutes."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.services.agenda import clone_meeting
from minutes import followup, services
from minutes.models import ActionItem
from tests.factories import AgencyFactory
from tests.meetings.factories import wita

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(ready, note_taker, organiser):
    """Final 2018 minutes: 'Menyampaikan RKA 2019' open (no due date), one dated open, one done."""
    berau = AgencyFactory(name="Dinas PMK Kabupaten Berau", short_name="DPMK Berau")
    services.add_action(
        ready,
        what="Memutakhirkan profil desa",
        agency=berau,
        due_date=datetime.date(2018, 8, 31),
        by=note_taker,
    )
    services.add_action(ready, what="Sudah beres", agency=berau, status="done", by=note_taker)
    services.finalise_minutes(ready, by=organiser)
    return ready


@pytest.fixture
def next_meeting(final):
    return clone_meeting(final.meeting, start=wita(2019, 4, 23, 8))


def test_staff_page_offers_the_evaluation_item_when_the_previous_minutes_have_open_actions(
    organiser_client, next_meeting, final
):
    page = organiser_client.get(next_meeting.get_absolute_url()).content.decode()
    assert reverse("minutes:followup_carry_over", args=[next_meeting.pk]) in page
    assert "Tambahkan evaluasi tindak lanjut" in page
    # The earlier meeting itself has nothing before it to evaluate.
    earlier = organiser_client.get(final.meeting.get_absolute_url()).content.decode()
    assert reverse("minutes:followup_carry_over", args=[final.meeting.pk]) not in earlier


def test_adding_the_evaluation_item_lists_the_open_actions_with_agency_and_due_date(
    organiser_client, next_meeting
):
    url = reverse("minutes:followup_carry_over", args=[next_meeting.pk])
    assert "Memutakhirkan profil desa" in organiser_client.get(url).content.decode()
    assert organiser_client.post(url).status_code == 302
    item = AgendaItem.objects.get(session__meeting=next_meeting, title=followup.CARRY_OVER_TITLE)
    assert "Memutakhirkan profil desa — DPMK Berau — 31 Agustus 2018" in item.description
    assert "Menyampaikan RKA 2019" in item.description
    assert "Sudah beres" not in item.description
    organiser_client.post(url)  # twice: still one item
    assert AgendaItem.objects.filter(title=followup.CARRY_OVER_TITLE).count() == 1
    page = organiser_client.get(next_meeting.get_absolute_url()).content.decode()
    assert "Tambahkan evaluasi tindak lanjut" not in page


def test_carry_over_page_explains_when_there_is_nothing_to_carry(organiser_client, final):
    response = organiser_client.get(reverse("minutes:followup_carry_over", args=[final.meeting.pk]))
    assert "tidak ada yang perlu dievaluasi" in response.content.decode()
    organiser_client.post(reverse("minutes:followup_carry_over", args=[final.meeting.pk]))
    assert not AgendaItem.objects.filter(title=followup.CARRY_OVER_TITLE).exists()


def test_carry_over_is_for_organisers_only(client, coordinator, next_meeting):
    client.force_login(coordinator)
    assert client.get(reverse("minutes:followup_carry_over", args=[next_meeting.pk])).status_code == 404


def test_new_minutes_get_the_open_actions_carried_and_finalising_updates_the_originals(
    next_meeting, final, note_taker, organiser
):
    new = services.start_minutes(next_meeting, by=note_taker)
    carried = list(new.actions.order_by("order"))
    assert [a.what for a in carried] == ["Menyampaikan RKA 2019", "Memutakhirkan profil desa"]
    assert all(a.carried_from.minutes_id == final.pk for a in carried)
    services.update_action(carried[1], status=ActionItem.Status.DONE)
    services.update_details(new, by=note_taker, note_taker_name="Dedi")
    services.add_decision(new, text="Evaluasi tindak lanjut diterima.", by=note_taker)
    services.finalise_minutes(new, by=organiser)
    assert ActionItem.objects.get(pk=carried[1].carried_from_id).status == ActionItem.Status.DONE
    assert ActionItem.objects.get(pk=carried[0].carried_from_id).status == ActionItem.Status.OPEN


def test_progress_posted_on_an_original_follows_into_its_carried_copy(next_meeting, final, note_taker):
    new = services.start_minutes(next_meeting, by=note_taker)
    original = final.actions.get(what="Memutakhirkan profil desa")
    followup.post_progress(original, status="in_progress", note="Berjalan", by=None)
    assert new.actions.get(carried_from=original).status == ActionItem.Status.IN_PROGRESS


def test_carrying_twice_adds_nothing(next_meeting, final, note_taker):
    new = services.start_minutes(next_meeting, by=note_taker)
    assert followup.carry_over_actions(new, final) == []
    assert new.actions.count() == 2
