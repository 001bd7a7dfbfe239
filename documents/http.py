"""Serving stored documents: the stored bytes as issued, never rendered again.

Who may download a document is for the app that owns its subject to decide; its view checks that
and then returns ``document_response(request, document)``.
"""

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify


def public_document_key(code):
    """Where the public download keeps a public document's few served fields (documents.views);
    documents.services.set_public forgets it when the document is withdrawn."""
    return f"public-document:{code}"


def download_name(document):
    """A safe file name: the title as a slug and the version, e.g. ``notula-rakor-2026-v2.pdf``."""
    stem = slugify(document.title)[:80].strip("-") or document.kind
    return f"{stem}-v{document.version}.pdf"


def document_response(request, document, content=None):
    """The stored PDF of ``document``, inline, never cached by browsers or proxies.

    ``content``, when the caller already holds the stored bytes (documents.views keeps small public
    documents in the cache), is sent instead of opening the file.

    With settings.RAKOR_SENDFILE_HEADER the web server sends the file: X-Accel-Redirect gets
    RAKOR_SENDFILE_PREFIX + the storage name (nginx's internal location, docs/deployment.md),
    X-Sendfile the file's path on disk; the response then has no body.
    """
    header = settings.RAKOR_SENDFILE_HEADER
    if header:
        response = HttpResponse(content_type="application/pdf")
        if header.lower() == "x-accel-redirect":
            response[header] = "/" + settings.RAKOR_SENDFILE_PREFIX.strip("/") + "/" + document.file.name
        else:
            response[header] = document.file.path
        response["Content-Disposition"] = f'inline; filename="{download_name(document)}"'
    elif content is not None:
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, download_name(document))
    else:
        response = FileResponse(
            document.file.open("rb"), content_type="application/pdf", filename=download_name(document)
        )
    response["Cache-Control"] = "private, no-store"
    return response
