"""Public verification pages (no login): /v/<code>/ for a printed code, /v/ to compare a PDF."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from documents.forms import VerifyUploadForm
from documents.http import document_response, public_document_key
from documents.models import IssuedDocument
from rakor.clientip import client_ip
from rakor.ratelimit import hit

# What people write after a time ("09.00 WITA"); the site's zone is WITA unless set otherwise.
TIMEZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def _limited(request):
    """True once this client has looked up or uploaded more than settings.RAKOR_VERIFY_RATE allows."""
    limit, window = settings.RAKOR_VERIFY_RATE
    return not hit(f"ratelimit:verify:{client_ip(request)}", limit, window)


def _too_many(request):
    limit, window = settings.RAKOR_VERIFY_RATE
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(window)
    return response


def _not_found(request, code=""):
    return render(request, "documents/not_found.html", {"code": code}, status=404)


def _get_document(code):
    # Codes are printed in capitals but may be typed in lower case.
    return (
        IssuedDocument.objects.select_related("supersedes", "superseded_by")
        .filter(code=code.strip().upper())
        .first()
    )


@require_GET
def detail(request, code):
    """What the document with this printed code is, how it was signed, and whether it was replaced."""
    if _limited(request):
        return _too_many(request)
    document = _get_document(code)
    if document is None:
        return _not_found(request, code)
    zone = timezone.get_current_timezone_name()
    return render(
        request,
        "documents/detail.html",
        {"document": document, "timezone_label": TIMEZONE_ABBREVIATIONS.get(zone, zone)},
    )


@require_http_methods(["GET", "POST"])
def verify_upload_view(request):
    """Compare an uploaded PDF with the issued documents: byte-identical, or not found."""
    form = VerifyUploadForm()
    checked = False
    document = None
    if request.method == "POST":
        if _limited(request):
            return _too_many(request)
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            checked = True
            document = form.cleaned_data["document"]
    return render(request, "documents/verify.html", {"form": form, "checked": checked, "found": document})


# Short, so that a withdrawal racing with a download of the same code (the download caching the
# row read just before the withdrawal committed) is undone within minutes at worst.
PUBLIC_DOCUMENT_SECONDS = 5 * 60
# A notula of a large meeting is a few hundred kB: kept whole in the cache, it is sent without
# touching the disk (or the object store); larger files are opened from storage each time.
PUBLIC_DOCUMENT_CACHED_BYTES = 512 * 1024


def serve_public_document(request, code):
    """The response for a public document with this code, or None (not found, or over the limit).

    Only reads: it counts nothing, so documents.middleware may answer with it ahead of the rest
    of the middleware stack and leave every other answer to ``public_download``. The client's
    counter of failed lookups and the cached document come in one cache round trip; the database
    is read only when the document is not cached (misses are never cached).
    """
    code = code.strip().upper()
    limit, _window = settings.RAKOR_VERIFY_RATE
    counter_key, document_key = f"ratelimit:verify:{client_ip(request)}", public_document_key(code)
    found = cache.get_many([counter_key, document_key])
    if found.get(counter_key, 0) >= limit:
        return None
    fields = found.get(document_key)
    if fields is None:
        fields = (
            IssuedDocument.objects.filter(code=code, public=True)
            .values("code", "kind", "title", "version", "file")
            .first()
        )
        if fields is None:
            return None
        document = IssuedDocument(**fields)
        if not settings.RAKOR_SENDFILE_HEADER and document.file.size <= PUBLIC_DOCUMENT_CACHED_BYTES:
            with document.file.open("rb") as stored:
                fields["content"] = stored.read()
        cache.set(document_key, fields, PUBLIC_DOCUMENT_SECONDS)
    content = fields.pop("content", None)
    # An unsaved instance carrying only what document_response reads (the file and its name).
    return document_response(request, IssuedDocument(**fields), content)


@require_GET
def public_download(request, code):
    """The stored PDF of a document its owner made public; any other code is a 404.

    The limit is against guessing codes, so only lookups that find nothing public count (a counter
    write, costly in the database cache, is not paid by every download of a known code); once over
    the limit every code is refused, found or not, so the 429 tells nothing about a code.
    """
    response = serve_public_document(request, code)
    if response is None:
        # Counted here, so a client over the limit is refused whether the code exists or not.
        if _limited(request):
            return _too_many(request)
        raise Http404
    return response
