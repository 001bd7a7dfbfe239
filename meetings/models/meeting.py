"""The Meeting and its QuerySet.

Staff edit the live agenda rows (models/agenda.py) freely; the public only ever sees the latest
AgendaVersion's snapshot, frozen by ``services.agenda.publish_agenda``.
"""

import datetime
import zoneinfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import nip_validator
from meetings.models.timezones import DEFAULT_TIMEZONE, TIMEZONE_CHOICES, clock, timezone_label
from rakor.dates import FIRST_YEAR, LAST_YEAR, validate_sensible_year, within_sensible_years
from rakor.names import validate_visible_name


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def upcoming(self):
        """Meetings that have not ended yet, soonest first."""
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        """Meetings that have ended, latest first."""
        return self.filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def visible_to(self, user):
        """Meetings a user may manage on staff pages: organisers all of them, everybody else none."""
        if user.has_perm("meetings.manage"):
            return self
        return self.none()

    def with_agenda(self):
        """With organiser, city, sessions and their items (and speakers' agencies): four queries."""
        from meetings.models.agenda import AgendaItem, Session

        items = AgendaItem.objects.select_related("speaker_agency").order_by("order", "start", "pk")
        sessions = Session.objects.order_by("order", "pk").prefetch_related(models.Prefetch("items", items))
        sessions = models.Prefetch("sessions", sessions)
        return self.select_related("organiser", "city").prefetch_related(sessions)


class OfMeetingQuerySet(models.QuerySet):
    """Rows that belong to a meeting (through ``meeting_path``), scoped as their meeting is."""

    meeting_path = "meeting"

    def visible_to(self, user):
        return self.filter(**{f"{self.meeting_path}__in": Meeting.objects.visible_to(user)})

    def coordinated_by(self, user):
        """Rows of the agencies the user is a member of (rows with an ``agency``)."""
        from agencies.models import Agency

        return self.filter(agency__in=Agency.objects.coordinated_by(user))


class Meeting(models.Model):
    """A coordination meeting (rakor) or another meeting an organiser holds."""

    class Kind(models.TextChoices):
        RAKOR = "rakor", _("Rakor")
        RAKERNIS = "rakernis", _("Rakernis")
        KIPRAH_DESA = "kiprah_desa", _("Kiprah Desa")
        OTHER = "other", _("Lainnya")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")

    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.RAKOR)
    title = models.CharField(_("judul"), max_length=300)
    theme = models.TextField(_("tema"), blank=True)
    organiser = models.ForeignKey(
        "agencies.Agency",
        models.PROTECT,
        related_name="organised_meetings",
        limit_choices_to={"is_organiser": True},
        verbose_name=_("penyelenggara"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("tahun anggaran"),
        help_text=_("Tahun anggaran yang direncanakan, misalnya 2019."),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    start = models.DateTimeField(_("mulai"), db_index=True, validators=[validate_sensible_year])
    end = models.DateTimeField(_("selesai"), validators=[validate_sensible_year])
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=TIMEZONE_CHOICES, default=DEFAULT_TIMEZONE
    )
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    city = models.ForeignKey(
        "agencies.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kota/kabupaten"),
    )
    registration_opens = models.DateTimeField(
        _("pendaftaran dibuka"), null=True, blank=True, validators=[validate_sensible_year]
    )
    registration_closes = models.DateTimeField(
        _("pendaftaran ditutup"), null=True, blank=True, validators=[validate_sensible_year]
    )
    capacity = models.PositiveIntegerField(_("kapasitas peserta"), null=True, blank=True)
    default_quota = models.PositiveSmallIntegerField(
        _("kuota peserta per instansi"),
        default=2,
        help_text=_("Jumlah kursi bawaan bagi tiap instansi undangan."),
    )
    requires_approval = models.BooleanField(
        _("pendaftaran perlu verifikasi"),
        default=False,
        help_text=_("Jika dicentang, pendaftaran menunggu verifikasi penyelenggara."),
    )
    chair_name = models.CharField(
        _("nama pimpinan rapat"), max_length=120, blank=True, validators=[validate_visible_name]
    )
    chair_title = models.CharField(_("jabatan pimpinan rapat"), max_length=200, blank=True)
    # The chair signs the certificates of attendance: pangkat/golongan and NIP under the name.
    chair_rank = models.CharField(_("pangkat/golongan pimpinan rapat"), max_length=80, blank=True)
    chair_nip = models.CharField(
        _("NIP pimpinan rapat"), max_length=18, blank=True, validators=[nip_validator]
    )
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    # "Tembusan:" under the invitation letter's signature (DOCUMENTS.md §5), one addressee a line.
    carbon_copies = models.TextField(
        _("tembusan surat undangan"),
        blank=True,
        help_text=_(
            "Satu tujuan per baris, misalnya \"Gubernur Kalimantan Timur (sebagai laporan)\"; "
            "nomor urut dicetak otomatis. Kosongkan bila tanpa tembusan."
        ),
    )
    checkin_opened_early_at = models.DateTimeField(
        _("registrasi ulang dibuka lebih awal"),
        null=True,
        blank=True,
        help_text=_("Diisi saat penyelenggara membuka registrasi ulang sebelum hari rapat."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Set by every agenda edit and cleared by publish_agenda, so lists can show "belum diterbitkan"
    # without diffing snapshots.
    has_unpublished_changes = models.BooleanField(_("ada perubahan belum diterbitkan"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="meeting_end_after_start",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=within_sensible_years("start")
                & within_sensible_years("end")
                & within_sensible_years("registration_opens", nullable=True)
                & within_sensible_years("registration_closes", nullable=True)
                & Q(fiscal_year__gte=FIRST_YEAR, fiscal_year__lte=LAST_YEAR),
                name="meeting_dates_in_sensible_years",
                violation_error_message=_("Tahun harus antara 2000 dan 2100."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:staff_detail", args=[self.pk])

    def public_url(self):
        """The public meeting page (built by the documents work as the route "meetings:public")."""
        return reverse("meetings:public", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone or DEFAULT_TIMEZONE)

    @property
    def timezone_label(self):
        """'WITA', 'WIB' or 'WIT': written after every time shown for this meeting."""
        return timezone_label(self.timezone)

    def local(self, value):
        """A datetime in the meeting's own time zone (None stays None)."""
        return timezone.localtime(value, self.tzinfo) if value else value

    def clock(self, value):
        """"09.30" in the meeting's own time zone."""
        return clock(value, self.tzinfo)

    @property
    def local_start(self):
        return self.local(self.start)

    @property
    def local_end(self):
        return self.local(self.end)

    def local_dates(self):
        """The calendar days the meeting spans, in its own time zone."""
        return self.local_start.date(), self.local_end.date()

    @property
    def has_ended(self):
        return self.end < timezone.now()

    def checkin_opens(self):
        """When check-in opens: 00.00 of the meeting's first day in its zone, or earlier when an
        organiser opened it early (recorded on the meeting). It stays open afterwards, so the desk
        can still record a late arrival or correct the list."""
        first = self.local_dates()[0]
        opens = datetime.datetime.combine(first, datetime.time.min, tzinfo=self.tzinfo)
        if self.checkin_opened_early_at is not None:
            opens = min(opens, self.checkin_opened_early_at)
        return opens

    def checkin_is_open(self):
        return timezone.now() >= self.checkin_opens()

    def latest_version(self):
        """The latest published AgendaVersion, or None (uses prefetched versions when present)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "agenda_versions" in cache:
            versions = list(cache["agenda_versions"])
            return max(versions, key=lambda v: v.number) if versions else None
        return self.agenda_versions.order_by("-number").first()
