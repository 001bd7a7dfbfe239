"""The agenda: Session, AgendaItem (live rows staff edit), AgendaVersion and AgendaChange (published).

The public only ever sees the latest AgendaVersion's snapshot (meetings.snapshots reads it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meeting import Meeting, OfMeetingQuerySet
from rakor.dates import validate_sensible_year, within_sensible_years
from rakor.names import validate_visible_name


class AgendaItemQuerySet(OfMeetingQuerySet):
    meeting_path = "session__meeting"


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

    objects = OfMeetingQuerySet.as_manager()

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
    start = models.DateTimeField(_("mulai"), validators=[validate_sensible_year])
    end = models.DateTimeField(_("selesai"), validators=[validate_sensible_year])
    title = models.CharField(_("judul"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.PAPARAN)
    speaker_name = models.CharField(
        _("nama narasumber"), max_length=200, blank=True, validators=[validate_visible_name]
    )
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

    objects = AgendaItemQuerySet.as_manager()
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
            models.CheckConstraint(
                condition=within_sensible_years("start") & within_sensible_years("end"),
                name="agenda_item_in_sensible_years",
                violation_error_message=_("Tahun harus antara 2000 dan 2100."),
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
    ``meetings.snapshots.build_snapshot(meeting)``; read it with
    ``meetings.snapshots.public_snapshot(version)``, which drops internal items and turns the ISO
    strings back into aware datetimes in the meeting's zone.

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
