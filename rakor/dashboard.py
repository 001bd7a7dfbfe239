"""The home page's pieces, contributed by the apps.

An app plugs into the home page by adding a function to one of the lists below; the view is never
edited. A module that does not exist yet is skipped, so the list may name what later issues add.

- ``SECTION_PROVIDERS``: ``sections(user) -> iterable of Section``: cards on a signed-in user's
  dashboard. Return nothing for a user the card is not for. Fetch everything in a fixed number of
  queries (the home page has a query-count test).
- ``UPCOMING_PROVIDERS``: ``upcoming() -> iterable of Item``: public meetings listed for anonymous
  visitors under "Rapat mendatang".
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

SECTION_PROVIDERS = [
    "meetings.dashboard.sections",
    "meetings.registration_dashboard.sections",
    "programs.dashboard.sections",
    "rakor.dashboard.agency_sections",
]
UPCOMING_PROVIDERS = [
    "meetings.views.public.upcoming",
]


@dataclass
class Item:
    """One line of a card: a label, optionally linked, with a second line and a count or status."""

    label: str
    url: str = ""
    detail: str = ""
    count: int | None = None
    badge: str = ""


ATTENTION = "attention"  # work waiting for the user: "Perlu perhatian Anda"
OVERVIEW = "overview"  # figures and shortcuts: "Ringkasan"


@dataclass
class Section:
    """A dashboard card, shown under ``group``; ``order`` sorts cards across apps (lower first)."""

    title: str
    items: list[Item] = field(default_factory=list)
    empty_text: str = _("Tidak ada yang perlu ditindaklanjuti.")
    icon: str = "bi-card-checklist"
    link_url: str = ""
    link_label: str = ""
    order: int = 100
    group: str = ATTENTION


def _provider(path):
    module_path, name = path.rsplit(".", 1)
    try:
        module = import_module(module_path)
    except ModuleNotFoundError as exc:
        # Only the provider module itself (or its app) may be missing; a broken import inside
        # an existing module is a bug and must surface.
        if exc.name and (module_path == exc.name or module_path.startswith(exc.name + ".")):
            return None
        raise
    return getattr(module, name)


def _collect(paths, *args):
    for path in paths:
        provider = _provider(path)
        if provider is not None:
            yield from provider(*args)


def sections_for(user):
    """The user's cards by group: ``{"attention": [...], "overview": [...]}``."""
    groups = {ATTENTION: [], OVERVIEW: []}
    for section in sorted(_collect(SECTION_PROVIDERS, user), key=lambda section: section.order):
        groups[section.group].append(section)
    return groups


def upcoming_meetings():
    return list(_collect(UPCOMING_PROVIDERS))


def _url(name):
    """The URL of a page another issue may not have built yet, or "" (the item shows unlinked)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def agency_sections(user):
    """Organisers: reference data at a glance. Coordinators: the agencies they act for."""
    from agencies.models import Agency, Region

    if user.has_perm("agencies.manage"):
        regions = Region.objects.aggregate(
            provinces=Count("pk", filter=Q(kind=Region.Kind.PROVINCE)),
            regencies=Count("pk", filter=Q(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])),
            villages=Count("pk", filter=Q(kind__in=[Region.Kind.VILLAGE, Region.Kind.URBAN_VILLAGE])),
        )
        regions_url = _url("agencies:regions")
        yield Section(
            title=_("Data referensi"),
            icon="bi-buildings",
            items=[
                Item(_("Instansi"), url=_url("agencies:list"), count=Agency.objects.count()),
                Item(_("Provinsi"), url=regions_url, count=regions["provinces"]),
                Item(_("Kabupaten/Kota"), url=regions_url, count=regions["regencies"]),
                Item(_("Desa/Kelurahan"), url=regions_url, count=regions["villages"]),
            ],
            link_url=_url("agencies:list"),
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
