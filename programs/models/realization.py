"""Realisation: what a target achieved by the end of a period of its fiscal year."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models.plan import Target
from rakor.storage import private_storage


class Period(models.TextChoices):
    """Reporting periods of the target's fiscal year (the year is the target's program's)."""

    Q1 = "tw1", _("Triwulan I")
    Q2 = "tw2", _("Triwulan II")
    S1 = "sm1", _("Semester I")
    Q3 = "tw3", _("Triwulan III")
    Q4 = "tw4", _("Triwulan IV")
    S2 = "sm2", _("Semester II")
    YEAR = "tahun", _("Tahunan")


# The month each period ends in: a later end is a later (cumulative) report.
PERIOD_END_MONTH = {"tw1": 3, "tw2": 6, "sm1": 6, "tw3": 9, "tw4": 12, "sm2": 12, "tahun": 12}
PERIOD_ORDER = {p: i for i, p in enumerate(Period.values)}


def period_rank(period):
    return (PERIOD_END_MONTH[period], PERIOD_ORDER[period])


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"realisasi/{instance.target_id}/{uuid.uuid4().hex}.{extension}"


class Realization(models.Model):
    """Progress of one target by the end of one period: cumulative from the start of the year
    ("realisasi s.d. triwulan"), so the latest period is the achievement so far. One row per
    target and period; a new report of the same period updates it (the history keeps the old)."""

    target = models.ForeignKey(Target, models.CASCADE, related_name="realizations", verbose_name=_("target"))
    period = models.CharField(_("periode"), max_length=6, choices=Period.choices)
    value = models.DecimalField(
        _("capaian"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), _("Capaian tidak boleh negatif."))],
    )
    budget_spent = models.DecimalField(
        _("realisasi anggaran (Rp)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0), _("Realisasi anggaran tidak boleh negatif."))],
    )
    evidence_note = models.TextField(_("keterangan bukti"), blank=True)
    evidence_file = models.FileField(
        _("berkas bukti"), storage=private_storage, upload_to=evidence_upload_to, max_length=200, blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dilaporkan oleh"),
    )
    reported_at = models.DateTimeField(_("dilaporkan pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "period"]
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period"],
                name="realization_one_per_target_period",
                violation_error_message=_("Realisasi target ini untuk periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(budget_spent__gte=0),
                name="realization_not_negative",
                violation_error_message=_("Capaian dan realisasi anggaran tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.target} · {self.get_period_display()}: {self.value:g}"

    @property
    def agency_id(self):
        return self.target.program.agency_id

    @property
    def percent(self):
        if not self.target.value:
            return None
        return (self.value * 100 / self.target.value).quantize(Decimal("0.1"))
