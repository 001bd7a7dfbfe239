"""NUL and other control characters in a path, query or form field: a 400 page, nothing stored."""

import pytest
from django.urls import reverse

from meetings.models import Registration
from rakor import roles
from tests.factories import UserFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_nul_in_a_token_path_is_a_400_with_the_error_page(client):
    url = reverse("meetings:register", args=["abcdef"]).replace("abcdef", "abc%00def")
    response = client.get(url)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


@pytest.mark.parametrize("param", ["q", "cari", "wilayah", "provinsi"])
def test_nul_in_a_filter_or_search_parameter_is_a_400(organiser_client, param):
    meeting = MeetingFactory()
    for url in (reverse("meetings:checkin_desk", args=[meeting.pk]), reverse("agencies:list")):
        response = organiser_client.get(url, {param: "Kutai\x00Kartanegara"})
        assert response.status_code == 400, url


def test_other_control_characters_in_the_query_are_refused_too(client):
    clerk = UserFactory(roles=[roles.CHECKIN_CLERK])
    client.force_login(clerk)
    response = client.get(reverse("meetings:checkin_index"), {"q": "a\x1bb"})
    assert response.status_code == 400


def test_a_registration_with_nul_in_a_field_is_refused_and_nothing_stored(client):
    invitation = InvitationFactory(meeting=MeetingFactory(status="published"))
    response = client.post(
        reverse("meetings:register", args=[invitation.token]),
        {"full_name": "Budi\x00 Santoso", "position": "Kepala Seksi", "email": "budi@example.go.id"},
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_line_breaks_and_tabs_in_a_form_field_pass_to_the_form(organiser_client):
    meeting = MeetingFactory()
    organiser_client.post(
        reverse("meetings:session_create", args=[meeting.pk]),
        {"title": "Sesi Pleno I", "kind": "pleno", "room": "Ruang Utama", "catatan": "a\r\nb\tc"},
    )
    assert meeting.sessions.filter(title="Sesi Pleno I").exists()
