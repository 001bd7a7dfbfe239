import pytest
from django.urls import reverse

from agencies.models import Membership
from rakor import roles
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organiser_adds_coordinator_by_email_and_user_joins_the_coordinator_group(organiser_client):
    agency = AgencyFactory()
    user = UserFactory(username="agus", email="agus@kukarkab.go.id")

    response = organiser_client.post(
        reverse("agencies:membership_add", args=[agency.pk]),
        {"user": "AGUS@kukarkab.go.id", "role": "coordinator"},
        follow=True,
    )

    membership = Membership.objects.get(agency=agency)
    assert (membership.user, membership.role) == (user, Membership.Role.COORDINATOR)
    assert user.groups.filter(name=roles.COORDINATOR).exists()
    assert "agus ditambahkan sebagai koordinator." in response.content.decode()


def test_adding_staff_does_not_make_a_coordinator(organiser_client):
    agency = AgencyFactory()
    user = UserFactory(username="sari")
    organiser_client.post(
        reverse("agencies:membership_add", args=[agency.pk]), {"user": "sari", "role": "staff"}
    )
    assert Membership.objects.get().role == Membership.Role.STAFF
    assert not user.groups.filter(name=roles.COORDINATOR).exists()


def test_unknown_user_is_a_field_error_and_typed_text_stays(organiser_client):
    agency = AgencyFactory()
    response = organiser_client.post(
        reverse("agencies:membership_add", args=[agency.pk]), {"user": "tidak.ada", "role": "coordinator"}
    )
    assert response.status_code == 422
    assert response.context["membership_form"].errors["user"] == ["Pengguna tidak.ada tidak ditemukan."]
    page = response.content.decode()
    assert "Pengguna tidak.ada tidak ditemukan." in page and 'value="tidak.ada"' in page
    assert not Membership.objects.exists()


def test_existing_member_is_not_added_twice(organiser_client):
    membership = MembershipFactory()
    response = organiser_client.post(
        reverse("agencies:membership_add", args=[membership.agency.pk]),
        {"user": membership.user.username, "role": "coordinator"},
    )
    assert response.context["membership_form"].errors["user"] == [
        "Pengguna ini sudah menjadi anggota instansi ini."
    ]
    assert Membership.objects.count() == 1


def test_organiser_removes_membership_and_last_coordinator_role_goes(organiser_client):
    membership = MembershipFactory()
    user = membership.user

    response = organiser_client.post(reverse("agencies:membership_remove", args=[membership.pk]), follow=True)

    assert not Membership.objects.exists()
    assert not user.groups.filter(name=roles.COORDINATOR).exists()
    assert "tidak lagi menjadi anggota" in response.content.decode()


def test_removing_one_of_two_coordinator_memberships_keeps_the_group(organiser_client):
    first = MembershipFactory()
    MembershipFactory(user=first.user)
    organiser_client.post(reverse("agencies:membership_remove", args=[first.pk]))
    assert first.user.groups.filter(name=roles.COORDINATOR).exists()


def test_removal_needs_post(organiser_client):
    membership = MembershipFactory()
    assert (
        organiser_client.get(reverse("agencies:membership_remove", args=[membership.pk])).status_code == 405
    )
    assert Membership.objects.exists()
