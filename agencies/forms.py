from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Level, Membership, Region
from rakor.uploads import IMAGE, check_upload

MAX_IMPORT_SIZE = 2 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024


class RegionChoiceField(forms.ModelChoiceField):
    """A region picked by its Kemendagri code; the option values are the codes themselves."""

    def label_from_instance(self, obj):
        if obj.kind == Region.Kind.PROVINCE:
            return f"{obj.code} {obj.name.upper()}"
        # Non-breaking spaces indent regencies under their province in the flat, code-ordered list.
        return f"\u00a0\u00a0\u00a0{obj.code} {obj.name}"


def region_field(**kwargs):
    return RegionChoiceField(
        queryset=Region.objects.agency_seats().order_by("code"),
        to_field_name="code",
        error_messages={"invalid_choice": _("Kode wilayah %(value)s tidak dikenal.")},
        **kwargs,
    )


class AgencyForm(forms.ModelForm):
    """Create or edit an agency. A name is unique within its region, whatever its letter case."""

    region = region_field(
        required=False,
        label=_("Wilayah"),
        empty_label=_("— Pusat (tanpa wilayah) —"),
        help_text=_(
            "Provinsi atau kabupaten/kota tempat instansi berkedudukan; kosongkan untuk instansi pusat."
        ),
    )

    website = forms.URLField(label=_("Laman"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "region",
            "address",
            "phone",
            "email",
            "website",
            "head_name",
            "head_title",
            "head_rank",
            "head_nip",
            "is_organiser",
            "letterhead",
            "logo",
        ]
        widgets = {"letterhead": forms.Textarea(attrs={"rows": 4}), "address": forms.TextInput()}
        error_messages = {
            "email": {"invalid": _("Masukkan alamat surel yang benar, mis. dpmd@kukarkab.go.id.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Room for the spaces of a printed NIP; the model's 18-digit rule runs after clean_head_nip.
        nip = self.fields["head_nip"]
        nip.max_length = None
        nip.validators = []
        nip.widget.attrs.update({"maxlength": "24", "inputmode": "numeric"})

    def clean_logo(self):
        # The logo is printed on every letterhead and shown on pages: only a real PNG or JPEG.
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            check_upload(
                logo,
                extensions=IMAGE,
                max_bytes=LOGO_MAX_BYTES,
                allowed_label="PNG, JPEG",
                message=_("Logo harus berkas PNG atau JPEG yang asli."),
            )
        return logo

    def clean_head_nip(self):
        # People type NIPs the way they are printed ("19700101 199003 1 001"): spaces are not digits.
        return self.cleaned_data["head_nip"].replace(" ", "")

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name and "region" not in self._errors:
            region = cleaned.get("region")
            duplicates = Agency.objects.filter(name__iexact=name, region=region).exclude(pk=self.instance.pk)
            if duplicates.exists():
                # At the field (not as a form-wide error), so the model's constraint check is skipped.
                if region is None:
                    self.add_error("name", _("Instansi pusat dengan nama ini sudah ada."))
                else:
                    self.add_error("name", _("Instansi dengan nama ini sudah ada di wilayah ini."))
        return cleaned


class AgencyFilterForm(forms.Form):
    """The list's search box and filters (GET)."""

    ORDERINGS = {
        "nama": ("name",),
        "wilayah": ("region_id", "name"),
        "terbaru": ("-updated_at",),
    }

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    tingkat = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=[("", _("Semua tingkat")), *Level.choices]
    )
    provinsi = forms.ModelChoiceField(
        label=_("Provinsi"),
        required=False,
        queryset=Region.objects.provinces(),
        to_field_name="code",
        empty_label=_("Semua provinsi"),
    )
    kabkota = forms.ModelChoiceField(
        label=_("Kabupaten/Kota"),
        required=False,
        queryset=Region.objects.none(),
        to_field_name="code",
        empty_label=_("Semua kabupaten/kota"),
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[("nama", _("Nama")), ("wilayah", _("Wilayah")), ("terbaru", _("Terakhir diubah"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the chosen province's regencies and cities: a short list instead of 514 options.
        province = self.data.get("provinsi")
        if province:
            self.fields["kabkota"].queryset = Region.objects.filter(parent_id=province).order_by("code")

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.order_by("name")
        data = self.cleaned_data
        queryset = queryset.search(data["q"])
        if data["tingkat"]:
            queryset = queryset.filter(level=data["tingkat"])
        if data["kabkota"]:
            queryset = queryset.in_region(data["kabkota"].code)
        elif data["provinsi"]:
            queryset = queryset.in_region(data["provinsi"].code)
        return queryset.order_by(*self.ORDERINGS[data["urut"] or "nama"], "pk")


class MembershipForm(forms.Form):
    """Add a user to an agency, found by user name or e-mail address."""

    user = forms.CharField(
        label=_("Nama pengguna atau surel"),
        max_length=254,
        help_text=_("Pengguna harus sudah memiliki akun."),
    )
    role = forms.ChoiceField(label=_("Peran"), choices=Membership.Role.choices)

    def __init__(self, *args, agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)

    def clean_user(self):
        text = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=text) | Q(email__iexact=text), is_active=True
        )
        matches = list(users[:2])
        if not matches:
            raise forms.ValidationError(_("Pengguna %(user)s tidak ditemukan."), params={"user": text})
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Lebih dari satu pengguna memakai surel ini; tulis nama penggunanya."), code="ambiguous"
            )
        user = matches[0]
        if Membership.objects.filter(user=user, agency=self.agency).exists():
            raise forms.ValidationError(_("Pengguna ini sudah menjadi anggota instansi ini."))
        return user


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Paling besar 2 MB; baris pertama berisi nama kolom."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 2 MB."))
        return upload
