"""Registration questions on the forms: the public form, the delegate's own page, the
coordinator's forms, and the answers on the organisers' registration page (files to those allowed)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Registration, RegistrationAnswer, RegistrationQuestion
from meetings.services import questions
from tests.factories import MembershipFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
Kind = RegistrationQuestion.Kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add(meeting, label, kind=Kind.TEXT, required=False, choices=""):
    return questions.add_question(meeting, label=label, kind=kind, required=required, choices=choices)


@pytest.fixture
def meeting(db):
    return upcoming_meeting(title="Rakor PMD 2030")


@pytest.fixture
def invitation(meeting):
    return InvitationFactory(meeting=meeting, quota=5, sent=True)


@pytest.fixture
def asked(meeting):
    """Four questions: a required choice, a yes/no, a required text and a file."""
    return {
        "size": add(meeting, "Ukuran kaos", Kind.CHOICE, required=True, choices="S\nM\nL"),
        "vegetarian": add(meeting, "Vegetarian?", Kind.YES_NO),
        "diet": add(meeting, "Pantangan makanan", required=True),
        "proof": add(meeting, "Bukti vaksin", Kind.FILE),
    }


def field(question):
    return f"pertanyaan_{question.pk}"


def person(n=1, letter=True, **extra):
    data = {
        "full_name": f"Siti Rahmawati {n}",
        "nip": "",
        "position": "Kepala Bidang",
        "gender": "P",
        "phone": "0812 3456 7890",
        "email": f"siti{n}@example.go.id",
        **extra,
    }
    if letter:
        data["assignment_letter"] = SimpleUploadedFile("surat.pdf", PDF, "application/pdf")
    return data


def register_url(invitation):
    return reverse("meetings:register", args=[invitation.token])


def answers_of(registration):
    return {a.question.label: a.display() for a in registration.answers.select_related("question")}


# The public form ------------------------------------------------------------------------------


def test_the_public_form_shows_the_questions_in_order_under_their_heading(client, invitation, asked):
    html = client.get(register_url(invitation)).content.decode()

    assert "Pertanyaan dari penyelenggara" in html
    labels = ("Ukuran kaos", "Vegetarian?", "Pantangan makanan", "Bukti vaksin")
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    assert f'name="{field(asked["proof"])}"' in html and 'type="file"' in html


def test_registering_saves_the_answers_with_the_registration(client, invitation, asked):
    response = client.post(
        register_url(invitation),
        person(
            **{
                field(asked["size"]): "M",
                field(asked["vegetarian"]): "tidak",
                field(asked["diet"]): "Alergi udang",
                field(asked["proof"]): SimpleUploadedFile("vaksin.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32),
            }
        ),
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert answers_of(registration) == {
        "Ukuran kaos": "M",
        "Vegetarian?": "Tidak",
        "Pantangan makanan": "Alergi udang",
        "Bukti vaksin": "Berkas terlampir",
    }
    proof = registration.answers.get(question=asked["proof"])
    assert proof.file_type == "image/png" and proof.file.name.startswith(f"jawaban/{invitation.meeting_id}/")


def test_a_missing_required_answer_is_said_at_the_field_and_the_typed_values_stay(client, invitation, asked):
    response = client.post(
        register_url(invitation), person(**{field(asked["size"]): "L", field(asked["diet"]): ""})
    )

    html = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 200 and not Registration.objects.exists()
    assert list(form.errors) == [field(asked["diet"])]
    assert re.search(rf'name="{field(asked["size"])}" value="L"[^>]*checked', html)
    assert form[field(asked["size"])].value() == "L"
    assert 'value="Siti Rahmawati 1"' in html
    assert "is-invalid" in html


def test_a_forged_option_is_a_form_error_and_nothing_is_stored(client, invitation, asked):
    response = client.post(
        register_url(invitation), person(**{field(asked["size"]): "XXL", field(asked["diet"]): "-"})
    )

    assert field(asked["size"]) in response.context["form"].errors
    assert not Registration.objects.exists() and not RegistrationAnswer.objects.exists()


def test_a_disguised_file_answer_is_refused_at_the_field(client, invitation, asked, settings):
    disguised = SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(
        register_url(invitation),
        person(**{field(asked["size"]): "S", field(asked["diet"]): "-", field(asked["proof"]): disguised}),
    )

    assert "PDF, JPEG atau PNG yang asli" in " ".join(response.context["form"].errors[field(asked["proof"])])
    assert not Registration.objects.exists()
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]


def test_an_overlong_text_answer_is_refused(client, invitation, asked):
    response = client.post(
        register_url(invitation), person(**{field(asked["size"]): "S", field(asked["diet"]): "x" * 1001})
    )
    assert field(asked["diet"]) in response.context["form"].errors
    assert not Registration.objects.exists()


def test_the_public_form_fetches_the_questions_once(client, meeting, invitation):
    counts = []
    for extra in (1, 6):
        for _n in range(extra - meeting.questions.count()):
            add(meeting, f"Pertanyaan {meeting.questions.count() + 1}", Kind.CHOICE, choices="A\nB")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(register_url(invitation)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The delegate's own page -----------------------------------------------------------------------


def test_the_delegate_sees_and_changes_their_answers_and_keeps_their_file(client, invitation, asked):
    client.post(
        register_url(invitation),
        person(
            **{
                field(asked["size"]): "M",
                field(asked["diet"]): "Tidak ada",
                field(asked["proof"]): SimpleUploadedFile("vaksin.pdf", PDF, "application/pdf"),
            }
        ),
    )
    registration = Registration.objects.get()
    stored_file = registration.answers.get(question=asked["proof"]).file.name
    manage = registration.manage_url()

    page = client.get(manage)
    assert page.context["form"][field(asked["size"])].value() == "M"
    assert "Berkas sudah tersimpan" in page.content.decode()

    client.post(
        manage,
        person(letter=False, **{field(asked["size"]): "L", field(asked["diet"]): "Vegetarian"}),
    )

    assert answers_of(registration)["Ukuran kaos"] == "L"
    assert answers_of(registration)["Pantangan makanan"] == "Vegetarian"
    assert registration.answers.get(question=asked["proof"]).file.name == stored_file


def test_the_delegate_cannot_drop_a_required_answer(client, invitation, asked):
    registration = RegistrationFactory(invitation=invitation)
    RegistrationAnswer.objects.create(registration=registration, question=asked["size"], value="S")

    response = client.post(
        registration.manage_url(),
        person(letter=False, **{field(asked["size"]): "", field(asked["diet"]): "-"}),
    )

    assert field(asked["size"]) in response.context["form"].errors
    assert answers_of(registration) == {"Ukuran kaos": "S"}


# Coordinators ---------------------------------------------------------------------------------


@pytest.fixture
def own(meeting, coordinator):
    agency = coordinator.memberships.get().agency
    return InvitationFactory(meeting=meeting, agency=agency, quota=3, sent=True)


def test_the_coordinator_answers_the_questions_when_adding_a_delegate(coordinator_client, own, asked):
    url = reverse("meetings:coordinator_invitation", args=[own.pk])
    assert "Ukuran kaos" in coordinator_client.get(url).content.decode()

    missing = coordinator_client.post(url, person(letter=False, **{field(asked["diet"]): "-"}))
    assert field(asked["size"]) in missing.context["form"].errors and not own.registrations.exists()

    coordinator_client.post(
        url, person(letter=False, **{field(asked["size"]): "S", field(asked["diet"]): "Tidak ada"})
    )
    assert answers_of(own.registrations.get()) == {"Ukuran kaos": "S", "Pantangan makanan": "Tidak ada"}


def test_a_substitute_answers_for_themselves(coordinator_client, own, asked):
    old = RegistrationFactory(invitation=own, full_name="Budi Santoso")
    RegistrationAnswer.objects.create(registration=old, question=asked["size"], value="L")

    coordinator_client.post(
        reverse("meetings:coordinator_substitute", args=[old.pk]),
        person(letter=False, **{field(asked["size"]): "S", field(asked["diet"]): "Alergi"}),
    )

    new = own.registrations.exclude(pk=old.pk).get()
    assert answers_of(new) == {"Ukuran kaos": "S", "Pantangan makanan": "Alergi"}
    assert answers_of(old) == {"Ukuran kaos": "L"}


# The organisers' registration page -------------------------------------------------------------


@pytest.fixture
def answered(invitation, asked):
    registration = RegistrationFactory(invitation=invitation, full_name="Siti Aminah")
    RegistrationAnswer.objects.create(registration=registration, question=asked["size"], value="M")
    RegistrationAnswer.objects.create(registration=registration, question=asked["vegetarian"], value="ya")
    proof = RegistrationAnswer(
        registration=registration, question=asked["proof"], file_type="application/pdf"
    )
    proof.file.save("bukti.pdf", SimpleUploadedFile("bukti.pdf", PDF), save=True)
    return registration


def test_the_registration_page_lists_the_answers_and_links_the_file(organiser_client, answered, asked):
    html = organiser_client.get(reverse("meetings:registration_detail", args=[answered.pk])).content.decode()

    assert "Jawaban pertanyaan pendaftaran" in html
    for text in ("Ukuran kaos", "M", "Vegetarian?", "Ya", "Pantangan makanan"):
        assert text in html
    file_url = reverse("meetings:answer_file", args=[answered.pk, asked["proof"].pk])
    assert file_url in html

    response = organiser_client.get(file_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_answer_files_are_read_by_the_agencys_coordinator_only(client, answered, asked, coordinator):
    url = reverse("meetings:answer_file", args=[answered.pk, asked["proof"].pk])

    client.force_login(coordinator)  # another agency's coordinator
    assert client.get(url).status_code == 404
    own_coordinator = MembershipFactory(agency=answered.agency).user
    client.force_login(own_coordinator)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
