"""Agency coordinators: their own agency's invitations and delegates only; add, substitute, cancel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Registration
from rakor import roles
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def meeting(db):
    return upcoming_meeting(title="Rakor PMD 2030")


@pytest.fixture
def own(meeting, coordinator):
    """The coordinator's agency's invitation (quota 1) with one confirmed delegate."""
    agency = coordinator.memberships.get().agency
    invitation = InvitationFactory(meeting=meeting, agency=agency, quota=1, sent=True)
    RegistrationFactory(invitation=invitation, full_name="Siti Aminah", email="siti@example.go.id")
    return invitation


@pytest.fixture
def foreign(meeting):
    """Agency B's invitation and delegate."""
    invitation = InvitationFactory(meeting=meeting, sent=True)
    RegistrationFactory(invitation=invitation, full_name="Rahasia Orang Lain")
    return invitation


def person(name, email, **extra):
    return {
        "full_name": name,
        "nip": "",
        "position": "Kepala Seksi",
        "gender": "L",
        "phone": "081234567890",
        "email": email,
        **extra,
    }


def test_list_shows_only_the_coordinators_agency(coordinator_client, own, foreign):
    response = coordinator_client.get(reverse("meetings:coordinator_invitations"))
    assert [i.pk for i in response.context["invitations"]] == [own.pk]
    assert "1 dari 1 kursi terisi" in response.content.decode()


def test_another_agencys_invitation_and_delegates_are_404(coordinator_client, own, foreign):
    other = foreign.registrations.get()
    assert (
        coordinator_client.get(reverse("meetings:coordinator_invitation", args=[foreign.pk])).status_code
        == 404
    )
    assert (
        coordinator_client.post(
            reverse("meetings:coordinator_invitation", args=[foreign.pk]), person("X", "x@e.id")
        ).status_code
        == 404
    )
    assert coordinator_client.post(reverse("meetings:coordinator_cancel", args=[other.pk])).status_code == 404
    assert (
        coordinator_client.get(reverse("meetings:coordinator_substitute", args=[other.pk])).status_code == 404
    )
    other.refresh_from_db()
    assert other.status == Status.CONFIRMED
    assert foreign.registrations.count() == 1


def test_anonymous_goes_to_login_and_other_roles_get_404(client, own):
    registration = own.registrations.get()
    urls = [
        reverse("meetings:coordinator_invitations"),
        reverse("meetings:coordinator_invitation", args=[own.pk]),
        reverse("meetings:coordinator_substitute", args=[registration.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    client.force_login(UserFactory(roles=[roles.CHECKIN_CLERK]))
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_coordinator_of_the_agency_sees_its_delegates(coordinator_client, own):
    page = coordinator_client.get(reverse("meetings:coordinator_invitation", args=[own.pk])).content.decode()
    assert "Siti Aminah" in page and "Rahasia Orang Lain" not in page


def test_adding_beyond_the_quota_waits_and_cancelling_promotes(coordinator_client, coordinator, own):
    url = reverse("meetings:coordinator_invitation", args=[own.pk])

    response = coordinator_client.post(url, person("Budi Santoso", "budi@example.go.id"), follow=True)

    budi = Registration.objects.get(full_name="Budi Santoso")
    assert budi.status == Status.WAITLISTED and budi.registered_by == coordinator
    assert "Kuota sudah penuh: Budi Santoso masuk Daftar Tunggu." in response.content.decode()

    siti = own.registrations.get(full_name="Siti Aminah")
    response = coordinator_client.post(reverse("meetings:coordinator_cancel", args=[siti.pk]), follow=True)

    siti.refresh_from_db()
    budi.refresh_from_db()
    assert (siti.status, budi.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert "Budi Santoso dari daftar tunggu kini menjadi peserta." in response.content.decode()


def test_duplicate_email_gets_a_field_error_and_no_row(coordinator_client, own):
    response = coordinator_client.post(
        reverse("meetings:coordinator_invitation", args=[own.pk]), person("Siti Lagi", "SITI@example.go.id")
    )
    assert "Surel ini sudah terdaftar pada rapat ini." in response.content.decode()
    assert own.registrations.count() == 1


def test_substitute_keeps_the_seat_for_the_new_person(coordinator_client, own):
    siti = own.registrations.get()

    coordinator_client.post(
        reverse("meetings:coordinator_substitute", args=[siti.pk]), person("Rina Wati", "rina@example.go.id")
    )

    siti.refresh_from_db()
    rina = own.registrations.get(full_name="Rina Wati")
    assert siti.status == Status.CANCELLED
    assert rina.status == Status.CONFIRMED and rina.checkin_code != siti.checkin_code


def test_detail_query_count_does_not_grow_with_delegates(coordinator_client, own):
    def count():
        with CaptureQueriesContext(connection) as queries:
            coordinator_client.get(reverse("meetings:coordinator_invitation", args=[own.pk]))
        return len(queries)

    few = count()
    RegistrationFactory.create_batch(20, invitation=own, status=Status.WAITLISTED)
    assert count() == few


def test_a_coordinator_of_two_agencies_sees_both(client, meeting):
    membership = MembershipFactory()
    second = MembershipFactory(user=membership.user)
    first_invitation = InvitationFactory(meeting=meeting, agency=membership.agency, sent=True)
    second_invitation = InvitationFactory(meeting=meeting, agency=second.agency, sent=True)
    client.force_login(membership.user)
    response = client.get(reverse("meetings:coordinator_invitations"))
    assert {i.pk for i in response.context["invitations"]} == {first_invitation.pk, second_invitation.pk}


def test_coordinators_dashboard_lists_their_invitations(coordinator_client, own, foreign):
    html = coordinator_client.get(reverse("home")).content.decode()
    assert "Undangan untuk instansi Anda" in html
    assert reverse("meetings:coordinator_invitation", args=[own.pk]) in html
    assert reverse("meetings:coordinator_invitation", args=[foreign.pk]) not in html
    assert "1/1 kursi" in html


def test_an_invitation_not_sent_yet_does_not_exist_for_the_coordinator(coordinator_client, coordinator):
    meeting = upcoming_meeting()
    draft = InvitationFactory(meeting=meeting, agency=coordinator.memberships.get().agency)

    listing = coordinator_client.get(reverse("meetings:coordinator_invitations")).content.decode()
    assert meeting.title not in listing
    detail = reverse("meetings:coordinator_invitation", args=[draft.pk])
    assert coordinator_client.get(detail).status_code == 404


def test_the_coordinator_sees_the_agencys_link_to_forward(coordinator_client, coordinator, site_url):
    invitation = InvitationFactory(
        meeting=upcoming_meeting(), agency=coordinator.memberships.get().agency, sent=True
    )
    page = coordinator_client.get(reverse("meetings:coordinator_invitation", args=[invitation.pk]))
    assert site_url + invitation.registration_url() in page.content.decode()
