"""Forms for delegates' details: the public registration form and the delegate's own edit form,
with one answer field per custom registration question of the meeting (meetings/models/questions.py)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from meetings.models import Registration, RegistrationQuestion
from meetings.models.questions import MAX_TEXT_ANSWER, NO, YES
from meetings.services.questions import check_answer_file
from rakor.uploads import PDF_OR_IMAGE, check_upload

LETTER_MAX_BYTES = 2 * 1024 * 1024
PERSON_FIELDS = ["full_name", "nip", "position", "gender", "phone", "email"]
QUESTION_PREFIX = "pertanyaan_"
RADIO_OPTIONS = 5  # up to this many options show as radio buttons, more as a drop-down list
FILE_ACCEPT = "application/pdf,image/jpeg,image/png"
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{6,20}$", _("Tulis nomor HP dengan angka, misalnya 0812 3456 7890."), code="phone"
)


def check_assignment_letter(uploaded):
    """Validate a surat tugas: PDF, JPEG or PNG by its bytes, at most 2 MB; returns its content type."""
    return check_upload(
        uploaded,
        extensions=PDF_OR_IMAGE,
        max_bytes=LETTER_MAX_BYTES,
        allowed_label="PDF, JPEG, PNG",
        message=_("Surat tugas harus berkas PDF, JPEG atau PNG yang asli."),
    )


def answer_field(question, answer=None):
    """The form field answering ``question``; ``answer`` is the delegate's stored one, if any."""
    Kind = RegistrationQuestion.Kind
    common = {"label": question.label, "help_text": question.help_text, "required": question.required}
    if question.kind == Kind.CHOICE:
        options = [(option, option) for option in question.options]
        if len(options) <= RADIO_OPTIONS:
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        return forms.ChoiceField(choices=[("", _("— pilih —")), *options], **common)
    if question.kind == Kind.YES_NO:
        yes_no = [(YES, _("Ya")), (NO, _("Tidak"))]
        return forms.ChoiceField(choices=yes_no, widget=forms.RadioSelect, **common)
    if question.kind == Kind.FILE:
        notes = [question.help_text or _("PDF, JPEG atau PNG, paling besar 2 MB.")]
        if answer is not None and answer.file:
            common["required"] = False  # a file is stored: it stays unless another one is chosen
            notes.append(_("Berkas sudah tersimpan; pilih berkas lain hanya untuk menggantinya."))
        common["help_text"] = " ".join(str(note) for note in notes)
        return forms.FileField(widget=forms.FileInput(attrs={"accept": FILE_ACCEPT}), **common)
    return forms.CharField(max_length=MAX_TEXT_ANSWER, widget=forms.Textarea(attrs={"rows": 2}), **common)


class DelegateForm(forms.ModelForm):
    """A delegate's details with the assignment letter (required unless ``letter_required=False``)
    and the answers to the meeting's ``questions`` (``answers``: the stored ones, when editing)."""

    duplicate_email_message = _("Surel ini sudah terdaftar pada rapat ini.")

    class Meta:
        model = Registration
        fields = [*PERSON_FIELDS, "assignment_letter"]
        widgets = {
            "gender": forms.RadioSelect,
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            # Not ClearableFileInput: it would link the stored letter, and private files have no URL.
            "assignment_letter": forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        }
        help_texts = {
            "assignment_letter": _("PDF, JPEG atau PNG, paling besar 2 MB."),
        }

    def __init__(self, *args, letter_required=True, questions=(), answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment_letter"].required = letter_required
        self.fields["email"].required = True  # the confirmation, QR code and private link go there
        self.fields["gender"].choices = Registration.Gender.choices
        self.fields["phone"].validators.append(phone_validator)
        self.letter_type = ""
        self.questions = {f"{QUESTION_PREFIX}{question.pk}": question for question in questions}
        stored = {answer.question_id: answer for answer in answers}
        for name, question in self.questions.items():
            answer = stored.get(question.pk)
            self.fields[name] = answer_field(question, answer)
            if answer is not None and not question.is_file:
                self.initial[name] = answer.value

    @property
    def person_fields(self):
        return [field for field in self if field.name not in self.questions]

    @property
    def question_fields(self):
        return [self[name] for name in self.questions]

    def clean_nip(self):
        return "".join(self.cleaned_data["nip"].split())

    def full_clean(self):
        super().full_clean()
        # A browser never keeps a chosen file when the page comes back with errors: say so at the
        # field, so the delegate does not send the form again without the letter.
        if not (self.is_bound and self._errors):
            return
        for name, field in self.fields.items():
            uploaded = self.files.get(self.add_prefix(name))
            if uploaded and isinstance(field, forms.FileField) and name not in self._errors:
                field.help_text = _(
                    "Berkas “%(name)s” tadi belum tersimpan karena ada isian lain yang perlu diperbaiki: "
                    "pilih lagi berkasnya sebelum mengirim."
                ) % {"name": uploaded.name}
                self._bound_fields_cache.pop(name, None)  # it copied the old help text

    def clean_assignment_letter(self):
        uploaded = self.cleaned_data.get("assignment_letter")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.letter_type = check_assignment_letter(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        for name, question in self.questions.items():
            uploaded = cleaned.get(name)
            if question.is_file and uploaded:
                try:
                    check_answer_file(uploaded)
                except forms.ValidationError as invalid:
                    self.add_error(name, invalid)
        return cleaned

    def answers(self):
        """The answers as {question: text, or the new upload of a file question (None: keep)}."""
        return {
            question: self.cleaned_data.get(name) or (None if question.is_file else "")
            for name, question in self.questions.items()
        }

    def person(self):
        """The cleaned details as keyword arguments for meetings.registration services."""
        data = {name: self.cleaned_data[name] for name in PERSON_FIELDS}
        uploaded = self.cleaned_data.get("assignment_letter")
        if uploaded and self.letter_type:
            data["assignment_letter"] = uploaded
            data["assignment_letter_type"] = self.letter_type
        return data
