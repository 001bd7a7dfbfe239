"""Programs and targets at three levels, and the nomenclature (official program codes) they follow.

A target's parent is a target one level above: regency -> provincial (same province, same year),
provincial -> national (same year). Agreements (programs/models/agreements.py), realisation
(realization.py) and aspirations (aspirations.py) attach to targets and programs.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Level

# The level above each level: what a program's or target's parent must be.
LEVEL_ABOVE = {Level.PROVINCIAL: Level.NATIONAL, Level.REGENCY: Level.PROVINCIAL}


class NomenclatureEdition(models.Model):
    """One published list of codes (a regulation and the year it applies from).

    A newer list is imported as a new edition; programs keep pointing at the rows of the edition
    they were made with, so earlier years never break.
    """

    regulation = models.CharField(_("peraturan"), max_length=200)
    year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    note = models.TextField(_("catatan sumber"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("edisi nomenklatur")
        verbose_name_plural = _("edisi nomenklatur")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "year"],
                name="nomenclature_edition_unique",
                violation_error_message=_("Edisi dengan peraturan dan tahun ini sudah ada."),
            )
        ]

    def __str__(self):
        return f"{self.regulation} ({self.year})"


class NomenclatureQuerySet(models.QuerySet):
    def for_year(self, year):
        """Rows of the newest edition that applies to ``year`` (or the oldest edition, if none does)."""
        editions = NomenclatureEdition.objects.order_by("-year", "-pk")
        edition = editions.filter(year__lte=year).first() or editions.reverse().first()
        return self.filter(edition=edition)

    def fitting(self, level):
        """Rows whose authority suits a program of ``level`` (national: any)."""
        if level == Level.PROVINCIAL:
            return self.filter(authority__in=[Nomenclature.Authority.PROVINCE, Nomenclature.Authority.BOTH])
        if level == Level.REGENCY:
            return self.filter(authority__in=[Nomenclature.Authority.REGENCY, Nomenclature.Authority.BOTH])
        return self

    def for_programs(self):
        N = Nomenclature.Level
        return self.filter(level__in=[N.PROGRAM, N.ACTIVITY, N.SUB_ACTIVITY])


class Nomenclature(models.Model):
    """A code of the official list (urusan 2.13 Pemberdayaan Masyarakat dan Desa and below)."""

    class Level(models.TextChoices):
        AFFAIR = "urusan", _("Urusan")
        FIELD = "bidang", _("Bidang urusan")
        PROGRAM = "program", _("Program")
        ACTIVITY = "kegiatan", _("Kegiatan")
        SUB_ACTIVITY = "sub_kegiatan", _("Sub kegiatan")

    class Authority(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabkota", _("Kabupaten/Kota")
        BOTH = "both", _("Provinsi dan kabupaten/kota")

    edition = models.ForeignKey(
        NomenclatureEdition, models.PROTECT, related_name="rows", verbose_name=_("edisi")
    )
    code = models.CharField(_("kode"), max_length=40)
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices)
    name = models.CharField(_("nama"), max_length=500)
    authority = models.CharField(_("kewenangan"), max_length=8, choices=Authority.choices)
    unverified = models.BooleanField(
        _("belum diverifikasi"), default=False, help_text=_("Belum dicocokkan dengan lampiran resmi.")
    )
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )

    objects = NomenclatureQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "code", "authority"]
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        constraints = [
            # The same code may name a province's and a regency's program (2.13.01 penunjang).
            models.UniqueConstraint(
                fields=["edition", "code", "authority"],
                name="nomenclature_unique_code",
                violation_error_message=_("Kode ini sudah ada untuk kewenangan ini dalam edisi ini."),
            )
        ]

    def __str__(self):
        mark = " *" if self.unverified else ""
        return f"{self.code} {self.name}{mark}"

    def fits(self, level):
        """Whether a program of ``level`` may use this code."""
        if level == Level.PROVINCIAL:
            return self.authority in (self.Authority.PROVINCE, self.Authority.BOTH)
        if level == Level.REGENCY:
            return self.authority in (self.Authority.REGENCY, self.Authority.BOTH)
        return True


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD_PROVINCE = "apbd_prov", _("APBD Provinsi")
    APBD_REGENCY = "apbd_kab", _("APBD Kabupaten/Kota")
    DAK = "dak", _("DAK")
    VILLAGE_FUND = "dana_desa", _("Dana Desa")
    OTHER = "lainnya", _("Lainnya")


class ProgramQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Organisers: every program; coordinators: their agencies' programs; others: none."""
        if user.has_perm("programs.manage"):
            return self
        return self.filter(agency__in=Agency.objects.coordinated_by(user))

    def in_province(self, code):
        """National programs and those of agencies in the province or its regencies/cities."""
        return self.filter(
            Q(level=Level.NATIONAL)
            | Q(agency__region_id=code)
            | Q(agency__region__code__startswith=f"{code}.")
        )


