"""Meetings and their agenda: Meeting, Session, AgendaItem, published AgendaVersions, Materials.

Staff edit the live rows (Session, AgendaItem) freely; the public only ever sees the latest
AgendaVersion's snapshot, frozen by ``services.publish_agenda``. See AgendaVersion for the format.
"""

import uuid
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rakor import roles

DEFAULT_TIMEZONE = "Asia/Makassar"

# Indonesia's three time zones by the names people write after a time ("09.00 WITA").
TIMEZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
TIMEZONE_CHOICES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Pontianak", _("WIB (Asia/Pontianak)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]


def clock(value, tz):
    """"09.30": the time of ``value`` in ``tz``, the way Indonesian documents print it."""
    return timezone.localtime(value, tz).strftime("%H.%M")


def timezone_label(name):
    """'WITA' for Asia/Makassar; other zones by their own name."""
    return TIMEZONE_ABBREVIATIONS.get(name, name)


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
        if roles.is_organiser(user):
            return self
        return self.none()


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
        _("tahun anggaran"), help_text=_("Tahun anggaran yang direncanakan, misalnya 2019.")
    )
    start = models.DateTimeField(_("mulai"), db_index=True)
    end = models.DateTimeField(_("selesai"))
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
    registration_opens = models.DateTimeField(_("pendaftaran dibuka"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("pendaftaran ditutup"), null=True, blank=True)
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
    chair_name = models.CharField(_("nama pimpinan rapat"), max_length=120, blank=True)
    chair_title = models.CharField(_("jabatan pimpinan rapat"), max_length=200, blank=True)
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
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

    def latest_version(self):
        """The latest published AgendaVersion, or None (uses prefetched versions when present)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "agenda_versions" in cache:
            versions = list(cache["agenda_versions"])
            return max(versions, key=lambda v: v.number) if versions else None
        return self.agenda_versions.order_by("-number").first()


class Session(models.Model):
    """A part of the meeting: a plenary (pleno) or a working group (komisi) in its own room."""

    class Kind(models.TextChoices):
        PLENO = "pleno", _("Pleno")
        KOMISI = "komisi", _("Komisi")

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="sessions", verbose_name=_("rapat"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.PLENO)
    title = models.CharField(_("judul"), max_length=200)
    room = models.CharField(_("ruang"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#sesi-{self.pk}"


class AgendaItem(models.Model):
    """One item of the agenda (mata acara): a time slot in a session, public or internal."""

    class Kind(models.TextChoices):
        PEMBUKAAN = "pembukaan", _("Pembukaan")
        SAMBUTAN = "sambutan", _("Sambutan")
        PAPARAN = "paparan", _("Paparan")
        DISKUSI = "diskusi", _("Diskusi")
        ISTIRAHAT = "istirahat", _("Istirahat")
        PENUTUPAN = "penutupan", _("Penutupan")
        LAINNYA = "lainnya", _("Lainnya")

    session = models.ForeignKey(Session, models.CASCADE, related_name="items", verbose_name=_("sesi"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"))
    title = models.CharField(_("judul"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.PAPARAN)
    speaker_name = models.CharField(_("nama narasumber"), max_length=200, blank=True)
    speaker_title = models.CharField(_("jabatan narasumber"), max_length=200, blank=True)
    speaker_agency = models.ForeignKey(
        "agencies.Agency",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi narasumber"),
    )
    is_public = models.BooleanField(
        _("tampil untuk publik"),
        default=True,
        help_text=_("Mata acara internal tidak tampil di halaman publik."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "order", "start", "pk"]
        verbose_name = _("mata acara")
        verbose_name_plural = _("mata acara")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="agenda_item_end_after_start",
                violation_error_message=_("Waktu selesai harus setelah waktu mulai."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def duration(self):
        """How long the item lasts, a timedelta."""
        return self.end - self.start

    @property
    def duration_minutes(self):
        return int(self.duration.total_seconds() // 60)

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


class AgendaVersion(models.Model):
    """The agenda as published ("Terbitkan"), frozen: the only source of public agenda pages.

    The public meeting page, the agenda PDF and the .ics are rendered from the latest version's
    ``snapshot`` (never from the live rows, so drafts never leak). Build it with
    ``meetings.snapshots.build_snapshot(meeting)``; read it with ``public_snapshot()``, which drops
    internal items and turns the ISO strings back into aware datetimes in the meeting's zone.

    Snapshot format (JSON, ``"format": 1``; datetimes are ISO 8601 strings with offset, e.g.
    ``"2018-04-24T08:00:00+08:00"``; choice fields hold codes, get labels from the model choices)::

        {
          "format": 1,
          "meeting": {
            "id": 1, "kind": "rakor", "title": "...", "theme": "...",
            "fiscal_year": 2019, "start": "...", "end": "...",
            "timezone": "Asia/Makassar", "timezone_label": "WITA",
            "venue": "...", "address": "...",
            "city": {"code": "64.71", "name": "Kota Balikpapan"} | null,
            "organiser": {"id": 3, "name": "...", "short_name": "..."},
            "registration_opens": "..." | null, "registration_closes": "..." | null,
            "capacity": 200 | null, "requires_approval": false,
            "chair_name": "...", "chair_title": "...", "letter_number": "..."
          },
          "sessions": [                       # in order
            {
              "id": 5, "kind": "pleno" | "komisi", "title": "...", "room": "...", "order": 1,
              "items": [                      # in order, public and internal alike
                {
                  "id": 9, "order": 1, "start": "...", "end": "...",
                  "title": "...", "description": "...", "kind": "paparan",
                  "speaker_name": "...", "speaker_title": "...",
                  "speaker_agency": {"id": 4, "name": "...", "short_name": "..."} | null,
                  "is_public": true
                }
              ]
            }
          ]
        }
    """

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="agenda_versions", verbose_name=_("rapat")
    )
    number = models.PositiveIntegerField(_("nomor versi"))
    published_at = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    snapshot = models.JSONField(_("isi agenda"))

    class Meta:
        ordering = ["meeting", "-number"]
        get_latest_by = "number"
        verbose_name = _("versi agenda")
        verbose_name_plural = _("versi agenda")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.meeting} v{self.number}"

    def public_snapshot(self):
        """The snapshot for public pages: internal items dropped, datetimes aware (meeting zone)."""
        from meetings.snapshots import for_display

        return for_display(self.snapshot, public=True)

    def full_snapshot(self):
        """The snapshot with internal items too (staff documents), datetimes aware."""
        from meetings.snapshots import for_display

        return for_display(self.snapshot, public=False)


class AgendaChange(models.Model):
    """One line of the change log ("Perubahan jadwal") between a version and the one before it."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Ditambahkan")
        REMOVED = "removed", _("Dihapus")
        MOVED = "moved", _("Dipindah")
        CHANGED = "changed", _("Diubah")

    version = models.ForeignKey(
        AgendaVersion, models.CASCADE, related_name="changes", verbose_name=_("versi")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("uraian"))
    # False when the change concerns only internal items: staff see it, the public never does.
    is_public = models.BooleanField(_("tampil untuk publik"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("perubahan agenda")
        verbose_name_plural = _("perubahan agenda")

    def __str__(self):
        return self.description


def material_upload_to(instance, filename):
    """A random name that keeps only the (already validated) extension: paths never leak titles."""
    suffix = Path(filename).suffix.lower()
    return f"materials/{uuid.uuid4().hex}{suffix}"


class Material(models.Model):
    """A file or link for a meeting or one of its agenda items (bahan/materi rapat)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="materials", verbose_name=_("rapat"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("mata acara"),
    )
    title = models.CharField(_("judul"), max_length=300)
    file = models.FileField(_("berkas"), upload_to=material_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    url = models.URLField(_("tautan"), blank=True, max_length=500)
    is_public = models.BooleanField(_("tampil untuk publik"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "title", "pk"]
        verbose_name = _("bahan rapat")
        verbose_name_plural = _("bahan rapat")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_file_or_url",
                violation_error_message=_("Isi salah satu: unggah berkas atau tautan."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_link(self):
        return bool(self.url)
