from django.urls import reverse

from programs.models import Program, Target
from tests.factories import MembershipFactory


def _client_of(client, agency):
    client.force_login(MembershipFactory(agency=agency).user)
    return client


def test_a_coordinator_edits_their_own_agencys_target(client, chain):
    c = _client_of(client, chain["r01"])
    target = chain["t01"]
    response = c.post(
        reverse("programs:target_update", args=[target.pk]),
        {"indicator": target.indicator, "unit": "desa", "value": "15", "parent": chain["provincial"].pk},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == 15


def test_another_agencys_program_and_target_are_404_to_a_coordinator(client, chain):
    c = _client_of(client, chain["r01"])
    other = chain["t02"]
    assert c.get(reverse("programs:update", args=[other.program_id])).status_code == 404
    assert c.get(reverse("programs:target_update", args=[other.pk])).status_code == 404
    assert c.get(reverse("programs:target_create", args=[other.program_id])).status_code == 404
    assert c.post(reverse("programs:target_delete", args=[other.pk])).status_code == 404
    assert Target.objects.filter(pk=other.pk).exists()


def test_a_coordinator_can_only_create_programs_for_their_own_agency(client, chain):
    c = _client_of(client, chain["r01"])
    response = c.post(
        reverse("programs:create"),
        {
            "agency": chain["r02"].pk,
            "fiscal_year": 2019,
            "nomenclature": chain["t01"].program.nomenclature_id,
            "name": "Menyusup",
            "budget": "0",
            "funding_source": "lainnya",
        },
    )
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not Program.objects.filter(name="Menyusup").exists()


def test_a_coordinator_enters_a_program_and_a_linked_target(client, chain):
    c = _client_of(client, chain["r72"])
    response = c.post(
        reverse("programs:create"),
        {
            "agency": chain["r72"].pk,
            "fiscal_year": 2019,
            "nomenclature": chain["t01"].program.nomenclature_id,
            "name": "Program Kota",
            "budget": "1000000",
            "funding_source": "apbd_kab",
        },
    )
    program = Program.objects.get(name="Program Kota")
    assert response.status_code == 302
    response = c.post(
        reverse("programs:target_create", args=[program.pk]),
        {"indicator": "Kelurahan", "unit": "desa", "value": "3", "parent": chain["provincial"].pk},
    )
    assert response.status_code == 302
    assert program.targets.get().parent == chain["provincial"]


def test_a_target_form_refuses_a_parent_from_another_province_with_a_field_error(client, chain):
    from tests.programs.conftest import make_program, make_target

    foreign = make_target(make_program(chain["other_province"], name="Kalsel"), 10)
    c = _client_of(client, chain["r01"])
    response = c.post(
        reverse("programs:target_create", args=[chain["t01"].program_id]),
        {"indicator": "x", "unit": "desa", "value": "3", "parent": foreign.pk},
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_organisers_edit_any_program(organiser_client, chain):
    assert organiser_client.get(reverse("programs:update", args=[chain["t02"].program_id])).status_code == 200


def test_anonymous_users_are_sent_to_login_and_others_get_404(client, django_user_model, chain):
    url = reverse("programs:matrix", args=["64", 2019])
    assert client.get(url).status_code == 302
    client.force_login(django_user_model.objects.create_user("tamu"))
    assert client.get(url).status_code == 404
    assert client.get(reverse("programs:list")).status_code == 404
