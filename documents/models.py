"""Issued documents: every final official PDF, stored once, numbered, hashed, signed, verifiable.

`documents` is the leftmost app: it imports no other app of ours. What a document belongs to (a
meeting's minutes, an agreement, a delegate's certificate) is a generic relation, and the texts the
verification page shows about it (issuer, subject) are stored as given by the owning app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rakor.storage import private_storage
from rakor.tokens import CHECKIN_ALPHABET, new_token

# Public codes are printed under the QR code and typed in by hand: ten characters from the alphabet
# without 0/O and 1/I give 32**10 (about 10**15) codes, too many to guess.
CODE_ALPHABET = CHECKIN_ALPHABET
CODE_LENGTH = 10

# Used when a kind has no NumberingRule for the issuer: the sequence and the year, e.g. "17/2026".
DEFAULT_PATTERN = "{seq}/{year}"
# What stands for the sequence number in blank-number mode: the clerk writes it in by hand.
BLANK_SEQUENCE = " " * 6


class ImmutableDocumentError(ValueError):
    """An issued document's number, file or digest was about to change."""


def document_upload_to(instance, filename):
    """A random name under dokumen/: the stored name reveals nothing and cannot be guessed."""
    return f"dokumen/{new_token()}.pdf"


class Kind(models.TextChoices):
    NOTULA = "notula", _("Notula")
    BERITA_ACARA = "berita_acara", _("Berita acara")
    SERTIFIKAT = "sertifikat", _("Sertifikat")
    OTHER = "other", _("Lainnya")


class NumberingRule(models.Model):
    """How one issuer numbers one kind of document, e.g. ``400.10.2.2/{seq}/DPMPD-II``.

    ``issuer_key`` is whatever the calling app names the issuing office by (an agency's short code or
    id): documents cannot look agencies up itself.
    """

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    issuer_key = models.CharField(_("kunci penerbit"), max_length=60)
    pattern = models.CharField(
        _("pola nomor"),
        max_length=120,
        default=DEFAULT_PATTERN,
        help_text=_("{seq} = nomor urut, {year} = tahun; contoh: 400.10.2.2/{seq}/DPMPD-II"),
    )
    blank_number = models.BooleanField(
        _("nomor ditulis tangan"),
        default=False,
        help_text=_("Nomor urut dikosongkan pada cetakan dan diisi tangan saat pencatatan agenda."),
    )

    class Meta:
        verbose_name = _("aturan penomoran")
        verbose_name_plural = _("aturan penomoran")
        constraints = [
            models.UniqueConstraint(fields=["kind", "issuer_key"], name="documents_rule_unique_kind_issuer")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.issuer_key}: {self.pattern}"


class NumberSequence(models.Model):
    """The last number given for one kind, issuer and calendar year (one agenda per year)."""

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    issuer_key = models.CharField(_("kunci penerbit"), max_length=60)
    year = models.PositiveSmallIntegerField(_("tahun"))
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor")
        verbose_name_plural = _("urutan nomor")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "issuer_key", "year"], name="documents_sequence_unique_kind_issuer_year"
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.issuer_key} · {self.year}: {self.last}"


class IssuedDocument(models.Model):
    """One issued PDF. Its number, file and digest never change; a correction is a new version."""

    class SignatureKind(models.TextChoices):
        ELECTRONIC = "electronic", _("Tanda tangan elektronik")
        WET_INK = "wet_ink", _("Tanda tangan basah")

    Kind = Kind

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    number_by_hand = models.BooleanField(_("nomor ditulis tangan"), default=False)
    title = models.CharField(_("judul"), max_length=300)
    content_type = models.ForeignKey(ContentType, models.PROTECT, verbose_name=_("jenis objek"))
    object_id = models.PositiveBigIntegerField(_("id objek"))
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("perihal"), max_length=300, blank=True)
    issuer_name = models.CharField(_("diterbitkan oleh"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    # One-to-one: a version is replaced by at most one newer version (document.superseded_by).
    supersedes = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("menggantikan"),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(
        _("berkas"), storage=private_storage, upload_to=document_upload_to, max_length=200
    )
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh pengguna"),
    )
    issued_at = models.DateTimeField(_("waktu terbit"), default=timezone.now)
    code = models.CharField(_("kode verifikasi"), max_length=CODE_LENGTH)
    public = models.BooleanField(
        _("dapat diunduh publik"), default=False, help_text=_("Siapa pun yang tahu kodenya dapat mengunduh.")
    )
    signature_kind = models.CharField(_("jenis tanda tangan"), max_length=20, choices=SignatureKind.choices)
    signer_name = models.CharField(_("penanda tangan (sertifikat)"), max_length=300, blank=True)
    certificate_issuer = models.CharField(_("penerbit sertifikat"), max_length=300, blank=True)
    demo = models.BooleanField(_("sertifikat demo"), default=False)
    # pyHanko's verdict on the stored bytes at issue time (None for wet ink): intact and valid.
    signature_valid = models.BooleanField(_("tanda tangan sah"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="documents_issued_unique_sha256"),
            models.UniqueConstraint(fields=["code"], name="documents_issued_unique_code"),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "version"],
                name="documents_issued_unique_subject_kind_version",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documents_issued_subject")]

    def __str__(self):
        return f"{self.title} ({self.number or self.code}, v{self.version})"

    def save(self, *args, **kwargs):
        """Refuse to change the number, file or digest of a stored document (they are on paper)."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("number", "sha256", "file").first()
            if stored is not None and (stored["number"], stored["sha256"], stored["file"]) != (
                self.number,
                self.sha256,
                self.file.name,
            ):
                raise ImmutableDocumentError("An issued document's number, file and digest never change.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.code])

    @property
    def successor(self):
        """The version that replaced this one, or None."""
        try:
            return self.superseded_by
        except IssuedDocument.superseded_by.RelatedObjectDoesNotExist:
            return None

    @property
    def is_electronic(self):
        return self.signature_kind == self.SignatureKind.ELECTRONIC
