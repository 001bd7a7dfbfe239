"""Which files a material may be (the check itself is rakor.uploads.check_upload)."""

from django.conf import settings

from rakor.uploads import OFFICE, PDF_OR_IMAGE, check_upload

EXTENSIONS = {**PDF_OR_IMAGE, **OFFICE}
ALLOWED_LABEL = "PDF, PPTX, DOCX, XLSX, JPEG, PNG"


def max_material_bytes():
    """The upload limit for materials (setting RAKOR_MATERIAL_MAX_BYTES, 20 MB by default)."""
    return settings.RAKOR_MATERIAL_MAX_BYTES


def check_material(uploaded):
    """Validate an uploaded material by size, extension and content; returns its content type."""
    return check_upload(
        uploaded, extensions=EXTENSIONS, max_bytes=max_material_bytes(), allowed_label=ALLOWED_LABEL
    )
