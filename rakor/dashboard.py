"""The home page's pieces, contributed by the apps.

An app plugs into the home page by registering a function from its ``AppConfig.ready()``; this
module imports no app (imports run one way: the apps depend on rakor, never the reverse).

- ``register_sections(func)``: ``func(user) -> iterable of Section``: cards on a signed-in user's
  dashboard. Return nothing for a user the card is not for. Fetch everything in a fixed number of
  queries (the home page has a query-count test).
- ``register_upcoming(func)``: ``func() -> iterable of Item``: public meetings listed for anonymous
  visitors under "Rapat mendatang".
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The registries, filled in INSTALLED_APPS order by the apps' ready(); read on every home page.
SECTION_PROVIDERS = []
UPCOMING_PROVIDERS = []


def register_sections(func):
    """Add a card provider ``func(user)``; returns ``func``. Registering twice has no effect."""
    if func not in SECTION_PROVIDERS:
        SECTION_PROVIDERS.append(func)
    return func


def register_upcoming(func):
    """Add a provider ``func()`` of upcoming public meetings; returns ``func``."""
    if func not in UPCOMING_PROVIDERS:
        UPCOMING_PROVIDERS.append(func)
    return func


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


def _collect(providers, *args):
    for provider in list(providers):
        yield from provider(*args)


def sections_for(user):
    """The user's cards by group: ``{"attention": [...], "overview": [...]}``."""
    groups = {ATTENTION: [], OVERVIEW: []}
    for section in sorted(_collect(SECTION_PROVIDERS, user), key=lambda section: section.order):
        groups[section.group].append(section)
    return groups


def upcoming_meetings():
    return list(_collect(UPCOMING_PROVIDERS))
