"""Forms for delegates' details: the public registration form and the delegate's own edit form."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from meetings.models import Registration
from rakor.uploads import PDF_OR_IMAGE, check_upload

LETTER_MAX_BYTES = 2 * 1024 * 1024
PERSON_FIELDS = ["full_name", "nip", "position", "gender", "phone", "email"]
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


class DelegateForm(forms.ModelForm):
    """A delegate's details with the assignment letter (required unless ``letter_required=False``)."""

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

    def __init__(self, *args, letter_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment_letter"].required = letter_required
        self.fields["email"].required = True  # the confirmation, QR code and private link go there
        self.fields["gender"].choices = Registration.Gender.choices
        self.fields["phone"].validators.append(phone_validator)
        self.letter_type = ""

    def clean_nip(self):
        return "".join(self.cleaned_data["nip"].split())

    def full_clean(self):
        super().full_clean()
        # A browser never keeps a chosen file when the page comes back with errors: say so at the
        # field, so the delegate does not send the form again without the letter.
        uploaded = self.files.get(self.add_prefix("assignment_letter")) if self.is_bound else None
        if uploaded and self._errors and "assignment_letter" not in self._errors:
            self.fields["assignment_letter"].help_text = _(
                "Berkas “%(name)s” tadi belum tersimpan karena ada isian lain yang perlu diperbaiki: "
                "pilih lagi berkasnya sebelum mengirim."
            ) % {"name": uploaded.name}
            self._bound_fields_cache.pop("assignment_letter", None)  # it copied the old help text

    def clean_assignment_letter(self):
        uploaded = self.cleaned_data.get("assignment_letter")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.letter_type = check_assignment_letter(uploaded)
        return uploaded

    def person(self):
        """The cleaned details as keyword arguments for meetings.registration services."""
        data = {name: self.cleaned_data[name] for name in PERSON_FIELDS}
        uploaded = self.cleaned_data.get("assignment_letter")
        if uploaded and self.letter_type:
            data["assignment_letter"] = uploaded
            data["assignment_letter_type"] = self.letter_type
        return data
