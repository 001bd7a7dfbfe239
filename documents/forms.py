from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.services import verify_upload


class VerifyUploadForm(forms.Form):
    """A PDF someone holds, to compare byte for byte with the issued documents."""

    file = forms.FileField(
        label=_("Berkas PDF"),
        help_text=_("Berkas tidak disimpan: hanya sidik jarinya (SHA-256) yang dibandingkan."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["document"] = verify_upload(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned
