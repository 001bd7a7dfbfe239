"""The waiting list across agencies: free meeting-wide seats go to whoever waited first, within
their agency's quota; organisers promote by hand; every status text says the real reason."""

import pytest
from django.urls import reverse

from meetings.models import Registration
from meetings.services import agenda, seats
from meetings.services.errors import NotAllowed
from meetings.services.registration import cancel_registration, register_delegate
from tests.meetings.factories import InvitationFactory, upcoming_meeting

pytestmark = pytest.mark.usefixtures("site_url")
Status = Registration.Status


def person(n):
    return {
        "full_name": f"Peserta {n}",
        "email": f"peserta{n}@example.go.id",
        "position": "Kepala Seksi",
        "gender": Registration.Gender.MALE,
        "phone": "081234567890",
    }


@pytest.fixture
def full_meeting(db):
    """Capacity 2, taken by agency A; agency B's delegate waits for the meeting, not for B's quota."""
    meeting = upcoming_meeting(capacity=2)
    a = InvitationFactory(meeting=meeting, quota=3)
    b = InvitationFactory(meeting=meeting, quota=3)
    seated = [register_delegate(a, **person(1)), register_delegate(a, **person(2))]
    waiting_b = register_delegate(b, **person(3))
    waiting_a = register_delegate(a, **person(4))
    return meeting, seated, waiting_b, waiting_a


def test_a_seat_freed_by_another_agency_goes_to_who_waited_first(
    full_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, seated, waiting_b, waiting_a = full_meeting
    assert waiting_b.status == waiting_a.status == Status.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(seated[0])

    waiting_b.refresh_from_db()
    waiting_a.refresh_from_db()
    assert waiting_b.status == Status.CONFIRMED  # B waited first, across agencies
    assert waiting_a.status == Status.WAITLISTED
    assert mailoutbox[-1].to == [waiting_b.email]


def test_raising_the_capacity_promotes_at_once(full_meeting):
    meeting, _seated, waiting_b, waiting_a = full_meeting

    agenda.update_meeting(meeting, capacity=4)

    assert set(Registration.objects.filter(status=Status.WAITLISTED)) == set()
    assert Registration.objects.get(pk=waiting_b.pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=waiting_a.pk).status == Status.CONFIRMED


def test_promotion_across_agencies_respects_each_agencys_quota(db):
    meeting = upcoming_meeting(capacity=1)
    a = InvitationFactory(meeting=meeting, quota=1)
    b = InvitationFactory(meeting=meeting, quota=1)
    register_delegate(a, **person(1))
    waiting_a = register_delegate(a, **person(2))  # waits for A's quota, not only the capacity
    waiting_b = register_delegate(b, **person(3))

    agenda.update_meeting(meeting, capacity=5)

    assert Registration.objects.get(pk=waiting_a.pk).status == Status.WAITLISTED
    assert Registration.objects.get(pk=waiting_b.pk).status == Status.CONFIRMED
    assert Registration.objects.get(pk=waiting_a.pk).waiting_reason == "quota"


def test_the_delegates_page_says_the_real_reason(client, full_meeting):
    _meeting, _seated, waiting_b, _waiting_a = full_meeting
    assert waiting_b.waiting_reason == "capacity"

    page = client.get(reverse("meetings:registration_manage", args=[waiting_b.manage_token])).content.decode()

    assert "Kapasitas rapat sudah penuh" in page
    assert "Kuota peserta instansi Anda sudah terisi" not in page


def test_an_organiser_promotes_by_hand_beyond_the_quota(organiser_client, organiser, db):
    meeting = upcoming_meeting(capacity=5)
    invitation = InvitationFactory(meeting=meeting, quota=1)
    register_delegate(invitation, **person(1))
    waiting = register_delegate(invitation, **person(2))

    url = reverse("meetings:registration_promote", args=[waiting.pk])
    response = organiser_client.post(url, follow=True)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert waiting.history.first().history_user == organiser
    assert "dinaikkan dari Daftar Tunggu" in response.content.decode()


def test_promotion_by_hand_never_goes_beyond_the_capacity(organiser_client, organiser, full_meeting):
    _meeting, _seated, waiting_b, _waiting_a = full_meeting

    url = reverse("meetings:registration_promote", args=[waiting_b.pk])
    response = organiser_client.post(url, follow=True)

    assert Registration.objects.get(pk=waiting_b.pk).status == Status.WAITLISTED
    assert "Kapasitas rapat sudah penuh" in response.content.decode()
    with pytest.raises(NotAllowed):
        seats.promote_by_hand(waiting_b, by=organiser)


def test_raising_the_capacity_on_the_meeting_form_promotes(organiser_client, full_meeting):
    from tests.meetings.test_forms import meeting_data

    meeting, _seated, waiting_b, _waiting_a = full_meeting
    local = meeting.local_start
    data = meeting_data(
        meeting.organiser,
        title=meeting.title,
        start=local.strftime("%Y-%m-%dT%H:%M"),
        end=meeting.local_end.strftime("%Y-%m-%dT%H:%M"),
        registration_opens="",
        registration_closes="",
        capacity="3",
        fiscal_year=str(local.year + 1),
    )

    response = organiser_client.post(reverse("meetings:staff_update", args=[meeting.pk]), data)

    assert response.status_code == 302
    assert Registration.objects.get(pk=waiting_b.pk).status == Status.CONFIRMED
