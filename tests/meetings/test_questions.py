"""Custom registration questions: the organisers' list (add, change, order, delete), who may edit
it, the answers' service, and cloning a meeting with its questions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from meetings.models import RegistrationAnswer, RegistrationQuestion
from meetings.services import agenda, questions
from meetings.services.errors import DuplicateRegistration
from meetings.services.registration import register_delegate
from rakor import roles
from tests.factories import UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting, wita

pytestmark = pytest.mark.django_db
Kind = RegistrationQuestion.Kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add(meeting, label, kind=Kind.TEXT, required=False, choices="", help_text=""):
    return questions.add_question(
        meeting, label=label, kind=kind, required=required, choices=choices, help_text=help_text
    )


def person(n=1):
    return {
        "full_name": f"Siti Aminah {n}",
        "email": f"siti{n}@example.go.id",
        "position": "Kepala Seksi",
        "gender": "P",
        "phone": "081234567890",
    }


@pytest.fixture
def meeting(db):
    return upcoming_meeting(title="Rakor PMD 2030")


def private_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# The service ---------------------------------------------------------------------------------


def test_questions_are_added_in_order_and_choices_keep_one_option_a_line(meeting):
    size = add(meeting, "Ukuran kaos", Kind.CHOICE, choices=" S \n\nM\nL\n")
    diet = add(meeting, "Pantangan makanan")

    assert [q.label for q in meeting.questions.all()] == ["Ukuran kaos", "Pantangan makanan"]
    assert (size.order, diet.order) == (1, 2)
    assert size.options == ["S", "M", "L"] and size.choices == "S\nM\nL"


def test_moving_a_question_swaps_it_with_its_neighbour(meeting):
    first, _second, third = add(meeting, "Satu"), add(meeting, "Dua"), add(meeting, "Tiga")

    questions.move_question(third, -1)
    assert [q.label for q in meeting.questions.all()] == ["Satu", "Tiga", "Dua"]
    questions.move_question(first, -1)  # already first: nothing moves
    assert [q.label for q in meeting.questions.all()] == ["Satu", "Tiga", "Dua"]


def test_answers_are_saved_with_the_registration_in_one_go(meeting):
    invitation = InvitationFactory(meeting=meeting)
    size = add(meeting, "Ukuran kaos", Kind.CHOICE, choices="S\nM\nL")
    vegetarian = add(meeting, "Vegetarian?", Kind.YES_NO)
    note = add(meeting, "Catatan")

    registration = register_delegate(
        invitation, answers={size: "M", vegetarian: "ya", note: ""}, **person()
    )

    stored = {a.question.label: a.display() for a in registration.answers.select_related("question")}
    assert stored == {"Ukuran kaos": "M", "Vegetarian?": "Ya"}  # a blank answer is no row


def test_a_forged_option_stores_nothing(meeting):
    invitation = InvitationFactory(meeting=meeting)
    size = add(meeting, "Ukuran kaos", Kind.CHOICE, choices="S\nM\nL")

    with pytest.raises(ValidationError):
        register_delegate(invitation, answers={size: "XXL"}, **person())

    assert not invitation.registrations.exists() and not RegistrationAnswer.objects.exists()


def test_a_disguised_answer_file_is_refused_and_nothing_is_kept(meeting, settings):
    invitation = InvitationFactory(meeting=meeting)
    proof = add(meeting, "Bukti vaksin", Kind.FILE)
    disguised = SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script>", "application/pdf")

    with pytest.raises(ValidationError):
        register_delegate(invitation, answers={proof: disguised}, **person())

    assert not invitation.registrations.exists() and private_files(settings) == []


def test_a_registration_that_fails_leaves_no_answer_file_behind(meeting, settings):
    invitation = InvitationFactory(meeting=meeting)
    proof = add(meeting, "Bukti vaksin", Kind.FILE)
    register_delegate(invitation, **person())

    with pytest.raises(DuplicateRegistration):
        register_delegate(
            invitation,
            answers={proof: SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")},
            **person(),
        )

    assert private_files(settings) == []


def test_one_answer_per_question_and_registration(meeting):
    question = add(meeting, "Catatan")
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
    RegistrationAnswer.objects.create(registration=registration, question=question, value="a")
    with pytest.raises(IntegrityError):
        RegistrationAnswer.objects.create(registration=registration, question=question, value="b")


def test_deleting_a_question_takes_its_answers_and_their_files(
    meeting, settings, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(meeting=meeting)
    proof = add(meeting, "Bukti vaksin", Kind.FILE)
    register_delegate(
        invitation, answers={proof: SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")}, **person()
    )
    assert len(private_files(settings)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert questions.delete_question(proof) == 1

    assert not RegistrationAnswer.objects.exists() and private_files(settings) == []


def test_clone_copies_the_questions_without_their_answers(meeting):
    size = add(meeting, "Ukuran kaos", Kind.CHOICE, required=True, choices="S\nM")
    add(meeting, "Surat keterangan sehat", Kind.FILE, help_text="Dari puskesmas")
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
    RegistrationAnswer.objects.create(registration=registration, question=size, value="S")

    clone = agenda.clone_meeting(meeting, start=wita(2031, 4, 22, 8))

    copied = list(clone.questions.values_list("label", "kind", "required", "choices", "help_text", "order"))
    assert copied == [
        ("Ukuran kaos", Kind.CHOICE, True, "S\nM", "", 1),
        ("Surat keterangan sehat", Kind.FILE, False, "", "Dari puskesmas", 2),
    ]
    assert not RegistrationAnswer.objects.filter(question__meeting=clone).exists()
    assert meeting.questions.count() == 2


# The organisers' page ------------------------------------------------------------------------


def test_the_meeting_tabs_link_the_questions_page(organiser_client, meeting):
    html = organiser_client.get(reverse("meetings:staff_detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:questions", args=[meeting.pk]) in html
    assert "Pertanyaan pendaftaran" in html


def test_an_organiser_adds_a_choice_question_on_the_page(organiser_client, meeting):
    url = reverse("meetings:questions", args=[meeting.pk])

    response = organiser_client.post(
        url, {"label": "Ukuran kaos", "kind": "choice", "choices": "S\nM\nL", "required": "on"}, follow=True
    )

    question = meeting.questions.get()
    assert (question.label, question.kind, question.options, question.required) == (
        "Ukuran kaos",
        Kind.CHOICE,
        ["S", "M", "L"],
        True,
    )
    html = response.content.decode()
    assert "Pertanyaan “Ukuran kaos” ditambahkan." in html and "S · M · L" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"label": "Ukuran kaos", "kind": "choice", "choices": "S"}, "choices", "paling sedikit dua"),
        ({"label": "Ukuran kaos", "kind": "choice", "choices": "S\nS"}, "choices", "sekali saja"),
        ({"label": "Nama", "kind": "text"}, "label", "isian baku"),
        ({"label": "", "kind": "text"}, "label", "tidak boleh kosong"),
    ],
)
def test_a_wrong_question_is_refused_with_a_message_at_the_field(
    organiser_client, meeting, data, field, message
):
    response = organiser_client.post(reverse("meetings:questions", args=[meeting.pk]), data)

    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert not meeting.questions.exists()


def test_the_same_question_twice_is_refused(organiser_client, meeting):
    add(meeting, "Ukuran Kaos")
    response = organiser_client.post(
        reverse("meetings:questions", args=[meeting.pk]), {"label": "ukuran kaos", "kind": "text"}
    )
    assert "sudah punya pertanyaan yang sama" in response.content.decode()
    assert meeting.questions.count() == 1


def test_an_organiser_edits_and_reorders_questions(organiser_client, meeting):
    first, second = add(meeting, "Satu"), add(meeting, "Dua")

    organiser_client.post(
        reverse("meetings:question_update", args=[first.pk]),
        {"label": "Satu diubah", "kind": "yes_no", "help_text": "Pilih salah satu"},
    )
    organiser_client.post(reverse("meetings:question_move", args=[second.pk]), {"arah": "naik"})

    rows = list(meeting.questions.values_list("label", "kind"))
    assert rows == [("Dua", "text"), ("Satu diubah", "yes_no")]


def test_the_kind_of_an_answered_question_cannot_change(organiser_client, meeting):
    question = add(meeting, "Catatan")
    RegistrationAnswer.objects.create(
        registration=RegistrationFactory(invitation=InvitationFactory(meeting=meeting)),
        question=question,
        value="Alergi kacang",
    )

    response = organiser_client.post(
        reverse("meetings:question_update", args=[question.pk]), {"label": "Catatan", "kind": "file"}
    )

    assert response.status_code == 422
    assert "tidak dapat diubah karena sudah ada jawaban" in response.content.decode()
    question.refresh_from_db()
    assert question.kind == Kind.TEXT


def test_deleting_an_answered_question_asks_first_then_deletes_its_answers(organiser_client, meeting):
    question = add(meeting, "Catatan")
    for _ in range(2):
        RegistrationAnswer.objects.create(
            registration=RegistrationFactory(invitation=InvitationFactory(meeting=meeting)),
            question=question,
            value="ada",
        )
    url = reverse("meetings:question_delete", args=[question.pk])

    html = organiser_client.get(url).content.decode()
    assert "Sudah ada 2 jawaban untuk pertanyaan ini." in html
    assert meeting.questions.exists()

    response = organiser_client.post(url, follow=True)
    assert "dihapus beserta 2 jawabannya" in response.content.decode()
    assert not meeting.questions.exists() and not RegistrationAnswer.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "clerk", "note_taker"])
def test_only_organisers_edit_questions_everyone_else_gets_404(client, meeting, role, coordinator, clerk):
    question = add(meeting, "Catatan")
    user = {
        "coordinator": coordinator,
        "clerk": clerk,
        "note_taker": UserFactory(roles=[roles.NOTE_TAKER]),
    }[role]
    client.force_login(user)

    page = reverse("meetings:questions", args=[meeting.pk])
    assert client.get(page).status_code == 404
    assert client.post(page, {"label": "X", "kind": "text"}).status_code == 404
    assert client.get(reverse("meetings:question_update", args=[question.pk])).status_code == 404
    assert client.post(reverse("meetings:question_delete", args=[question.pk])).status_code == 404
    move = reverse("meetings:question_move", args=[question.pk])
    assert client.post(move, {"arah": "naik"}).status_code == 404
    assert list(meeting.questions.values_list("label", flat=True)) == ["Catatan"]


def test_anonymous_goes_to_the_login_page(client, meeting):
    response = client.get(reverse("meetings:questions", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
