"""Every QR code we print, show or attach: built here, so all of them are regular QR codes."""

import base64
import io

import segno


def make_qr(text):
    """A regular QR code for ``text``.

    segno picks a Micro QR for short texts such as check-in codes, which jsQR and most phone cameras
    cannot read; every QR code we print or show must be a regular one.
    """
    return segno.make(text, error="m", micro=False)


def qr_svg_data_uri(text, *, scale=4, border=1):
    """An SVG data: URI, for PDFs: WeasyPrint reads it without any file or network, and it stays
    sharp at any print size."""
    svg = make_qr(text).svg_inline(scale=scale, border=border)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def qr_png_data_uri(text, *, scale=6, border=2):
    """A PNG data: URI for an <img src> on a page (the CSP allows img-src data:)."""
    return make_qr(text).png_data_uri(scale=scale, border=border)


def qr_png(text, *, scale=8, border=2) -> bytes:
    """PNG bytes, for a mail attachment."""
    buffer = io.BytesIO()
    make_qr(text).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()
