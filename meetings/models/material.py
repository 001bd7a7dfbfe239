"""Materials of a meeting or an agenda item: an uploaded file or a link."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting, OfMeetingQuerySet


def material_upload_to(instance, filename):
    """A random name that keeps only the (already validated) extension: paths never leak titles."""
    suffix = Path(filename).suffix.lower()
    return f"materials/{uuid.uuid4().hex}{suffix}"


class Material(models.Model):
    """A file or link for a meeting or one of its agenda items (bahan/materi rapat)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="materials", verbose_name=_("rapat"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("mata acara"),
    )
    title = models.CharField(_("judul"), max_length=300)
    file = models.FileField(_("berkas"), upload_to=material_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    url = models.URLField(_("tautan"), blank=True, max_length=500)
    is_public = models.BooleanField(_("tampil untuk publik"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = OfMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "title", "pk"]
        verbose_name = _("bahan rapat")
        verbose_name_plural = _("bahan rapat")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_file_or_url",
                violation_error_message=_("Isi salah satu: unggah berkas atau tautan."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_link(self):
        return bool(self.url)