class Program(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"), db_index=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, editable=False)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="programs", verbose_name=_("instansi"))
    nomenclature = models.ForeignKey(
        Nomenclature, models.PROTECT, related_name="programs", verbose_name=_("nomenklatur")
    )
    name = models.CharField(_("nama program"), max_length=300)
    budget = models.DecimalField(
        _("pagu indikatif (Rp)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0), _("Pagu tidak boleh negatif."))],
    )
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices, default=FundingSource.OTHER
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("program induk"),
        help_text=_("Program satu tingkat di atas yang ditindaklanjuti."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "level", "nomenclature__code", "name", "pk"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        indexes = [models.Index(fields=["fiscal_year", "level"], name="program_year_level_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="program_budget_not_negative",
                violation_error_message=_("Pagu tidak boleh negatif."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.agency_id:
            self.level = self.agency.level
        if self.nomenclature_id and self.agency_id and not self.nomenclature.fits(self.level):
            errors["nomenclature"] = _(
                "Kode %(code)s kewenangan %(authority)s; tidak sesuai untuk program tingkat %(level)s."
            ) % {
                "code": self.nomenclature.code,
                "authority": self.nomenclature.get_authority_display().lower(),
                "level": self.get_level_display().lower(),
            }
        if self.parent_id and self.agency_id:
            message = parent_problem(
                self.level,
                self.fiscal_year,
                self.agency,
                self.parent.level,
                self.parent.fiscal_year,
                self.parent.agency,
            )
            if message:
                errors["parent"] = message
        if errors:
            raise ValidationError(errors)


def parent_problem(level, year, agency, parent_level, parent_year, parent_agency):
    """Why a parent (program or target) of (parent_level, parent_year, parent_agency) cannot be
    the parent of one of (level, year, agency); "" when it can."""
    if level == Level.NATIONAL:
        return _("Program dan target pusat tidak memiliki induk.")
    if parent_level != LEVEL_ABOVE[level]:
        return _("Induk harus berada satu tingkat di atas (%(level)s).") % {
            "level": Level(LEVEL_ABOVE[level]).label.lower()
        }
    if parent_year != year:
        return _("Induk harus dari tahun anggaran yang sama (%(year)s).") % {"year": year}
    if level == Level.REGENCY:
        province = agency.region_id.split(".")[0] if agency.region_id else ""
        if parent_agency.region_id != province:
            return _("Induk harus target provinsi dari provinsi yang sama (kode %(code)s).") % {
                "code": province
            }
    return ""


class TargetQuerySet(models.QuerySet):
    def editable_by(self, user):
        if user.has_perm("programs.manage"):
            return self
        return self.filter(program__agency__in=Agency.objects.coordinated_by(user))


class Target(models.Model):
    """A performance target of a program: indicator, unit and value, contributing to a parent."""

    program = models.ForeignKey(Program, models.CASCADE, related_name="targets", verbose_name=_("program"))
    indicator = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=60)
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), _("Nilai tidak boleh negatif."))],
    )
    value = models.DecimalField(
        _("nilai target"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), _("Nilai target tidak boleh negatif."))],
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("target induk"),
        help_text=_("Target satu tingkat di atas yang didukung target ini."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["program", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("target")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("Nilai target tidak boleh negatif."),
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value:g} {self.unit}"

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.program_id]) + f"#target-{self.pk}"

    @property
    def agency_id(self):
        """The owning agency (read by the permission layer's is_own_agency)."""
        return self.program.agency_id

    def clean(self):
        if self.parent_id and self.program_id:
            program, parent = self.program, self.parent.program
            message = parent_problem(
                program.level,
                program.fiscal_year,
                program.agency,
                parent.level,
                parent.fiscal_year,
                parent.agency,
            )
            if message:
                raise ValidationError({"parent": message})
