"""Home-page cards about invitations and registrations (registered from MeetingsConfig.ready)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.models import Invitation, Meeting, Registration
from rakor.dashboard import OVERVIEW, Item, Section

LIMIT = 5


def _when(meeting):
    return date_format(meeting.local_start, "l, j F Y")


def sections(user):
    """Organisers: pending registrations; coordinators: their invitations; clerks: the desk.

    One query per card.
    """
    if user.has_perm("meetings.manage"):
        meetings = list(
            Meeting.objects.visible_to(user)
            .upcoming()
            .annotate(
                pending=Count("registrations", filter=Q(registrations__status=Registration.Status.PENDING))
            )
            .filter(pending__gt=0)[:LIMIT]
        )
        yield Section(
            title=_("Pendaftaran menunggu verifikasi"),
            icon="bi-person-check",
            items=[
                Item(
                    meeting.title,
                    url=reverse("meetings:registrations", args=[meeting.pk]) + "?status=pending",
                    detail=_when(meeting),
                    count=meeting.pending,
                )
                for meeting in meetings
            ],
            empty_text=_("Tidak ada pendaftaran yang menunggu verifikasi."),
            order=12,
        )
    if user.has_perm("meetings.coordinate"):
        invitations = list(
            Invitation.objects.coordinated_by(user).active().sent()
            .filter(meeting__in=Meeting.objects.upcoming())
            .select_related("meeting", "agency")
            .with_counts()
            .order_by("meeting__start", "pk")[:LIMIT]
        )
        yield Section(
            title=_("Undangan untuk instansi Anda"),
            icon="bi-envelope-open",
            items=[
                Item(
                    invitation.meeting.title,
                    url=reverse("meetings:coordinator_invitation", args=[invitation.pk]),
                    detail=_("%(agency)s · %(when)s")
                    % {
                        "agency": invitation.agency.short_name or invitation.agency.name,
                        "when": _when(invitation.meeting),
                    },
                    badge=_("%(taken)s/%(quota)s kursi")
                    % {"taken": invitation.seats_taken, "quota": invitation.quota},
                )
                for invitation in invitations
            ],
            empty_text=_("Belum ada undangan rapat untuk instansi Anda."),
            link_url=reverse("meetings:coordinator_invitations"),
            link_label=_("Semua undangan"),
            order=20,
        )
    if user.has_perm("meetings.check_in") and not user.has_perm("meetings.manage"):
        meetings = list(Meeting.objects.upcoming()[:LIMIT])
        yield Section(
            title=_("Meja Registrasi"),
            icon="bi-qr-code-scan",
            items=[
                Item(
                    meeting.title,
                    url=reverse("meetings:checkin_desk", args=[meeting.pk]),
                    detail=_when(meeting),
                )
                for meeting in meetings
            ],
            empty_text=_("Belum ada rapat mendatang."),
            link_url=reverse("meetings:checkin_index"),
            link_label=_("Buka Meja Registrasi"),
            order=30,
            group=OVERVIEW,
        )
