"""Render a print template (templates/pdf/) to PDF bytes with WeasyPrint.

Views collect the data; ``render_pdf`` only renders it. WeasyPrint never touches the network:
``/static/`` URLs are read from the filesystem (fonts, stylesheets), ``media:<name>`` URLs from the
default storage (uploaded logos; local disk or S3 alike), and every other URL is refused, so
documents render the same on an offline office network.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Base URL for relative links in print templates; never fetched (see LocalFetcher).
BASE_URL = "http://rakor.invalid/"

# Sheet sizes (width, height). No regulation gives F4's width: offices use both 215 and 210 mm.
PAPER_SIZES = {
    "A4": ("210mm", "297mm"),
    "F4": ("215mm", "330mm"),
    "F4-210": ("210mm", "330mm"),
}


def paper_size():
    """The configured sheet as (name, width, height); unknown names fall back to A4."""
    name = str(getattr(settings, "RAKOR_PAPER_SIZE", "A4") or "A4").upper()
    if name not in PAPER_SIZES:
        name = "A4"
    return (name, *PAPER_SIZES[name])


def _url_prefix(setting_value):
    return "/" + str(setting_value).strip("/") + "/"


class LocalFetcher(URLFetcher):
    """Serve static files and stored media; refuse everything else (no network, no file://)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = unquote(urlsplit(url).path)
        found = None
        static_prefix = _url_prefix(settings.STATIC_URL)
        if path.startswith(static_prefix):
            relative = path.removeprefix(static_prefix)
            found = finders.find(relative)
            if not found and settings.STATIC_ROOT:
                root = Path(settings.STATIC_ROOT).resolve()
                candidate = (root / relative).resolve()
                found = candidate if candidate.is_relative_to(root) else None
        elif url.startswith("media:"):
            name = url.removeprefix("media:")
            # Storage names never climb out of the storage root; refuse anything that tries.
            if ".." not in Path(name).parts and default_storage.exists(name):
                with default_storage.open(name) as f:
                    content = f.read()
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, content, headers={"Content-Type": content_type})
        if not found or not Path(found).is_file():
            raise ValueError(f"Print templates may only load static or media: files, not {url}")
        content_type = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), headers={"Content-Type": content_type})


def render_pdf(template_name, context, *, request=None) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF bytes.

    The template gets ``paper`` (name, width, height) besides the given context; the sheet size
    itself is applied here, from settings.RAKOR_PAPER_SIZE, so print CSS never hard-codes it.
    """
    name, width, height = paper_size()
    html = render_to_string(
        template_name, {**context, "paper": {"name": name, "width": width, "height": height}}, request=request
    )
    # A user stylesheet ranks below the templates' own CSS, which must therefore not set `size`.
    page_size = CSS(string=f"@page {{ size: {width} {height}; }}", url_fetcher=LocalFetcher())
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher())
    return document.write_pdf(stylesheets=[page_size])
