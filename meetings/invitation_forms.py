"""Forms of the organisers' invitation and registration pages, the coordinator pages and the desk."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Level, Region
from meetings.models import Registration
from meetings.registration_forms import PERSON_FIELDS, phone_validator


class AgencyPickerFilter(forms.Form):
    """Which agencies to list for inviting: by level and region (GET)."""

    tingkat = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=[("", _("Semua tingkat")), *Level.choices]
    )
    wilayah = forms.ModelChoiceField(
        label=_("Provinsi"),
        required=False,
        queryset=Region.objects.provinces(),
        empty_label=_("Semua provinsi"),
        to_field_name="code",
    )
    cari = forms.CharField(label=_("Nama instansi"), required=False, max_length=100)

    def filter(self, agencies):
        if not self.is_valid():
            return agencies
        data = self.cleaned_data
        if data["tingkat"]:
            agencies = agencies.filter(level=data["tingkat"])
        if data["wilayah"]:
            agencies = agencies.in_region(data["wilayah"].code)
        if data["cari"]:
            agencies = agencies.search(data["cari"])
        return agencies


class InviteForm(forms.Form):
    """The checked agencies and the seat quota each of them gets (POST)."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Centang paling sedikit satu instansi.")},
    )
    quota = forms.IntegerField(label=_("Kuota peserta per instansi"), min_value=1, max_value=500)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = candidates


class QuotaForm(forms.Form):
    quota = forms.IntegerField(label=_("Kuota peserta"), min_value=0, max_value=500)


class RegistrationFilter(forms.Form):
    """Filters of the organisers' registration list (GET); region choices come from the meeting.

    The agency is searched by (short) name: a select of every invited agency had 400 options at
    national scale, too many to scan and a large share of the page's render time.
    """

    instansi = forms.CharField(
        label=pgettext_lazy("label isian/kolom", "Instansi"), required=False, max_length=100
    )
    wilayah = forms.ChoiceField(label=_("Wilayah"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Registration.Status.choices]
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].choices = [("", _("Semua wilayah"))] + [(r.code, r.name) for r in regions]

    def filter(self, registrations):
        if not self.is_valid():
            return registrations
        data = self.cleaned_data
        if text := data["instansi"].strip():
            registrations = registrations.filter(
                Q(agency__name__icontains=text) | Q(agency__short_name__icontains=text)
            )
        if data["wilayah"]:
            code = data["wilayah"]
            registrations = registrations.filter(agency__in=Agency.objects.in_region(code))
        if data["status"]:
            registrations = registrations.filter(status=data["status"])
        return registrations


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Alasan ini dikirim kepada peserta melalui surel."),
    )


class WalkInForm(forms.ModelForm):
    """A delegate registered at the door: their details and agency (no assignment letter)."""

    class Meta:
        model = Registration
        fields = ["agency", *PERSON_FIELDS]
        widgets = {
            "gender": forms.RadioSelect,
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["email"].help_text = _(
            "Boleh dikosongkan bila peserta tidak punya surel; nomor HP wajib."
        )
        self.fields["gender"].choices = Registration.Gender.choices
        self.fields["phone"].validators.append(phone_validator)

    def clean_nip(self):
        return "".join(self.cleaned_data["nip"].split())

    def person(self):
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}


class SelfCheckInForm(forms.Form):
    proof = forms.CharField(
        label=_("Tautan pribadi Anda"),
        max_length=300,
        help_text=_(
            "Tempel tautan pribadi dari surel konfirmasi Anda (tautan untuk mengubah pendaftaran). "
            "Kode registrasi hanya dipakai di Meja Registrasi."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )


class VenueWindowForm(forms.Form):
    hours = forms.TypedChoiceField(
        label=_("Berlaku selama"),
        coerce=int,
        initial=2,
        choices=[(1, _("1 jam")), (2, _("2 jam")), (4, _("4 jam")), (8, _("8 jam")), (12, _("12 jam"))],
    )
