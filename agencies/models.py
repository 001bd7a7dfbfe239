from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rakor import roles

nip_validator = RegexValidator(r"^\d{18}$", _("A NIP has exactly 18 digits."))


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    REGENCY = "regency", _("Regency/City")


class Region(models.Model):
    """An administrative region by its Kemendagri code ("64", "64.72", "64.01.01.2009")."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Province")
        REGENCY = "kabupaten", _("Regency")
        CITY = "kota", _("City")
        DISTRICT = "kecamatan", _("District")
        VILLAGE = "desa", _("Village")
        URBAN_VILLAGE = "kelurahan", _("Urban village")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def level(self):
        """The level of an agency seated in this region."""
        if self.kind == self.Kind.PROVINCE:
            return Level.PROVINCIAL
        return Level.REGENCY


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisers see every agency; a coordinator sees the agencies of their memberships."""
        if roles.is_organiser(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def organisers(self):
        return self.filter(is_organiser=True)


class Agency(models.Model):
    """An agency (OPD) of a province or regency/city, or a national ministry unit (no region)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("region"),
        help_text=_("Leave empty for a national agency (ministry)."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    head_name = models.CharField(_("head's name"), max_length=120, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    head_rank = models.CharField(_("head's rank (pangkat/golongan)"), max_length=80, blank=True)
    head_nip = models.CharField(_("head's NIP"), max_length=18, blank=True, validators=[nip_validator])
    is_organiser = models.BooleanField(
        _("organiser"), default=False, help_text=_("Organisers hold meetings and print letters.")
    )
    letterhead = models.TextField(
        _("letterhead lines"),
        blank=True,
        help_text=_(
            "One line per row, top to bottom, as printed in the kop surat: government, agency, address, contacts."
        ),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "region",
                name="agency_unique_name_in_region",
                violation_error_message=_("An agency with this name already exists in this region."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(region__isnull=True),
                name="agency_unique_national_name",
                violation_error_message=_("A national agency with this name already exists."),
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
        COORDINATOR = "coordinator", _("Coordinator")
        STAFF = "staff", _("Staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="memberships", verbose_name=_("agency"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.COORDINATOR)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                name="membership_unique_user_agency",
                violation_error_message=_("This user is already a member of this agency."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.agency}"
