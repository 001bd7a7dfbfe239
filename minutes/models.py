"""Minutes of a meeting (notula): notes per agenda item, decisions, follow-up actions, versions.

Staff edit the live rows while the minutes are a draft; ``services.finalise_minutes`` freezes them
into a MinutesVersion snapshot and issues the signed notula PDF (documents.IssuedDocument) whose
subject is the Meeting, so the meetings app can find a published notula without importing this app.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, nip_validator
from rakor.permissions import is_organiser
from rakor.storage import private_storage


class Minutes(models.Model):
    """The minutes of one meeting: draft -> review -> final (locked, versioned, issued)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Ditinjau")
        FINAL = "final", _("Final")

    class Finalising(models.TextChoices):
        """The finalisation job (minutes/finalising.py): queued and running lock the minutes."""

        NONE = "", _("Tidak ada")
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Sedang diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    meeting = models.OneToOneField(
        "meetings.Meeting", models.CASCADE, related_name="minutes", verbose_name=_("rapat")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    chair_name = models.CharField(_("nama pimpinan rapat"), max_length=120, blank=True)
    chair_title = models.CharField(_("jabatan pimpinan rapat"), max_length=200, blank=True)
    chair_nip = models.CharField(
        _("NIP pimpinan rapat"), max_length=18, blank=True, validators=[nip_validator]
    )
    note_taker_name = models.CharField(_("nama notulis"), max_length=120, blank=True)
    note_taker_title = models.CharField(_("jabatan notulis"), max_length=200, blank=True)
    note_taker_nip = models.CharField(_("NIP notulis"), max_length=18, blank=True, validators=[nip_validator])
    opening = models.TextField(_("kata pembukaan"), blank=True)
    # The number of the latest MinutesVersion (0 before the first finalisation).
    current_version = models.PositiveIntegerField(_("versi terakhir"), default=0)
    # Set by publish_minutes: the meeting's public page links the final notula.
    is_published = models.BooleanField(_("notula diterbitkan untuk publik"), default=False)
    # The finalisation job asked for last (finalising.request_finalisation): which version it
    # issues, who asked when, for a wet-ink signature or not, and why it failed (Indonesian msgids).
    finalising = models.CharField(
        _("penetapan"), max_length=8, choices=Finalising.choices, blank=True, default=Finalising.NONE
    )
    finalising_version = models.PositiveIntegerField(_("versi yang ditetapkan"), null=True, blank=True)
    finalising_requested_at = models.DateTimeField(_("penetapan diminta pada"), null=True, blank=True)
    finalising_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penetapan diminta oleh"),
    )
    finalising_wet_ink = models.BooleanField(_("ditandatangani basah"), default=False)
    finalising_error = models.TextField(_("alasan penetapan gagal"), blank=True)
    finalising_task_id = models.CharField(_("nomor tugas penetapan"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notula")
        verbose_name_plural = _("notula")

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("minutes:editor", args=[self.meeting_id])

    @property
    def is_editable(self):
        return self.status != self.Status.FINAL

    @property
    def is_final(self):
        return self.status == self.Status.FINAL

    @property
    def is_finalising(self):
        """A finalisation job is queued or running: nothing changes until it is done or failed."""
        return self.finalising in (self.Finalising.QUEUED, self.Finalising.RUNNING)


class ItemNote(models.Model):
    """What was discussed under one agenda item. ``revision`` guards against lost updates."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="notes", verbose_name=_("notula"))
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", models.CASCADE, related_name="+", verbose_name=_("mata acara")
    )
    text = models.TextField(_("pembahasan"), blank=True)
    revision = models.PositiveIntegerField(_("revisi"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan mata acara")
        verbose_name_plural = _("catatan mata acara")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="minutes_note_unique_item"),
        ]

    def __str__(self):
        return f"{self.minutes} · {self.agenda_item_id}"


class Decision(models.Model):
    """A numbered conclusion (kesimpulan/keputusan) of the meeting."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="decisions", verbose_name=_("notula"))
    order = models.PositiveSmallIntegerField(_("nomor urut"), default=0)
    text = models.TextField(_("isi kesimpulan"))
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mata acara"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "order", "pk"]
        verbose_name = _("kesimpulan")
        verbose_name_plural = _("kesimpulan")

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class ActionItemQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(status=ActionItem.Status.DONE).filter(due_date__lt=today)

    def not_done(self):
        return self.exclude(status=ActionItem.Status.DONE)

    def of_final_minutes(self):
        """Actions agreed in final minutes: the ones agencies follow up (drafts may still change)."""
        return self.filter(minutes__status=Minutes.Status.FINAL)

    def coordinated_by(self, user):
        """Actions whose responsible agency the user coordinates (none for anybody else)."""
        return self.filter(agency__in=Agency.objects.coordinated_by(user))

    def visible_to(self, user):
        """Organisers: every action; coordinators: their agencies' actions; others: none."""
        return self if is_organiser(user) else self.coordinated_by(user)


class ActionItem(models.Model):
    """A follow-up action (tindak lanjut): what, which agency, by when, and its state."""

    class Status(models.TextChoices):
        OPEN = "open", _("Belum dimulai")
        IN_PROGRESS = "in_progress", _("Sedang berjalan")
        DONE = "done", _("Selesai")

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="actions", verbose_name=_("notula"))
    order = models.PositiveSmallIntegerField(_("nomor urut"), default=0)
    what = models.TextField(_("tindak lanjut"))
    agency = models.ForeignKey(
        "agencies.Agency", models.PROTECT, related_name="action_items", verbose_name=_("penanggung jawab")
    )
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    carried_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("lanjutan dari"),
    )

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "order", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self):
        return self.what[:80]

    @property
    def is_overdue(self):
        return (
            self.status != self.Status.DONE
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


def evidence_upload_to(instance, filename):
    from rakor.tokens import new_token

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"tindak-lanjut/{new_token()}.{extension}"


class ActionProgress(models.Model):
    """A progress update of an action item (status, note, optional evidence file)."""

    action = models.ForeignKey(
        ActionItem, models.CASCADE, related_name="progress", verbose_name=_("tindak lanjut")
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionItem.Status.choices)
    note = models.TextField(_("catatan"), blank=True)
    evidence = models.FileField(
        _("bukti"), storage=private_storage, upload_to=evidence_upload_to, max_length=200, blank=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    at = models.DateTimeField(_("pada"), default=timezone.now)

    class Meta:
        ordering = ["action", "-at", "-pk"]
        verbose_name = _("perkembangan tindak lanjut")
        verbose_name_plural = _("perkembangan tindak lanjut")

    def __str__(self):
        return f"{self.action} · {self.get_status_display()}"


class ReviewComment(models.Model):
    """An organiser's remark on a draft, on one agenda item or on the whole minutes."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="comments", verbose_name=_("notula"))
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mata acara"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("penulis")
    )
    text = models.TextField(_("komentar"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["minutes", "created_at", "pk"]
        verbose_name = _("komentar tinjauan")
        verbose_name_plural = _("komentar tinjauan")

    def __str__(self):
        return self.text[:60]


class MinutesVersion(models.Model):
    """The minutes as finalised, frozen: the only source of the notula PDF and of comparisons.

    Snapshot format (JSON, ``"format": 1``; datetimes ISO 8601 with offset, dates ``YYYY-MM-DD``;
    choice fields hold codes)::

        {
          "format": 1,
          "meeting": {
            "id": 1, "title": "...", "start": "...", "end": "...",
            "timezone": "Asia/Makassar", "timezone_label": "WITA",
            "venue": "...", "address": "...", "city": "Kota Balikpapan" | "",
            "letter_number": "...", "organiser_id": 3
          },
          "chair": {"name": "...", "title": "...", "nip": "197001011995031001"},
          "note_taker": {"name": "...", "title": "...", "nip": ""},
          "opening": "...",
          "items": [                              # every agenda item, in agenda order
            {"id": 9, "session": "Sesi Pleno I", "title": "...", "start": "...", "end": "...",
             "kind": "paparan", "speaker": "...", "is_public": true, "note": "..."}
          ],
          "decisions": [{"number": 1, "text": "...", "agenda_item_id": 9 | null}],
          "actions": [
            {"number": 1, "what": "...", "agency": "DPMD Kutai Kartanegara", "agency_id": 4,
             "due_date": "2019-01-31" | null, "status": "open"}
          ],
          "attendance": {
            "total": 12,
            "per_agency": [{"agency": "...", "count": 3}],        # by agency name
            "people": [{"name": "...", "nip": "...", "position": "...", "agency": "..."}]
          }
        }
    """

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="versions", verbose_name=_("notula"))
    number = models.PositiveIntegerField(_("nomor versi"))
    snapshot = models.JSONField(_("isi notula"))
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("difinalkan oleh"),
    )
    finalised_at = models.DateTimeField(_("difinalkan pada"), default=timezone.now)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen"),
    )

    class Meta:
        ordering = ["minutes", "-number"]
        get_latest_by = "number"
        verbose_name = _("versi notula")
        verbose_name_plural = _("versi notula")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.minutes} v{self.number}"
