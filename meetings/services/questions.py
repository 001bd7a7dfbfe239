"""Custom registration questions: the organiser's list (add, change, order, delete, copy into a
cloned meeting) and the delegates' answers, saved inside the registration's own transaction.

Answer files follow the assignment letter's rule: written to private storage *before* the
transaction (``store_answers``), so the caller knows their names and deletes them
(``StoredAnswers.discard``) when the transaction does not commit; a replaced or deleted answer's
old file is removed only after commit.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import RegistrationAnswer, RegistrationQuestion
from meetings.models.questions import MAX_QUESTIONS, MAX_TEXT_ANSWER, NO, YES
from meetings.services.errors import NotAllowed
from rakor.storage import private_storage
from rakor.uploads import PDF_OR_IMAGE, check_upload

Kind = RegistrationQuestion.Kind
ANSWER_FILE_MAX_BYTES = 2 * 1024 * 1024
QUESTION_FIELDS = ("label", "help_text", "kind", "choices", "required")


def check_answer_file(uploaded):
    """Validate an answer's file: PDF, JPEG or PNG by its bytes, at most 2 MB; returns its type."""
    return check_upload(
        uploaded,
        extensions=PDF_OR_IMAGE,
        max_bytes=ANSWER_FILE_MAX_BYTES,
        allowed_label="PDF, JPEG, PNG",
        message=_("Berkas harus PDF, JPEG atau PNG yang asli."),
    )


def clean_value(question, value):
    """A typed answer normalised for storing ("" = no answer); raises ValidationError otherwise.

    Text: at most MAX_TEXT_ANSWER characters; choice: one of the options exactly; yes/no: "ya" or
    "tidak". File questions take no value (their answer is an upload).
    """
    value = (value or "").strip()
    if not value:
        return ""
    if question.kind == Kind.TEXT and len(value) > MAX_TEXT_ANSWER:
        raise ValidationError(_("Jawaban paling panjang %(max)s karakter.") % {"max": MAX_TEXT_ANSWER})
    if question.kind == Kind.CHOICE and value not in question.options:
        raise ValidationError(
            _("Pilih salah satu: %(options)s.") % {"options": ", ".join(question.options)}
        )
    if question.kind == Kind.YES_NO and value not in (YES, NO):
        raise ValidationError(_("Jawab ya atau tidak."))
    if question.kind == Kind.FILE:
        raise ValidationError(_("Pertanyaan ini dijawab dengan mengunggah berkas."))
    return value


# The organiser's list ------------------------------------------------------------------------


@transaction.atomic
def add_question(meeting, **fields) -> RegistrationQuestion:
    """Add a question at the end of the meeting's list. Raises NotAllowed past MAX_QUESTIONS.

    Side effects: one RegistrationQuestion row; it shows on every registration form from now on.
    """
    locked = RegistrationQuestion.objects.select_for_update().filter(meeting=meeting)
    orders = list(locked.values_list("order", flat=True))
    if len(orders) >= MAX_QUESTIONS:
        raise NotAllowed("too many questions")
    last = max(orders, default=0)
    return RegistrationQuestion.objects.create(meeting=meeting, order=last + 1, **_question(fields))


@transaction.atomic
def update_question(question, **fields) -> RegistrationQuestion:
    """Change a question's text, options or whether it is required; its answers stay as given.

    The kind of a question that has answers cannot change (raises NotAllowed): a stored "ya" is
    no option and a text is no file. Side effects: saves the question.
    """
    fields = _question(fields)
    if fields["kind"] != question.kind and question.answers.exists():
        raise NotAllowed("kind of an answered question")
    for name, value in fields.items():
        setattr(question, name, value)
    question.save()
    return question


def _question(fields):
    data = {name: fields[name] for name in QUESTION_FIELDS if name in fields}
    data["label"] = data["label"].strip()
    data["help_text"] = data.get("help_text", "").strip()
    kind = data.get("kind", Kind.TEXT)
    data["kind"] = kind
    lines = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
    data["choices"] = "\n".join(lines) if kind == Kind.CHOICE else ""
    return data


@transaction.atomic
def move_question(question, step) -> None:
    """Move a question one place up (``step=-1``) or down (``step=1``); renumbers the list 1..n.

    Side effects: the orders of the meeting's questions.
    """
    questions = list(
        RegistrationQuestion.objects.select_for_update().filter(meeting_id=question.meeting_id)
    )
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
    for number, item in enumerate(questions, start=1):
        item.order = number
    RegistrationQuestion.objects.bulk_update(questions, ["order"])


@transaction.atomic
def delete_question(question) -> int:
    """Delete a question together with its answers; returns how many answers went with it.

    Side effects: the question and its RegistrationAnswer rows; the answers' files are deleted from
    private storage after commit.
    """
    answers = question.answers.all()
    count = answers.count()
    files = [name for name in answers.exclude(file="").values_list("file", flat=True) if name]
    question.delete()
    transaction.on_commit(lambda: _delete_files(files), robust=True)
    return count


def copy_questions(source, target) -> list[RegistrationQuestion]:
    """Copy ``source``'s questions (not their answers) to ``target``, in order. Called inside the
    clone's transaction. Side effects: RegistrationQuestion rows of ``target``."""
    return RegistrationQuestion.objects.bulk_create(
        RegistrationQuestion(
            meeting=target, order=number, **{name: getattr(question, name) for name in QUESTION_FIELDS}
        )
        for number, question in enumerate(source.questions.order_by("order", "pk"), start=1)
    )


# Answers -------------------------------------------------------------------------------------


@dataclass
class StoredAnswers:
    """Answers ready to save: texts by question, and new files already in private storage."""

    values: dict = field(default_factory=dict)  # question -> normalised text ("" = no answer)
    files: dict = field(default_factory=dict)  # question -> (stored name, content type)

    def discard(self):
        """Delete the files written for these answers (the transaction did not commit)."""
        _delete_files(name for name, _type in self.files.values())


def store_answers(answers) -> StoredAnswers:
    """Check ``answers`` ({question: text, or an upload for a file question; None keeps the
    current file}) and write their new files to private storage, before any transaction.

    Raises ValidationError for a value that is not allowed (a forged option, a disguised file):
    nothing is stored then. Side effects: the files, under names the caller must discard if the
    registration is not saved.
    """
    stored = StoredAnswers()
    uploads = {}
    for question, value in (answers or {}).items():
        if question.is_file:
            if value:
                uploads[question] = (value, check_answer_file(value))
        else:
            stored.values[question] = clean_value(question, value)
    try:
        for question, (upload, content_type) in uploads.items():
            holder = RegistrationAnswer(question=question)
            holder.file.save(upload.name, upload, save=False)
            stored.files[question] = (holder.file.name, content_type)
    except BaseException:
        stored.discard()
        raise
    return stored


def save_answers(registration, stored) -> None:
    """Write a registration's answers; call it inside the registration's transaction.

    A blank text answer removes the old one; a question without a new file keeps its file.
    Side effects: RegistrationAnswer rows; files replaced are deleted from storage after commit.
    """
    if not stored or not (stored.values or stored.files):
        return
    for question in [*stored.values, *stored.files]:
        if question.meeting_id != registration.meeting_id:
            raise ValueError("A question of another meeting")
    existing = {answer.question_id: answer for answer in registration.answers.all()}
    created, changed, removed, old_files = [], [], [], []
    for question, value in stored.values.items():
        answer = existing.get(question.pk)
        if not value:
            if answer is not None:
                removed.append(answer.pk)
        elif answer is None:
            created.append(RegistrationAnswer(registration=registration, question=question, value=value))
        elif answer.value != value:
            answer.value = value
            changed.append(answer)
    for question, (name, content_type) in stored.files.items():
        answer = existing.get(question.pk)
        if answer is None:
            answer = RegistrationAnswer(registration=registration, question=question)
            created.append(answer)
        else:
            if answer.file:
                old_files.append(answer.file.name)
            changed.append(answer)
        answer.file.name, answer.file_type, answer.value = name, content_type, ""
    RegistrationAnswer.objects.bulk_create(created)
    if changed:
        RegistrationAnswer.objects.bulk_update(changed, ["value", "file", "file_type"])
    if removed:
        RegistrationAnswer.objects.filter(pk__in=removed).delete()
    if old_files:
        transaction.on_commit(lambda: _delete_files(old_files), robust=True)


def _delete_files(names):
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)
