"""Small HTTP helpers shared by the apps' views and mails."""

from django.conf import settings
from django.http import HttpResponse


def site_url(path=""):
    """An absolute URL on this site for ``path`` (settings.RAKOR_SITE_URL).

    Mails and QR codes need absolute links, and are also built outside a request (reminders,
    promotions), so the base comes from settings rather than request.build_absolute_uri.
    """
    return f"{settings.RAKOR_SITE_URL}{path}"


def pdf_response(pdf, filename):
    """PDF bytes shown in the browser (inline), saved under ``filename`` if downloaded."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def query_without(request, *keys):
    """The request's GET parameters minus ``keys``, urlencoded: for pagination and tab links that
    keep the filters but change only those parameters."""
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()
