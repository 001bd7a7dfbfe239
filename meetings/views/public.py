"""Public pages of a published meeting (no login): the meeting, its agenda, its public materials.

The agenda shown is always the latest published AgendaVersion's snapshot with internal items
dropped; the live, editable rows are never read here. Unpublished meetings are 404.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.generic import DetailView

from documents.models import IssuedDocument
from meetings import agenda_days, snapshots
from meetings.models import AgendaChange, Material, Meeting
from meetings.public_cache import (
    CSRF_PLACEHOLDER,
    PUBLIC_CACHE_SECONDS,
    cached,
    conditional,
    etag_of,
    last_modified,
    latest_version_header,
    live_key,
    template_digest,
    version_key,
)
from meetings.snapshots import build_snapshot, for_display
from meetings.views.documents import agenda_rows


def public_materials():
    """Public materials whose agenda item, if any, is public too."""
    return Material.objects.filter(is_public=True).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
    )


class PublicMeetingMixin:
    """A published meeting and the cached fragments of its latest published agenda, or 404.

    What is cached for everyone is the *content part* rendered from the version's snapshot
    (``page``: a few meeting facts and HTML fragments); the page around it (navbar with the login
    state, the language form's CSRF token, messages) is rendered per request. A cache hit decodes
    no snapshot and renders no agenda.

    Only for an anonymous visitor with nothing personal pending (no session cookie, no messages
    cookie) and no query string is the whole page shared, because then it is the same for all such
    visitors except the CSRF token: it is cached with a placeholder where the token goes and the
    visitor's own token is put in on every request. Signed-in users, sessions and messages always
    get a page rendered for them. Anonymous visitors also get an ETag and Last-Modified, and a 304
    when their copy is current; the ETag includes their CSRF secret, so a copy whose token no
    longer matches their cookie is sent again. Signed-in users get no validators.
    """

    context_object_name = "meeting_obj"
    fragment_kind = ""
    fragment_templates = ()

    def get_queryset(self):
        return Meeting.objects.published().select_related("organiser", "city")

    def get(self, request, *args, **kwargs):
        self.object = meeting = self.get_object()
        self.version = latest_version_header(meeting)

        def build():
            return self.render_to_response(self.get_context_data(object=meeting)).render()

        if self.version is None or request.user.is_authenticated or "messages" in request.COOKIES:
            return build()
        if not request.GET and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            build = self.shared_page
        # The CSRF secret the visitor's cookie holds (set by CsrfViewMiddleware before the view).
        etag = self.etag(request.META.get("CSRF_COOKIE", ""))
        response = conditional(
            request, etag, last_modified(meeting, self.version, *self.live_moments()), build
        )
        if response.status_code == 200:
            # A first visit's page sets a new CSRF cookie: its ETag names that cookie's secret.
            response.headers["ETag"] = self.etag(request.META.get("CSRF_COOKIE", ""))
        return response

    def shared_page(self):
        """The whole page for anonymous visitors: cached with a CSRF placeholder, the token put in."""
        key = "public-page:" + etag_of(self.page_key(), *self.live_parts())
        html = cache.get(key)
        if html is None:
            context = self.get_context_data(object=self.object)
            context["csrf_token"] = CSRF_PLACEHOLDER  # the view's context ranks above the csrf processor
            html = self.render_to_response(context).rendered_content
            if CSRF_PLACEHOLDER not in html:  # never share a page with a real token in it
                return HttpResponse(html)
            cache.set(key, html, PUBLIC_CACHE_SECONDS)
        return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(self.request)))

    def etag(self, csrf_secret):
        return etag_of(self.page_key(), csrf_secret, *self.live_parts())

    def page_key(self):
        digest = template_digest(*self.fragment_templates)
        return version_key(self.fragment_kind, self.object, self.version, digest, agenda_days.LAYOUT)

    def live_parts(self):
        """What the page shows besides the version (ETag parts)."""
        return ()

    def live_moments(self):
        return ()

    def fragment_context(self):
        meeting, version = self.object, self.version
        if version is not None:
            display = snapshots.public_snapshot(version)
        else:
            # Published without an agenda yet: show the meeting itself, with no items.
            display = {**for_display(build_snapshot(meeting)), "sessions": []}
        facts = display["meeting"]
        return {
            "version": version,
            "display": display,
            "meeting": facts,
            "organiser": meeting.organiser,
            "rows": agenda_rows(display) if version is not None else [],
            "same_day": facts["start"].date() == facts["end"].date(),
        }

    def render_page(self):
        """The meeting's facts the page heading shows and the fragments of ``fragment_templates``."""
        context = self.fragment_context()
        facts = context["meeting"]
        page = {
            "meeting": {
                **{key: facts[key] for key in ("id", "title", "theme", "fiscal_year", "timezone_label")},
                "kind_label": str(facts["kind_label"]),
            }
        }
        for name, template in self.fragments(context).items():
            page[name] = render_to_string(template, context)
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.version is None:
            page = self.render_page()
        else:
            page = cached(self.page_key(), self.render_page)
        context.update(
            version=self.version, page=page, meeting=page["meeting"], organiser=self.object.organiser
        )
        return context


class MeetingPublicView(PublicMeetingMixin, DetailView):
    """What, when, where, the theme, the organiser, how to register, public materials, links."""

    template_name = "meetings/public/meeting.html"
    fragment_kind = "public-meeting"
    fragment_templates = (
        "base.html",
        "meetings/public/meeting.html",
        "meetings/public/includes/_summary.html",
        "meetings/public/includes/_agenda.html",
    )

    def get(self, request, *args, **kwargs):
        # Materials and the notula are live rows, kept in the cache until one of them changes.
        self.materials, self.notula = None, None
        return super().get(request, *args, **kwargs)

    def live(self):
        """Public materials and the published notula: from the cache, read on a miss. The cache
        entry is dropped when a material, an agenda item or a notula's publication changes
        (receivers in meetings/apps.py), so the page shows such a change at once."""
        if self.materials is None:
            self.materials, self.notula = cached(live_key(self.object.pk), self.read_live)
        return self.materials, self.notula

    def read_live(self):
        materials = public_materials().filter(meeting=self.object).select_related("agenda_item")
        return list(materials.order_by("title", "pk")), published_notula(self.object)

    def live_parts(self):
        materials, notula = self.live()
        shown = [
            (m.pk, m.title, m.size, m.url, m.file.name, m.agenda_item.title if m.agenda_item else "")
            for m in materials
        ]
        organiser = self.object.organiser
        return (shown, notula.code if notula else "", organiser.phone, organiser.email)

    def live_moments(self):
        materials, notula = self.live()
        return [m.created_at for m in materials] + ([notula.issued_at] if notula else [])

    def fragments(self, context):
        return {
            "summary": "meetings/public/includes/_summary.html",
            "agenda": "meetings/public/includes/_agenda.html",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["materials"], context["notula"] = self.live()
        return context


def published_notula(meeting):
    """The latest notula of the meeting its organiser made public, or None.

    The minutes app issues the notula with the Meeting as its subject, so this reads documents only
    (meetings never imports minutes).
    """
    return (
        IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.NOTULA,
            public=True,
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=meeting.pk,
        )
        .order_by("-version")
        .first()
    )


class AgendaPublicView(PublicMeetingMixin, DetailView):
    """The published agenda, phone-readable and printable, with the public change log."""

    template_name = "meetings/public/agenda.html"
    fragment_kind = "public-agenda"
    fragment_templates = (
        "base.html",
        "meetings/public/agenda.html",
        "meetings/public/includes/_agenda_page.html",
        "meetings/public/includes/_summary.html",
        "meetings/public/includes/_agenda.html",
    )

    def fragments(self, context):
        # Version 1 is the first publication, not a change; internal-only changes stay with staff.
        # The change log shows each version's number and date only: its snapshot is never loaded.
        context["changes"] = list(
            AgendaChange.objects.filter(version__meeting=self.object, version__number__gt=1, is_public=True)
            .select_related("version")
            .defer("version__snapshot")
            .order_by("-version__number", "order", "pk")
        )
        return {"body": "meetings/public/includes/_agenda_page.html"}


def material_download(request, pk, material_pk):
    """A public material of a published meeting: the file, or a redirect to its link; else 404."""
    material = get_object_or_404(
        public_materials().filter(meeting__status=Meeting.Status.PUBLISHED), pk=material_pk, meeting_id=pk
    )
    if material.is_link:
        return HttpResponseRedirect(material.url)
    filename = material.original_name or material.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=material.content_type or None,
    )


def archive(request, year=None):
    """Arsip rapat: past published meetings, by year (the latest year unless one is chosen), each
    linking to its public page (agenda, public materials and, once published, its notula)."""
    past = Meeting.objects.published().past()
    years = sorted({moment.year for moment in past.order_by().datetimes("start", "year")}, reverse=True)
    year = year or (years[0] if years else None)
    meetings = list(past.filter(start__year=year).select_related("city", "organiser")) if year else []
    return render(
        request, "meetings/public/archive.html", {"years": years, "year": year, "meetings": meetings}
    )
