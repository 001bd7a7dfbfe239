import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from rakor import roles


@pytest.mark.django_db(transaction=True)
def test_role_groups_survive_a_flush_of_the_database():
    call_command("flush", interactive=False, verbosity=0)

    organisers = Group.objects.get(name=roles.ORGANISER)
    assert set(Group.objects.values_list("name", flat=True)) >= {
        roles.ORGANISER, roles.NOTE_TAKER, roles.CHECKIN_CLERK, roles.COORDINATOR
    }
    # Groups name roles; what a role may do is a rules predicate, never a model permission.
    assert not organisers.permissions.exists()
