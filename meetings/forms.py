"""Staff forms for meetings, sessions, agenda items and materials.

Times are typed in the meeting's own time zone (WITA for Kaltim), whatever the server's zone.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Region
from meetings.models import DEFAULT_TIMEZONE, AgendaItem, Material, Meeting, Session, clock
from meetings.uploads import ALLOWED_LABEL, check_material, max_material_bytes
from rakor.dates import validate_sensible_year

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MeetingZoneMixin:
    """Shows and reads the form's datetime fields in a meeting's zone instead of the active one.

    Django parses a typed datetime in the active zone; ``_in_zone`` re-reads the same wall-clock
    time in the meeting's zone, and initial values are shown as naive wall-clock times there.
    """

    datetime_fields = ()

    def _zone_for_display(self, tz):
        for name in self.datetime_fields:
            value = self.initial.get(name)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    def _in_zone(self, cleaned, tz):
        for name in self.datetime_fields:
            value = cleaned.get(name)
            if isinstance(value, datetime.datetime):
                cleaned[name] = timezone.make_aware(timezone.make_naive(value), tz)
        return cleaned


class MeetingForm(MeetingZoneMixin, forms.ModelForm):
    datetime_fields = ("start", "end", "registration_opens", "registration_closes")
    shift_agenda = forms.BooleanField(
        label=_("Geser seluruh jadwal sesi dan mata acara bersama waktu mulai rapat"),
        required=False,
        initial=True,
        help_text=_("Hanya berlaku saat waktu mulai diubah; riwayat tiap mata acara tetap tercatat."),
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "theme",
            "organiser",
            "fiscal_year",
            "start",
            "end",
            "timezone",
            "venue",
            "address",
            "city",
            "registration_opens",
            "registration_closes",
            "capacity",
            "default_quota",
            "requires_approval",
            "chair_name",
            "chair_title",
            "chair_rank",
            "chair_nip",
            "letter_number",
            "carbon_copies",
        ]
        widgets = {
            "start": DateTimeLocalInput(),
            "end": DateTimeLocalInput(),
            "registration_opens": DateTimeLocalInput(),
            "registration_closes": DateTimeLocalInput(),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "carbon_copies": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Agency.objects.organisers().order_by("name")
        self.fields["city"].queryset = Region.objects.filter(
            kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]
        ).order_by("code")
        self.fields["city"].label_from_instance = lambda region: f"{region.name} ({region.code})"
        if not self.instance.pk:
            organisers = list(self.fields["organiser"].queryset[:2])
            if len(organisers) == 1:
                self.initial.setdefault("organiser", organisers[0].pk)
        tz = self.instance.tzinfo if self.instance.pk else zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)
        self._zone_for_display(tz)
        if not self.instance.pk:
            del self.fields["shift_agenda"]  # a new meeting has no agenda to move

    def clean(self):
        cleaned = super().clean()
        tz = zoneinfo.ZoneInfo(cleaned.get("timezone") or DEFAULT_TIMEZONE)
        cleaned = self._in_zone(cleaned, tz)
        start, end = cleaned.get("start"), cleaned.get("end")
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if start and end and end <= start:
            self.add_error("end", _("Waktu selesai harus setelah waktu mulai."))
        if closes and start and closes > start:
            self.add_error(
                "registration_closes",
                _("Pendaftaran harus ditutup sebelum rapat dimulai (%(start)s).")
                % {"start": date_format(timezone.localtime(start, tz), "j F Y, H.i")},
            )
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Pendaftaran harus ditutup setelah dibuka."))
        return cleaned

    def _post_clean(self):
        # The model's CheckConstraint would repeat "end after start" as a form-wide error; the
        # field error above already says it.
        super()._post_clean()
        if "end" in self.errors and "__all__" in self.errors:
            self.errors.pop("__all__")


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["kind", "title", "room"]


class AgendaItemForm(MeetingZoneMixin, forms.ModelForm):
    """An agenda item of ``meeting``: within the meeting's days, not overlapping its session."""

    datetime_fields = ("start", "end")

    class Meta:
        model = AgendaItem
        fields = [
            "session",
            "start",
            "end",
            "title",
            "kind",
            "description",
            "speaker_name",
            "speaker_title",
            "speaker_agency",
            "is_public",
        ]
        widgets = {
            "start": DateTimeLocalInput(),
            "end": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = meeting.sessions.order_by("order", "pk")
        self.fields["session"].empty_label = None
        self.fields["speaker_agency"].queryset = Agency.objects.order_by("name")
        self._zone_for_display(meeting.tzinfo)
        first, last = meeting.local_dates()
        self.fields["start"].help_text = _("Waktu %(tz)s.") % {"tz": meeting.timezone_label}
        self.fields["end"].help_text = self.fields["start"].help_text
        for name in self.datetime_fields:
            self.fields[name].widget.attrs.update(
                min=f"{first.isoformat()}T00:00", max=f"{last.isoformat()}T23:59"
            )

    def clean(self):
        cleaned = self._in_zone(super().clean(), self.meeting.tzinfo)
        start, end, session = cleaned.get("start"), cleaned.get("end"), cleaned.get("session")
        tz = self.meeting.tzinfo
        if start and end and end <= start:
            self.add_error("end", _("Waktu selesai harus setelah waktu mulai."))
        first, last = self.meeting.local_dates()
        for name, value in (("start", start), ("end", end)):
            if (
                value
                and name not in self.errors
                and not first <= timezone.localtime(value, tz).date() <= last
            ):
                if first == last:
                    days = date_format(first, "l, j F Y")
                else:
                    days = f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"
                self.add_error(
                    name, _("Mata acara harus berada pada hari rapat (%(days)s).") % {"days": days}
                )
        if start and end and session and not self.errors:
            clash = (
                AgendaItem.objects.filter(session=session, start__lt=end, end__gt=start)
                .exclude(pk=self.instance.pk)
                .order_by("start")
                .first()
            )
            if clash:
                self.add_error(
                    "start",
                    _(
                        "Waktunya bertabrakan dengan mata acara '%(title)s' "
                        "(%(start)s–%(end)s %(tz)s) di sesi ini."
                    )
                    % {
                        "title": clash.title,
                        "start": clock(clash.start, tz),
                        "end": clock(clash.end, tz),
                        "tz": self.meeting.timezone_label,
                    },
                )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if "end" in self.errors and "__all__" in self.errors:
            self.errors.pop("__all__")


class MaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("Tautan"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Material
        fields = ["title", "agenda_item", "file", "url", "is_public"]

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(session__meeting=meeting).order_by(
            "session__order", "order"
        )
        self.fields["agenda_item"].help_text = _("Kosongkan untuk bahan rapat secara umum.")
        self.fields["file"].help_text = _("%(allowed)s, paling besar %(limit)s MB.") % {
            "allowed": ALLOWED_LABEL,
            "limit": max_material_bytes() // (1024 * 1024),
        }
        self.fields["file"].widget = forms.FileInput(
            attrs={"accept": ".pdf,.pptx,.docx,.xlsx,.jpg,.jpeg,.png"}
        )
        self.fields["url"].help_text = _("Atau tautan ke bahan yang tersimpan di tempat lain.")

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            uploaded.detected_content_type = check_material(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if "file" not in self.errors and has_file == has_url:
            self.add_error(
                "file" if not has_url else "url",
                _("Isi salah satu: unggah berkas atau tautan.")
                if not has_file
                else _("Pilih salah satu saja: berkas atau tautan."),
            )
        return cleaned

    def _post_clean(self):
        # The model's constraint would repeat the file-or-link rule as a form-wide error.
        super()._post_clean()
        if ("file" in self.errors or "url" in self.errors) and "__all__" in self.errors:
            self.errors.pop("__all__")


class CloneForm(forms.Form):
    start_date = forms.DateField(
        label=_("Tanggal mulai rapat baru"),
        widget=DateInput(),
        validators=[validate_sensible_year],
        help_text=_("Semua jadwal, sesi, dan mata acara digeser sejauh selisih tanggal ini."),
    )

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        # Same weekday, a year later.
        self.initial.setdefault("start_date", meeting.local_start.date() + datetime.timedelta(days=364))

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        if value == self.meeting.local_start.date():
            raise ValidationError(_("Pilih tanggal yang berbeda dari rapat asal."))
        return value

    def start(self):
        """The new start: the chosen day at the original meeting's time of day, in its zone."""
        local = self.meeting.local_start
        return datetime.datetime.combine(
            self.cleaned_data["start_date"], local.timetz().replace(tzinfo=None)
        ).replace(tzinfo=self.meeting.tzinfo)


class MeetingFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Meeting.Kind.choices]
    )
