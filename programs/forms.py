from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.forms import ImportUploadForm  # noqa: F401  (the programs' import pages use it too)
from agencies.models import Agency, Level, Region
from programs.models import Agreement, Aspiration, Nomenclature, Program, Realization, Target
from programs.services import allowed_parent_programs, allowed_parent_targets
from rakor.uploads import PDF_OR_IMAGE, check_upload


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["agency", "fiscal_year", "nomenclature", "name", "budget", "funding_source", "parent"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.visible_to(user).select_related("region")
        self.fields["nomenclature"].queryset = (
            Nomenclature.objects.for_programs().select_related("edition").order_by("-edition__year", "code")
        )
        self.fields["nomenclature"].help_text = _(
            "Kode bertanda * belum diverifikasi terhadap lampiran resmi. Provinsi memakai kode "
            "kewenangan provinsi, kabupaten/kota kode kewenangan kabupaten/kota."
        )
        agency = self.instance.agency if self.instance.agency_id else None
        parents = Program.objects.select_related("agency").filter(
            level__in=[Level.NATIONAL, Level.PROVINCIAL]
        )
        if agency is not None:
            parents = allowed_parent_programs(agency, self.instance.fiscal_year)
        self.fields["parent"].queryset = parents.order_by("-fiscal_year", "level", "name")
        self.fields["parent"].label_from_instance = lambda p: (
            f"{p.fiscal_year} · {p.agency.short_name or p.agency.name} · {p.name}"
        )


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "unit", "baseline", "value", "parent"]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        self.fields["parent"].queryset = allowed_parent_targets(program).order_by("program__name", "pk")
        self.fields["parent"].label_from_instance = lambda t: (
            f"{t.program.agency.short_name or t.program.agency.name} · {t.indicator}: "
            f"{t.value.normalize():f} {t.unit}"
        )
        if program.level == Level.NATIONAL:
            del self.fields["parent"]


class ProgramFilterForm(forms.Form):
    tingkat = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=[("", _("Semua tingkat")), *Level.choices]
    )
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), required=False, queryset=Agency.objects.none(), empty_label=_("Semua instansi")
    )
    wilayah = forms.ModelChoiceField(
        label=_("Wilayah"),
        required=False,
        queryset=Region.objects.agency_seats().order_by("code"),
        to_field_name="code",
        empty_label=_("Semua wilayah"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = (
            Agency.objects.filter(programs__isnull=False).distinct().order_by("name")
        )


class TargetImportForm(ImportUploadForm):
    pass


class NomenclatureImportForm(ImportUploadForm):
    regulation = forms.CharField(
        label=_("Peraturan"), max_length=200, help_text=_("Mis. Kepmendagri 900.1.15.5-1317/2023.")
    )
    year = forms.IntegerField(label=_("Berlaku mulai tahun"), min_value=2000, max_value=2100)

    field_order = ["regulation", "year", "file"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["signatory_name", "title", "nip"]
        help_texts = {"nip": _("18 angka, tanpa spasi.")}


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


class RealizationForm(forms.ModelForm):
    class Meta:
        model = Realization
        fields = ["period", "value", "budget_spent", "evidence_note", "evidence_file"]
        help_texts = {
            "value": _("Capaian kumulatif sampai akhir periode, dalam satuan target."),
            "evidence_file": _(
                "PDF, JPEG atau PNG, paling besar 5 MB. Hanya terlihat oleh instansi dan penyelenggara."
            ),
        }

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and hasattr(upload, "content_type"):
            check_upload(
                upload, extensions=PDF_OR_IMAGE, max_bytes=EVIDENCE_MAX_BYTES, allowed_label="PDF, JPEG, PNG"
            )
        return upload


class AspirationForm(forms.ModelForm):
    class Meta:
        model = Aspiration
        fields = ["meeting", "village", "field", "text", "status", "reason", "programs"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        from meetings.models import Meeting
        from programs.models.aspirations import village_label

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(kind=Meeting.Kind.KIPRAH_DESA).order_by(
            "-start"
        )
        villages = Region.objects.filter(kind__in=[Region.Kind.VILLAGE, Region.Kind.URBAN_VILLAGE]).order_by(
            "code"
        )
        self.fields["village"].queryset = villages
        self.fields["village"].label = _("Desa/Kelurahan/Kampung")
        self.fields["village"].label_from_instance = lambda r: f"{village_label(r)} {r.name} ({r.code})"
        self.fields["programs"].queryset = Program.objects.select_related("agency").order_by(
            "-fiscal_year", "level", "name"
        )
        self.fields["programs"].required = False

    def clean(self):
        data = super().clean()
        if data.get("status") == Aspiration.Status.REJECTED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Alasan wajib diisi bila aspirasi tidak diakomodasi."))
        return data


class AspirationFilterForm(forms.Form):
    wilayah = forms.ModelChoiceField(
        label=_("Kabupaten/Kota"),
        queryset=Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).order_by("code"),
        required=False,
        to_field_name="code",
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua status"))], required=False)
    bidang = forms.ChoiceField(label=_("Bidang"), choices=[("", _("Semua bidang"))], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status")), *Aspiration.Status.choices]
        self.fields["bidang"].choices = [("", _("Semua bidang")), *Aspiration.Field.choices]
