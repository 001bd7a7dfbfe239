"""Public documents of a published agenda version, computed once per version and language.

A published AgendaVersion never changes, so what the public sees of it (the agenda and meeting
page fragments, the agenda PDF, the .ics files) is rendered once and kept in the configured cache
(``django.core.cache``: the database table by default, Redis with REDIS_URL). The key names the
meeting, the version number, the language, the organiser's last change (its name and letterhead
are printed from the live row), and a digest of the templates that render it, so publishing a new
version, editing the organiser or deploying new templates changes the key at once.

Responses carry an ETag made from that key and Last-Modified, so a conditional GET is a 304
without decoding the snapshot or rendering anything.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.template.loader import get_template
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

# Stands for the visitor's CSRF token in a page shared by anonymous visitors. Derived from the
# secret key, so no text an organiser types can contain it, and the same in every worker process.
CSRF_PLACEHOLDER = (
    "csrf-" + hashlib.sha256(("rakor-csrf-placeholder" + settings.SECRET_KEY).encode()).hexdigest()[:32]
)

# Keys change with every version, so entries may live long; they fall out of the cache unused.
PUBLIC_CACHE_SECONDS = 60 * 60 * 24 * 30


@functools.cache
def template_digest(*names):
    """A digest of the named templates' source files, computed once per process."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()[:12]


def latest_version_header(meeting):
    """The meeting's latest published AgendaVersion without its snapshot (decoded only on a miss)."""
    return meeting.agenda_versions.defer("snapshot").order_by("-number").first()


def version_key(kind, meeting, version, *parts):
    """``kind:meeting:vN:language:organiser-stamp:parts…``; ``parts`` add what else changes the output."""
    stamp = int(meeting.organiser.updated_at.timestamp())
    language = translation.get_language()
    tail = ":".join(str(part) for part in parts)
    return f"{kind}:{meeting.pk}:v{version.number}:{language}:{stamp}:{tail}"


def cached(key, compute):
    """The cached value under ``key``, computed and stored on a miss."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PUBLIC_CACHE_SECONDS)
    return value


def etag_of(*parts):
    return quote_etag(hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:24])


def last_modified(meeting, version, *more):
    """Seconds since the epoch of the latest of the version's publication and anything else shown."""
    moments = [version.published_at, meeting.organiser.updated_at, *(m for m in more if m)]
    return int(max(moments).timestamp())


def conditional(request, etag, modified, build):
    """A 304 when the client's copy is current (``build`` not called); else ``build()`` with validators."""
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return not_modified
    response = build()
    if 200 <= response.status_code < 300:
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(modified)
    return response


def live_key(meeting_id):
    """Where the public meeting page keeps its live rows (public materials, the published notula)."""
    return f"public-live:{meeting_id}"


def forget_live(meeting_id):
    """Drop the cached live rows of a meeting, once the current transaction has committed (a
    request that reads in between must not cache the old rows again after this ran)."""
    transaction.on_commit(lambda: cache.delete(live_key(meeting_id)))


def forget_material(sender, instance, **kwargs):
    """Receiver: a material (its file, title, visibility or item) changed or went."""
    forget_live(instance.meeting_id)


def forget_item(sender, instance, **kwargs):
    """Receiver: an agenda item changed; a public material shows its item's title."""
    from meetings.models import Session

    # By id: in a cascade from the meeting the session row may be gone already (then so is the page).
    meeting_id = Session.objects.filter(pk=instance.session_id).values_list("meeting_id", flat=True).first()
    if meeting_id is not None:
        forget_live(meeting_id)


def forget_documents(sender, documents, **kwargs):
    """Receiver of documents.signals.visibility_changed: a notula was published or withdrawn."""
    from meetings.models import Meeting

    meeting_type = ContentType.objects.get_for_model(Meeting)
    for document in documents:
        if document.content_type_id == meeting_type.pk:
            forget_live(document.object_id)

