"""Community aspirations collected on kiprah desa monitoring visits."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Region
from meetings.models import Meeting
from programs.models.plan import Program

# Regencies where a desa is called "kampung" (../shared/data/SOURCES.md): Kutai Barat, Berau, Mahakam Ulu.
KAMPUNG_REGENCIES = {"64.07", "64.03", "64.11"}


def village_label(region):
    """'Kampung' in Kutai Barat, Berau and Mahakam Ulu; 'Kelurahan' for a kelurahan; else 'Desa'."""
    if region.kind == Region.Kind.URBAN_VILLAGE:
        return _("Kelurahan")
    if region.code[:5] in KAMPUNG_REGENCIES:
        return _("Kampung")
    return _("Desa")


WORD = re.compile(r"\w+")
# Words too common in aspirations to tell two apart.
STOP_WORDS = {
    "dan",
    "di",
    "ke",
    "dari",
    "yang",
    "untuk",
    "pada",
    "dengan",
    "atau",
    "ini",
    "itu",
    "agar",
    "desa",
    "kampung",
    "kelurahan",
    "warga",
    "masyarakat",
    "mohon",
    "perlu",
    "ada",
    "tidak",
    "belum",
}


def words(text):
    return {w for w in WORD.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS}


def similarity(a, b):
    """Overlap of the normalised words of two texts, 0..1 (Jaccard)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


class Aspiration(models.Model):
    class Field(models.TextChoices):
        GOVERNANCE = "pemerintahan", _("Pemerintahan desa")
        DEVELOPMENT = "pembangunan", _("Pembangunan desa")
        COMMUNITY = "kemasyarakatan", _("Pembinaan kemasyarakatan")
        EMPOWERMENT = "pemberdayaan", _("Pemberdayaan masyarakat")
        ECONOMY = "ekonomi", _("Ekonomi dan BUMDes")
        OTHER = "lainnya", _("Lainnya")

    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Diterima")
        REVIEWED = "dikaji", _("Dikaji")
        ACCOMMODATED = "diakomodasi", _("Diakomodasi")
        REJECTED = "tidak_diakomodasi", _("Tidak diakomodasi")

    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="aspirations", verbose_name=_("kunjungan kiprah desa")
    )
    village = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="aspirations",
        limit_choices_to={"kind__in": [Region.Kind.VILLAGE, Region.Kind.URBAN_VILLAGE]},
        verbose_name=_("Desa/Kelurahan/Kampung"),
    )
    field = models.CharField(_("bidang"), max_length=16, choices=Field.choices)
    text = models.TextField(_("aspirasi"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    reason = models.TextField(_("alasan"), blank=True, help_text=_("Wajib bila tidak diakomodasi."))
    programs = models.ManyToManyField(
        Program, blank=True, related_name="aspirations", verbose_name=_("program yang menjawab")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[programs])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("aspirasi masyarakat")
        verbose_name_plural = _("aspirasi masyarakat")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="tidak_diakomodasi") | ~Q(reason=""),
                name="aspiration_rejection_has_reason",
                violation_error_message=_("Alasan wajib diisi bila aspirasi tidak diakomodasi."),
            )
        ]

    def __str__(self):
        return f"{self.village.name}: {self.text[:60]}"

    def clean(self):
        errors = {}
        if self.status == self.Status.REJECTED and not self.reason.strip():
            errors["reason"] = _("Alasan wajib diisi bila aspirasi tidak diakomodasi.")
        if self.meeting_id and self.meeting.kind != Meeting.Kind.KIPRAH_DESA:
            errors["meeting"] = _("Aspirasi dicatat pada kunjungan kiprah desa.")
        if self.village_id and self.village.kind not in (Region.Kind.VILLAGE, Region.Kind.URBAN_VILLAGE):
            errors["village"] = _("Pilih desa, kampung, atau kelurahan.")
        if errors:
            raise ValidationError(errors)
