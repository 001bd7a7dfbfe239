from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rakor.names import validate_visible_name

nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri atas tepat 18 angka."))


class Level(models.TextChoices):
    NATIONAL = "national", _("Pusat")
    PROVINCIAL = "provincial", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")


class RegionQuerySet(models.QuerySet):
    def agency_seats(self):
        """Regions an agency can sit in: provinces, regencies and cities (never districts or villages)."""
        K = Region.Kind
        return self.filter(kind__in=[K.PROVINCE, K.REGENCY, K.CITY])

    def provinces(self):
        return self.filter(kind=Region.Kind.PROVINCE)


class Region(models.Model):
    """An administrative region by its Kemendagri code ("64", "64.72", "64.01.01.2009")."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")
        DISTRICT = "kecamatan", _("Kecamatan")
        VILLAGE = "desa", _("Desa/Kampung")
        URBAN_VILLAGE = "kelurahan", _("Kelurahan")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:region", args=[self.code])

    @property
    def level(self):
        """The level of an agency seated in this region."""
        if self.kind == self.Kind.PROVINCE:
            return Level.PROVINCIAL
        return Level.REGENCY


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisers see every agency; a coordinator sees the agencies of their memberships."""
        if user.has_perm("agencies.manage"):
            return self
        return self.coordinated_by(user)

    def coordinated_by(self, user):
        """The agencies the user is a member of (coordinator or staff), whatever their role."""
        if not user.is_authenticated:
            return self.none()
        # A subquery rather than a join keeps rows unique without DISTINCT, so callers can annotate.
        return self.filter(pk__in=Membership.objects.filter(user=user).values("agency_id"))

    def organisers(self):
        return self.filter(is_organiser=True)

    def in_region(self, code):
        """Agencies seated in the region or anywhere below it (codes nest: "64" > "64.02" > "64.02.01")."""
        return self.filter(Q(region_id=code) | Q(region__code__startswith=f"{code}."))

    def search(self, text):
        """Match the name, short name or region name, case-insensitively.

        Runs one query now: the codes of the matching regions. A literal list of codes, unlike a
        join or a subquery on regions, leaves PostgreSQL free to OR three index scans (the trigram
        indexes on UPPER(name) and UPPER(short_name), made by migration 0003, and the region
        index) instead of scanning every agency.
        """
        text = text.strip()
        if not text:
            return self
        region_codes = list(
            Region.objects.agency_seats().filter(name__icontains=text).values_list("code", flat=True)
        )
        return self.filter(
            Q(name__icontains=text) | Q(short_name__icontains=text) | Q(region_id__in=region_codes)
        )


class Agency(models.Model):
    """An agency (OPD) of a province or regency/city, or a national ministry unit (no region)."""

    name = models.CharField(_("nama"), max_length=200, validators=[validate_visible_name])
    short_name = models.CharField(
        _("nama singkat"), max_length=60, blank=True, validators=[validate_visible_name]
    )
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("wilayah"),
        help_text=_("Kosongkan untuk instansi pusat (kementerian)."),
    )
    level = models.CharField(
        _("tingkat"), max_length=10, choices=Level.choices, editable=False, db_index=True
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("laman"), blank=True)
    head_name = models.CharField(
        _("nama kepala"), max_length=120, blank=True, validators=[validate_visible_name]
    )
    head_title = models.CharField(_("jabatan kepala"), max_length=200, blank=True)
    head_rank = models.CharField(_("pangkat/golongan kepala"), max_length=80, blank=True)
    head_nip = models.CharField(_("NIP kepala"), max_length=18, blank=True, validators=[nip_validator])
    is_organiser = models.BooleanField(
        _("penyelenggara"), default=False, help_text=_("Penyelenggara mengadakan rapat dan mencetak surat.")
    )
    letterhead = models.TextField(
        _("baris kop surat"),
        blank=True,
        help_text=_(
            "Satu baris per baris kop, dari atas ke bawah: pemerintah daerah, nama instansi, alamat, kontak."
        ),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        # The lists' order (name, then pk as tie-breaker): pages are read from the index, not sorted.
        indexes = [models.Index(fields=["name", "id"], name="agency_name_id_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "region",
                name="agency_unique_name_in_region",
                violation_error_message=_("Instansi dengan nama ini sudah ada di wilayah ini."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(region__isnull=True),
                name="agency_unique_national_name",
                violation_error_message=_("Instansi pusat dengan nama ini sudah ada."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The level is a fact of the region; stored so lists can filter on it by index.
        self.level = self.region.level if self.region_id else Level.NATIONAL
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agencies:detail", args=[self.pk])

    @property
    def letterhead_lines(self):
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]


class Membership(models.Model):
    """A user who acts for an agency: its coordinator (PIC/operator OPD) or a staff member."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordinator")
        STAFF = "staff", _("Staf")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("pengguna")
    )
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="memberships", verbose_name=_("instansi"))
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.COORDINATOR)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "user__username"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                name="membership_unique_user_agency",
                violation_error_message=_("Pengguna ini sudah menjadi anggota instansi ini."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.agency}"
