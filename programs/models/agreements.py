"""Agreements (berita acara kesepakatan): a regency/city's delegation head confirms the year's
targets at a meeting. The signed content is a frozen snapshot; nothing edits it afterwards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, nip_validator
from meetings.models import Meeting


class Agreement(models.Model):
    """One regency/city agency's agreement to its targets of ``fiscal_year`` at ``meeting``.

    ``content`` is the snapshot taken when signing (programs.services.agreement_content), never
    changed afterwards, whatever happens to the targets::

        {
          "agency": {"id": 7, "name": "Dinas ...", "short_name": "DPMK Kubar",
                     "region_code": "64.07", "region_name": "Kabupaten Kutai Barat"},
          "fiscal_year": 2019,
          "targets": [
            {"id": 12, "program_id": 5, "program": "Program ...", "nomenclature": "2.13.04",
             "indicator": "Desa mandiri bertambah", "unit": "desa", "value": "12.00",
             "parent_id": 3, "parent_indicator": "..."}
          ]
        }

    Values are decimal strings (exact); targets are ordered by program then target id.
    """

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="agreements", verbose_name=_("rapat"))
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="agreements", verbose_name=_("instansi kabupaten/kota")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"), db_index=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200)
    title = models.CharField(_("jabatan"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, validators=[nip_validator])
    signed_at = models.DateTimeField(_("waktu kesepakatan"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    content = models.JSONField(_("isi kesepakatan"), editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agency__region_id", "agency__name", "pk"]
        verbose_name = _("kesepakatan")
        verbose_name_plural = _("kesepakatan")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agency", "fiscal_year"],
                name="agreement_one_per_meeting_agency_year",
                violation_error_message=_("Instansi ini sudah menyepakati target tahun ini pada rapat ini."),
            )
        ]

    def __str__(self):
        return f"{self.agency} · {self.fiscal_year} · {self.meeting}"

    @property
    def is_editable(self):
        """Never: a signed agreement is frozen (read by the permission layer)."""
        return False

    def agreed_targets(self):
        """{target id: snapshot entry} of the agreed targets."""
        return {entry["id"]: entry for entry in self.content.get("targets", [])}
