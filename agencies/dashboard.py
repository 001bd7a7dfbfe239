"""Home-page cards about agencies and reference data (registered from AgenciesConfig.ready)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Region
from rakor.dashboard import OVERVIEW, Item, Section


def sections(user):
    """Organisers: reference data at a glance. Coordinators: the agencies they act for."""
    if user.has_perm("agencies.manage"):
        regions = Region.objects.aggregate(
            provinces=Count("pk", filter=Q(kind=Region.Kind.PROVINCE)),
            regencies=Count("pk", filter=Q(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])),
            villages=Count("pk", filter=Q(kind__in=[Region.Kind.VILLAGE, Region.Kind.URBAN_VILLAGE])),
        )
        regions_url = reverse("agencies:regions")
        agencies_url = reverse("agencies:list")
        yield Section(
            title=_("Data referensi"),
            icon="bi-buildings",
            items=[
                Item(_("Instansi"), url=agencies_url, count=Agency.objects.count()),
                Item(_("Provinsi"), url=regions_url, count=regions["provinces"]),
                Item(_("Kabupaten/Kota"), url=regions_url, count=regions["regencies"]),
                Item(_("Desa/Kelurahan"), url=regions_url, count=regions["villages"]),
            ],
            link_url=agencies_url,
            link_label=_("Kelola instansi"),
            order=900,
            group=OVERVIEW,
        )
    if user.has_perm("meetings.coordinate"):
        agencies = Agency.objects.coordinated_by(user).select_related("region")
        yield Section(
            title=_("Instansi Anda"),
            icon="bi-building",
            items=[
                Item(
                    agency.name,
                    url=agency.get_absolute_url(),
                    detail=str(agency.region) if agency.region_id else str(agency.get_level_display()),
                )
                for agency in agencies
            ],
            empty_text=_(
                "Anda belum terdaftar sebagai koordinator instansi mana pun. Hubungi penyelenggara."
            ),
            order=800,
            group=OVERVIEW,
        )
