"""The demo rakor has invitations for the ten regency/city agencies and some delegates."""

import pytest
from django.core.management import call_command

from agencies import demo as agencies_demo
from meetings import demo
from meetings.models import Invitation, Registration

Status = Registration.Status


@pytest.mark.django_db
def test_demo_invites_the_ten_regencies_with_some_delegates_and_is_idempotent(capsys):
    call_command("load_demo")
    agencies_demo.load_demo()
    demo.load_demo()

    invitations = Invitation.objects.filter(meeting__title=demo.RAKOR_TITLE)
    assert invitations.count() == 10
    assert set(invitations.values_list("quota", flat=True)) == {3}
    registrations = Registration.objects.filter(meeting__title=demo.RAKOR_TITLE)
    assert registrations.filter(status=Status.CONFIRMED).count() == 6
    assert registrations.filter(status=Status.WAITLISTED).count() == 1
    assert registrations.checked_in().count() == 2
    kukar = invitations.with_counts().get(agency__short_name="DPMD Kukar")
    assert (kukar.seats_taken, kukar.waitlisted_count) == (3, 1)
    assert f"/rapat/undangan/{kukar.token}/" in capsys.readouterr().out
