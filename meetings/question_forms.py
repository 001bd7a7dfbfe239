"""The organiser's form of a custom registration question (the answer fields are in
meetings/registration_forms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import RegistrationQuestion
from meetings.services.imports import COLUMNS, question_column
from rakor.tabular import normalise_column

MAX_OPTIONS = 50
Kind = RegistrationQuestion.Kind


class QuestionForm(forms.ModelForm):
    """The organiser's form of one question; ``meeting`` is the meeting it belongs to."""

    class Meta:
        model = RegistrationQuestion
        fields = ["label", "help_text", "kind", "choices", "required"]
        widgets = {
            "kind": forms.RadioSelect,
            "choices": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "choices": _("Untuk jenis Pilihan: satu pilihan per baris, paling sedikit dua."),
            "help_text": _("Tampil di bawah pertanyaan, misalnya contoh jawaban."),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        column = question_column(label)
        if column in COLUMNS:
            raise forms.ValidationError(
                _("Pertanyaan ini sama dengan isian baku pendaftaran (%(column)s); tulis pertanyaan lain.")
                % {"column": column}
            )
        others = self.meeting.questions.exclude(pk=self.instance.pk).values_list("label", flat=True)
        if any(normalise_column(other) == normalise_column(label) for other in others):
            raise forms.ValidationError(_("Rapat ini sudah punya pertanyaan yang sama."))
        return label

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if self.instance.pk and kind and kind != self.instance.kind and self.instance.answers.exists():
            self.add_error(
                "kind",
                _("Jenis pertanyaan tidak dapat diubah karena sudah ada jawaban; buat pertanyaan baru."),
            )
        if cleaned.get("kind") == Kind.CHOICE:
            options = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
            if len(options) < 2:
                self.add_error("choices", _("Tulis paling sedikit dua pilihan, satu per baris."))
            elif len(options) > MAX_OPTIONS:
                self.add_error("choices", _("Paling banyak %(max)s pilihan.") % {"max": MAX_OPTIONS})
            elif len(set(options)) < len(options):
                self.add_error("choices", _("Setiap pilihan ditulis sekali saja."))
            elif any(len(option) > 200 for option in options):
                self.add_error("choices", _("Setiap pilihan paling panjang 200 karakter."))
        return cleaned
