"""Home page cards of the minutes and their follow-up (registered in MinutesConfig.ready()).

Note-takers (and organisers): meetings whose minutes are still draft or in review. Coordinators:
their agencies' actions overdue or due within 14 days. Organisers: open and overdue counts, with a
link to the overview. One query per card, whatever the number of rows.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from minutes import followup
from minutes.models import ActionItem, Minutes
from rakor.dashboard import ATTENTION, Item, Section
from rakor.permissions import is_coordinator

LIMIT = 8


def _minutes_in_progress(user):
    minutes = list(
        Minutes.objects.exclude(status=Minutes.Status.FINAL)
        .select_related("meeting")
        .order_by("-meeting__start", "-pk")[:LIMIT]
    )
    if not minutes:
        return None
    return Section(
        title=_("Notula yang belum final"),
        icon="bi-journal-text",
        items=[
            Item(m.meeting.title, url=m.get_absolute_url(), badge=m.get_status_display()) for m in minutes
        ],
        link_url=reverse("minutes:list"),
        link_label=_("Semua notula"),
        order=210,
        group=ATTENTION,
    )


def _actions_due(user, today):
    actions = list(
        ActionItem.objects.of_final_minutes()
        .coordinated_by(user)
        .not_done()
        .filter(due_date__lte=today + datetime.timedelta(days=followup.DUE_SOON_DAYS))
        .select_related("agency")
        .order_by("due_date", "pk")[:LIMIT]
    )
    if not actions:
        return None
    return Section(
        title=_("Tindak lanjut jatuh tempo"),
        icon="bi-flag",
        items=[
            Item(
                a.what,
                url=reverse("minutes:followup_action", args=[a.pk]),
                detail=f"{a.agency.short_name or a.agency.name} · {date_format(a.due_date, 'j F Y')}",
                badge=str(_("lewat batas waktu") if a.due_date < today else _("segera")),
            )
            for a in actions
        ],
        link_url=reverse("minutes:followup_mine"),
        link_label=_("Semua tindak lanjut instansi Anda"),
        order=205,
        group=ATTENTION,
    )


def _overdue_counts(user, today):
    counts = followup.totals(ActionItem.objects.of_final_minutes(), today)
    if not counts["total"]:
        return None
    url = reverse("minutes:followup_overview")
    return Section(
        title=_("Tindak lanjut rakor"),
        icon="bi-flag",
        items=[
            Item(_("Lewat batas waktu"), url=f"{url}?lewat=1", count=counts["overdue"] or 0),
            Item(_("Belum dimulai"), url=f"{url}?status=open", count=counts["open"] or 0),
            Item(_("Sedang berjalan"), url=f"{url}?status=in_progress", count=counts["in_progress"] or 0),
        ],
        link_url=url,
        link_label=_("Buka rekap tindak lanjut"),
        order=205,
        group=ATTENTION,
    )


def sections(user):
    """The cards for ``user`` (none when empty: the home page then says there is nothing to do)."""
    today = timezone.localdate()
    cards = []
    if user.has_perm("minutes.view_followup"):
        cards.append(_overdue_counts(user, today))
    if is_coordinator(user):
        cards.append(_actions_due(user, today))
    if user.has_perm("minutes.write"):
        cards.append(_minutes_in_progress(user))
    yield from (card for card in cards if card is not None)
