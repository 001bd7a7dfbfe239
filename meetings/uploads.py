"""Checking uploaded materials by what they contain, not by what they are called."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Office Open XML files are zip archives; the folder next to [Content_Types].xml tells them apart.
OOXML_FOLDERS = {
    "pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
EXTENSIONS = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "pptx": "pptx",
    "docx": "docx",
    "xlsx": "xlsx",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    **{kind: content_type for kind, (_folder, content_type) in OOXML_FOLDERS.items()},
}
ALLOWED_LABEL = "PDF, PPTX, DOCX, XLSX, JPEG, PNG"


def max_material_bytes():
    """The upload limit for materials (setting RAKOR_MATERIAL_MAX_BYTES, 20 MB by default)."""
    return settings.RAKOR_MATERIAL_MAX_BYTES


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


def check_material(uploaded):
    """Validate an uploaded material; returns its content type, raises ValidationError otherwise.

    The size must be within the limit, the name must end in an allowed extension, and the bytes
    must really be that kind of file (an HTML page renamed .pdf is refused).
    """
    limit = max_material_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Ukuran maksimal %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Jenis berkas tidak diizinkan. Unggah salah satu: %(allowed)s."),
            code="extension",
            params={"allowed": ALLOWED_LABEL},
        )
    actual = sniff(uploaded)
    if actual != expected:
        raise ValidationError(
            _(
                "Isi berkas tidak sesuai dengan jenisnya (.%(extension)s). "
                "Unggah berkas %(allowed)s yang asli."
            ),
            code="content",
            params={"extension": extension, "allowed": ALLOWED_LABEL},
        )
    return CONTENT_TYPES[actual]
