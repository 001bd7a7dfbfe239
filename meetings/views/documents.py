"""Printed and calendar documents of a meeting: the agenda PDF (susunan acara) and .ics files.

Public documents come from the latest published AgendaVersion (internal items dropped); the
staff draft PDF comes from the live agenda. Collecting the data happens here; rendering is
``rakor.pdf.render_pdf`` and ``meetings.ics``.
"""

import functools
import hashlib
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.utils import translation
from django.utils.text import slugify

from meetings import agenda_days, ics, snapshots
from meetings.models import Meeting
from meetings.public_cache import (
    cached,
    conditional,
    etag_of,
    last_modified,
    latest_version_header,
    version_key,
)
from meetings.snapshots import build_snapshot, for_display
from meetings.views.staff import organiser_required
from rakor.http import pdf_response, site_url
from rakor.pdf import paper_size, render_pdf

# A published version never changes, so its PDF may stay cached for long; the key changes with
# every new version (and with the organiser's letterhead, which the PDF prints from the live row).
AGENDA_PDF_CACHE_SECONDS = 60 * 60 * 24 * 30


def time_range(start, end, label=""):
    """'09.00–09.30 WITA' (en dash, Indonesian hour.minute)."""
    text = f"{start:%H.%M}–{end:%H.%M}"
    return f"{text} {label}" if label else text


def agenda_rows(display):
    """The agenda of a display snapshot as table rows, numbered across sessions and days.

    Rows come from ``agenda_days.snapshot_days``: each row is a dict with ``kind`` "day" (with its
    ``date``; only when the meeting or its items span several days), "session" (a group row; a
    session on two days has one under each day, ``session.first`` True on the first) or "item"
    (with ``number`` and ``time``).
    """
    label = display["meeting"]["timezone_label"]
    days = agenda_days.snapshot_days(display)
    headings = agenda_days.shows_days(display, days)
    rows, number = [], 0
    for day in days:
        if headings and day["date"]:
            rows.append({"kind": "day", "date": day["date"]})
        for session in day["sessions"]:
            rows.append({"kind": "session", "session": session})
            for item in session["items"]:
                number += 1
                rows.append(
                    {
                        "kind": "item",
                        "number": number,
                        "time": time_range(item["start"], item["end"], label),
                        "item": item,
                    }
                )
    return rows


def agenda_document(organiser, display, *, draft=False):
    """The print template's context for the agenda of ``display`` (a for_display snapshot)."""
    meeting = display["meeting"]
    return {
        "organiser": organiser,
        "meeting": meeting,
        "same_day": meeting["start"].date() == meeting["end"].date(),
        "rows": agenda_rows(display),
        "draft": draft,
    }


@functools.cache
def _layout_digest():
    """A digest of the agenda's print template and stylesheet, computed once per process.

    Part of the cache key, so a deployment that changes the layout never serves old PDFs from a
    shared (Redis) cache.
    """
    digest = hashlib.sha256()
    for name in ("pdf/agenda.html", "pdf/base.html", "pdf/includes/_letterhead.html"):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    digest.update(Path(finders.find("css/pdf.css")).read_bytes())
    return digest.hexdigest()[:12]


def agenda_pdf_cache_key(meeting, version):
    """Cache key of a published version's PDF: meeting, version, language, letterhead, paper, layout."""
    stamp = int(meeting.organiser.updated_at.timestamp())
    language, paper = translation.get_language(), paper_size()[0]
    layout = f"{_layout_digest()}.{agenda_days.LAYOUT}"
    return f"agenda-pdf:{meeting.pk}:v{version.number}:{language}:{stamp}:{paper}:{layout}"


def _filename(title, suffix):
    return f"susunan-acara-{slugify(title)[:60] or 'rapat'}{suffix}"


def published_meeting_and_version(pk):
    """The published meeting (organiser and city fetched) and its latest agenda version, or 404.

    The version comes without its snapshot: the snapshot is decoded only when the cache misses.
    """
    meeting = get_object_or_404(Meeting.objects.published().select_related("organiser", "city"), pk=pk)
    version = latest_version_header(meeting)
    if version is None:
        raise Http404("No published agenda")
    return meeting, version


def agenda_pdf(request, pk):
    """The public agenda PDF of the latest published version, rendered once per version.

    Conditional GET: the ETag is made from the cache key, so a current copy is a 304.
    """
    meeting, version = published_meeting_and_version(pk)
    key = agenda_pdf_cache_key(meeting, version)

    def build():
        found = cache.get_many([key, key + ":title"])
        pdf, title = found.get(key), found.get(key + ":title")
        if pdf is None or title is None:
            display = snapshots.public_snapshot(version)
            title = display["meeting"]["title"]
            if pdf is None:
                pdf = render_pdf(
                    "pdf/agenda.html", agenda_document(meeting.organiser, display), request=request
                )
            cache.set_many({key: pdf, key + ":title": title}, AGENDA_PDF_CACHE_SECONDS)
        return pdf_response(pdf, _filename(title, ".pdf"))

    return conditional(request, etag_of(key), last_modified(meeting, version), build)


@organiser_required
def agenda_draft_pdf(request, pk):
    """Staff: the live agenda as PDF, internal items marked, never cached."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).select_related("organiser"), pk=pk)
    display = for_display(build_snapshot(meeting), public=False)
    context = agenda_document(meeting.organiser, display, draft=True)
    pdf = render_pdf("pdf/agenda.html", context, request=request)
    return pdf_response(pdf, _filename(meeting.title, "-draf.pdf"))


def _ics_response(data, filename):
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ics_arguments(request, meeting, version):
    return {
        "uid_domain": request.get_host().split(":")[0],
        "url": site_url(meeting.public_url()),
        "stamp": version.published_at,
        "sequence": version.number - 1,
    }


def _cached_ics(request, meeting, version, make, session_pk=""):
    """The .ics of the version, built once per version, language, address and session; None: 404."""
    arguments = _ics_arguments(request, meeting, version)
    key = version_key("public-ics", meeting, version, arguments["url"], session_pk, agenda_days.LAYOUT)

    def build():
        data = cached(key, lambda: make(snapshots.public_snapshot(version), **arguments) or "")
        if not data:
            raise Http404("No such public session")
        suffix = f"-sesi-{session_pk}" if session_pk else ""
        return _ics_response(data, f"rapat-{meeting.pk}{suffix}.ics")

    return conditional(request, etag_of(key), last_modified(meeting, version), build)


def meeting_ics(request, pk):
    """The meeting and its sessions as an iCalendar file (public items only)."""
    meeting, version = published_meeting_and_version(pk)
    return _cached_ics(request, meeting, version, ics.meeting_ics)


def session_ics(request, pk, session_pk):
    """One session as an iCalendar file; 404 if it has no public items in the published agenda."""
    meeting, version = published_meeting_and_version(pk)
    return _cached_ics(
        request,
        meeting,
        version,
        lambda snapshot, **kw: ics.session_ics(snapshot, session_pk, **kw),
        session_pk,
    )
