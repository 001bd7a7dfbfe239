"""The organisers' cards and the public upcoming meetings on the home page (registered from
MeetingsConfig.ready)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from rakor.dashboard import Item, Section

LIMIT = 5
UPCOMING_LIMIT = 10


def _when(meeting):
    return date_format(meeting.local_start, "l, j F Y")


def sections(user):
    """'Rapat mendatang' and 'Agenda belum diterbitkan', for organisers only (two queries)."""
    if not user.has_perm("meetings.manage"):
        return
    upcoming = list(Meeting.objects.visible_to(user).upcoming()[:LIMIT])
    yield Section(
        title=_("Rapat mendatang"),
        icon="bi-calendar-event",
        items=[
            Item(
                meeting.title,
                url=meeting.get_absolute_url(),
                detail=_when(meeting),
                badge=meeting.get_status_display(),
            )
            for meeting in upcoming
        ],
        empty_text=_("Belum ada rapat mendatang."),
        link_url=reverse("meetings:staff_list"),
        link_label=_("Kelola rapat"),
        order=10,
    )
    unpublished = list(
        Meeting.objects.visible_to(user).upcoming().filter(has_unpublished_changes=True)[:LIMIT]
    )
    yield Section(
        title=_("Agenda belum diterbitkan"),
        icon="bi-megaphone",
        items=[
            Item(
                meeting.title,
                url=meeting.get_absolute_url() + "#versi",
                detail=_when(meeting),
                badge=_("Draf") if not meeting.is_published else _("Ada perubahan"),
            )
            for meeting in unpublished
        ],
        empty_text=_("Semua agenda rapat mendatang sudah diterbitkan."),
        order=11,
    )


def upcoming():
    """Home page, anonymous visitors: the next published meetings."""
    meetings = Meeting.objects.published().upcoming().select_related("city")[:UPCOMING_LIMIT]
    for meeting in meetings:
        where = ", ".join(part for part in [meeting.venue, meeting.city.name if meeting.city else ""] if part)
        when = date_format(meeting.local_start, "l, j F Y")
        yield Item(
            meeting.title,
            url=meeting.public_url(),
            detail=f"{when} · {where}" if where else when,
            badge=meeting.get_kind_display(),
        )
