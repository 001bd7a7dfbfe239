"""Shared pieces of Rakor's letters and registration documents, and the invitation letter itself.

Outside the views so that both the staff PDF view and the background invitation e-mail
(meetings/sending.py) can build the Surat Undangan of an agency without a request.
"""

import re

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings import snapshots
from rakor.pdf import render_pdf
from rakor.qr import qr_svg_data_uri


def letter_place():
    """The city printed before a letter's date ("Samarinda, 24 April 2018"); RAKOR_LETTER_PLACE."""
    return settings.RAKOR_LETTER_PLACE


def format_nip(nip):
    """'19700101 199503 1 001': an 18-digit NIP grouped 8-6-1-3; anything else as given."""
    nip = (nip or "").strip()
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def long_date(value):
    return date_format(value, "l, j F Y")


def meeting_day(meeting):
    """'Selasa, 24 April 2018', or a range for a meeting over several days (meeting's zone)."""
    start, end = meeting.local_dates()
    if start == end:
        return long_date(start)
    return _("%(start)s s.d. %(end)s") % {"start": long_date(start), "end": long_date(end)}


def time_text(meeting, start, end):
    """'08.00 s.d. 16.00 WITA' on one day, '08.00 WITA s.d. selesai' otherwise (meeting's zone)."""
    start, end = meeting.local(start), meeting.local(end)
    values = {"start": f"{start:%H.%M}", "end": f"{end:%H.%M}", "tz": meeting.timezone_label}
    if start.date() == end.date():
        return _("%(start)s s.d. %(end)s %(tz)s") % values
    return _("%(start)s %(tz)s s.d. selesai") % values


def meeting_place(meeting, room=""):
    parts = [room, meeting.venue, meeting.address, meeting.city.name if meeting.city_id else ""]
    return ", ".join(part for part in parts if part)


def signer_of(agency, *, title="", name=""):
    """The signature block: the given title/name, else the agency head's (NIP grouped)."""
    return {
        "title": title or agency.head_title or _("Kepala %(agency)s") % {"agency": agency.name},
        "name": name or agency.head_name,
        "rank": "" if name else agency.head_rank,
        "nip": "" if name else format_nip(agency.head_nip),
    }


def carbon_copy_lines(meeting):
    """The "Tembusan:" addressees, one per non-empty line of ``meeting.carbon_copies``, without any
    numbering the organiser typed ("1. ", "2) "): the letter numbers them itself."""
    lines = (re.sub(r"^\d+\s*[.)]\s*", "", line.strip()) for line in meeting.carbon_copies.splitlines())
    return [line for line in lines if line]


def agenda_summary(meeting):
    """Titles of the public items of the latest published agenda, in order (empty if none)."""
    version = meeting.latest_version()
    if version is None:
        return []
    sessions = snapshots.public_snapshot(version)["sessions"]
    return [item["title"] for session in sessions for item in session["items"]]


def invitation_letter_document(invitation, *, link, letter_date=None):
    """Context of the invitation letter to ``invitation.agency`` (meeting, organiser, city fetched).

    ``link`` is the absolute registration URL; ``letter_date`` defaults to the day the invitation
    was sent, or today. Usable outside a request (the background send can attach the PDF).
    """
    meeting, agency = invitation.meeting, invitation.agency
    if letter_date is None:
        letter_date = timezone.localdate(invitation.sent_at) if invitation.sent_at else timezone.localdate()
    closes = meeting.local(meeting.registration_closes)
    return {
        "organiser": meeting.organiser,
        "meeting": meeting,
        "letter_place": letter_place(),
        "letter_date": date_format(letter_date, "j F Y"),
        "number": meeting.letter_number or "",
        "nature": _("Biasa"),
        "attachment": "-",
        "subject": _("Undangan"),
        "addressee": {
            "title": agency.head_title or _("Kepala %(agency)s") % {"agency": agency.name},
            "agency": agency.name,
            "city": "",
        },
        "day": meeting_day(meeting),
        "time": time_text(meeting, meeting.start, meeting.end),
        "place": meeting_place(meeting),
        "agenda": agenda_summary(meeting),
        "quota": invitation.quota,
        "registration_closes": (
            _("%(date)s pukul %(time)s %(tz)s")
            % {"date": long_date(closes.date()), "time": f"{closes:%H.%M}", "tz": meeting.timezone_label}
            if closes
            else ""
        ),
        "link": link,
        "qr": qr_svg_data_uri(link),
        "signer": signer_of(meeting.organiser),
        "carbon_copies": carbon_copy_lines(meeting),
    }


def invitation_letter_pdf_bytes(invitation, *, link, letter_date=None):
    """The invitation letter as PDF bytes (for the view and for e-mail attachments)."""
    context = invitation_letter_document(invitation, link=link, letter_date=letter_date)
    return render_pdf("pdf/invitation_letter.html", context)
