"""Checking uploaded files by what they contain, not by what they are called.

One check for every upload of ours (materials, assignment letters, agency logos): the size within a
limit, the name's extension among the allowed ones, and the first bytes really of that kind, so an
HTML page renamed .pdf is refused before it is stored and served back to other users.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Office Open XML files are zip archives; the folder next to [Content_Types].xml tells them apart.
OOXML_FOLDERS = {
    "pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    **{kind: content_type for kind, (_folder, content_type) in OOXML_FOLDERS.items()},
}
# Extension -> kind, for the kinds a caller allows.
PDF_OR_IMAGE = {"pdf": "pdf", "png": "png", "jpg": "jpeg", "jpeg": "jpeg"}
IMAGE = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg"}
OFFICE = {"pptx": "pptx", "docx": "docx", "xlsx": "xlsx"}


def sniff(uploaded):
    """The kind of file by its first bytes ("pdf", "png", "jpeg", "pptx", "docx", "xlsx"), or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            uploaded.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for kind, (folder, _content_type) in OOXML_FOLDERS.items():
            if any(name.startswith(folder) for name in names):
                return kind
    return None


def check_upload(uploaded, *, extensions, max_bytes, allowed_label, message=None):
    """Validate an upload; returns its content type, raises ValidationError otherwise.

    ``extensions`` maps the allowed name endings to kinds (see PDF_OR_IMAGE); ``allowed_label``
    names them for the user. ``message``, if given, replaces the separate wrong-extension and
    wrong-content errors with one text (a form whose help text already names the kinds).
    """
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Ukuran maksimal %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
        )
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    expected = extensions.get(extension)
    if expected is None:
        raise ValidationError(
            message or _("Jenis berkas tidak diizinkan. Unggah salah satu: %(allowed)s."),
            code="extension" if message is None else "content",
            params={"allowed": allowed_label},
        )
    if sniff(uploaded) != expected:
        raise ValidationError(
            message
            or _(
                "Isi berkas tidak sesuai dengan jenisnya (.%(extension)s). "
                "Unggah berkas %(allowed)s yang asli."
            ),
            code="content",
            params={"extension": extension, "allowed": allowed_label},
        )
    return CONTENT_TYPES[expected]
