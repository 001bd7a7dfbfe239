"""Names of only invisible characters, or with bidi overrides, are refused in every name field."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from meetings.models import Registration
from rakor.names import validate_visible_name
from tests.meetings.factories import InvitationFactory, upcoming_meeting
from tests.meetings.test_registration_views import form_data

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200b\u200b"
REVERSED = "Budi \u202eiduB"


@pytest.mark.parametrize("name", [INVISIBLE, " \u200d\ufeff ", REVERSED, "Siti\u2066 Aminah"])
def test_the_validator_refuses_invisible_and_bidi_names(name):
    with pytest.raises(Exception) as caught:
        validate_visible_name(name)
    assert caught.type.__name__ == "ValidationError"


@pytest.mark.parametrize("name", ["Siti Aminah, S.Sos.", "Ni Luh Putu Ayu", "محمد", "H. Abdul Rahman 2"])
def test_real_names_pass(name):
    validate_visible_name(name)


@pytest.mark.parametrize("name", [INVISIBLE, REVERSED])
def test_public_registration_refuses_the_name_next_to_the_field(client, name):
    invitation = InvitationFactory(meeting=upcoming_meeting(), quota=5)

    response = client.post(
        reverse("meetings:register", args=[invitation.token]), form_data(full_name=name)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert not Registration.objects.exists()


def test_agency_form_refuses_an_invisible_name(organiser_client):
    response = organiser_client.post(
        reverse("agencies:create"), {"name": INVISIBLE, "short_name": "", "level": "national"}
    )
    assert response.context["form"].errors["name"]
    assert not Agency.objects.filter(name=INVISIBLE).exists()
