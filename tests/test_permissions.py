"""The one permission layer (rakor/permissions.py): roles, agency scope and object state."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from rakor import roles
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def test_each_role_holds_exactly_its_named_permissions():
    organiser = UserFactory(roles=[roles.ORGANISER])
    clerk = UserFactory(roles=[roles.CHECKIN_CLERK])
    note_taker = UserFactory(roles=[roles.NOTE_TAKER])
    coordinator = MembershipFactory().user

    assert organiser.has_perm("meetings.manage") and organiser.has_perm("agencies.manage")
    assert organiser.has_perm("meetings.check_in") and organiser.has_perm("minutes.write")
    assert clerk.has_perm("meetings.check_in") and not clerk.has_perm("meetings.manage")
    assert note_taker.has_perm("minutes.write") and not note_taker.has_perm("meetings.check_in")
    assert coordinator.has_perm("meetings.coordinate") and not coordinator.has_perm("meetings.manage")
    assert not AnonymousUser().has_perm("agencies.browse")


def test_a_coordinator_acts_only_for_the_agencies_of_their_memberships():
    membership = MembershipFactory()
    coordinator = membership.user
    own = RegistrationFactory(invitation=InvitationFactory(agency=membership.agency))
    other = RegistrationFactory(invitation=InvitationFactory(agency=AgencyFactory()))

    assert coordinator.has_perm("meetings.view_assignment_letter", own)
    assert not coordinator.has_perm("meetings.view_assignment_letter", other)
    assert coordinator.has_perm("agencies.view_agency", membership.agency)
    assert not coordinator.has_perm("agencies.view_agency", other.agency)


def test_object_state_decides_whether_it_may_change():
    membership = MembershipFactory()
    registration = RegistrationFactory(invitation=InvitationFactory(agency=membership.agency))
    assert membership.user.has_perm("meetings.change_registration", registration)

    registration.is_editable = False  # what a frozen object says of itself
    assert not membership.user.has_perm("meetings.change_registration", registration)


def test_groups_grant_no_model_permissions_so_only_the_rules_decide():
    organiser = UserFactory(roles=[roles.ORGANISER])
    assert organiser.get_all_permissions() == set()
    assert not organiser.has_perm("agencies.change_agency")


def test_signed_in_user_without_the_permission_gets_404_and_anonymous_the_login_page(client):
    url = reverse("meetings:staff_list")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))

    client.force_login(UserFactory(roles=[roles.CHECKIN_CLERK]))
    assert client.get(url).status_code == 404


def test_no_view_decides_access_outside_the_permission_layer():
    """Views ask named permissions; the old ways (role checks, 403s, bare 401s) are gone."""
    banned = re.compile(
        r"PermissionDenied|LoginRequiredMixin|login_required|roles\.is_|role_required|status=401"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("agencies", "meetings", "documents", "rakor")
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if banned.search(line) and "migrations" not in path.parts
    ]
    assert offenders == []
