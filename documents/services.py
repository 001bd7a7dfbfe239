"""Issuing and verifying documents.

The owning app collects its data and renders its PDF through the ``render`` callable it passes
to ``issue_document``; this module numbers, signs, hashes and stores the result, once.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.http import public_document_key
from documents.models import CODE_ALPHABET, CODE_LENGTH, IssuedDocument
from documents.numbering import take_next_number
from documents.signals import visibility_changed
from documents.signing import SigningError, load_credentials, sign_pdf, validate_signature
from rakor.qr import qr_svg_data_uri

__all__ = [
    "SigningError",
    "issue_document",
    "verification_footer",
    "verification_url",
    "verify_upload",
]

PDF_MAGIC = b"%PDF-"


def verification_url(code):
    """The absolute address of a document's public verification page (settings.RAKOR_SITE_URL)."""
    return settings.RAKOR_SITE_URL + reverse("documents:detail", args=[code])


def verification_footer(code, *, wet_ink=False):
    """Context for templates/pdf/includes/_verification_footer.html, as ``verification``.

    Keys: code, url, qr (an SVG data: URI), wet_ink, and for electronic signatures signer_name,
    certificate_issuer and demo, read from the configured certificate. Raises SigningError when
    an electronic signature is asked for and the certificate cannot sign.
    """
    url = verification_url(code)
    footer = {
        "code": code,
        "url": url,
        "qr": qr_svg_data_uri(url),
        "wet_ink": wet_ink,
    }
    if not wet_ink:
        credentials = load_credentials()
        footer.update(
            signer_name=credentials.signer_name,
            certificate_issuer=credentials.issuer_name,
            demo=credentials.demo,
        )
    return footer


def _new_code():
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
        if not IssuedDocument.objects.filter(code=code).exists():
            return code


@transaction.atomic
def issue_document(
    *,
    kind,
    title,
    subject,
    render,
    issued_by,
    issuer_key,
    issuer_name="",
    subject_label="",
    supersedes=None,
    wet_ink=False,
) -> IssuedDocument:
    """Number, render, sign, hash and store a final document for ``subject``; return its row.

    In one transaction: checks the certificate (unless ``wet_ink``); locks and takes the next
    number of ``kind`` for ``issuer_key`` this year (none in blank-number mode); makes the public
    code; calls ``render(number, code, verify_url)`` for the PDF bytes; signs them once (PAdES) and
    validates the signature; stores the final bytes under dokumen/ in private storage; creates the
    IssuedDocument, version = ``supersedes.version + 1`` when it replaces an earlier one.

    Raises SigningError (message for people) when the certificate is missing, unreadable, locked by
    another passphrase or expired, and ValueError when ``supersedes`` belongs to another subject or
    kind. On any error nothing is left: no row, no number taken, the written file deleted. (If a
    caller's enclosing transaction rolls back later, the file stays behind unreferenced.)
    """
    credentials = None if wet_ink else load_credentials()
    content_type = ContentType.objects.get_for_model(subject)
    version = 1
    if supersedes is not None:
        supersedes = IssuedDocument.objects.select_for_update().get(pk=supersedes.pk)
        if (supersedes.content_type_id, supersedes.object_id, supersedes.kind) != (
            content_type.pk,
            subject.pk,
            kind,
        ):
            raise ValueError("A new version must be of the same kind and subject as the one it replaces.")
        version = supersedes.version + 1
    number, by_hand = take_next_number(kind=kind, issuer_key=issuer_key)
    code = _new_code()
    data = render(number, code, verification_url(code))
    signature_valid = None
    if credentials is not None:
        data = sign_pdf(data, credentials)
        signature_valid = validate_signature(data, credentials)
    document = IssuedDocument(
        kind=kind,
        number=number,
        number_by_hand=by_hand,
        title=title,
        content_type=content_type,
        object_id=subject.pk,
        subject_label=subject_label,
        issuer_name=issuer_name,
        version=version,
        supersedes=supersedes,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        issued_by=issued_by,
        code=code,
        signature_kind=(
            IssuedDocument.SignatureKind.WET_INK if wet_ink else IssuedDocument.SignatureKind.ELECTRONIC
        ),
        signer_name=credentials.signer_name if credentials else "",
        certificate_issuer=credentials.issuer_name if credentials else "",
        demo=bool(credentials and credentials.demo),
        signature_valid=signature_valid,
    )
    document.file.save("dokumen.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    return document


def verify_upload(fileobj) -> IssuedDocument | None:
    """The issued document byte-identical to the uploaded file, or None.

    Raises ValidationError (message for the form) for content that is not a PDF or is larger than
    settings.RAKOR_VERIFY_MAX_BYTES. Stores nothing.
    """
    limit = settings.RAKOR_VERIFY_MAX_BYTES
    size = getattr(fileobj, "size", None)
    if size is not None and size > limit:
        raise ValidationError(_("Berkas terlalu besar untuk diperiksa."), code="too_large")
    digest = hashlib.sha256()
    head = b""
    total = 0
    chunks = fileobj.chunks() if hasattr(fileobj, "chunks") else iter(lambda: fileobj.read(65536), b"")
    for chunk in chunks:
        if len(head) < len(PDF_MAGIC):
            head += chunk[: len(PDF_MAGIC)]
        total += len(chunk)
        if total > limit:
            raise ValidationError(_("Berkas terlalu besar untuk diperiksa."), code="too_large")
        digest.update(chunk)
    if not head.startswith(PDF_MAGIC):
        raise ValidationError(_("Berkas ini bukan PDF."), code="not_pdf")
    return IssuedDocument.objects.filter(sha256=digest.hexdigest()).first()


def set_public(documents, public):
    """Let the public download these documents (``public=True``) or withdraw them.

    ``documents`` is a QuerySet of IssuedDocument. Side effects: their ``public`` flag; once the
    transaction commits, ``documents.signals.visibility_changed`` is sent with the changed rows, so
    pages that list public documents (the meeting's public page) forget what they cached.
    """
    changed = list(documents.exclude(public=public).only("pk", "code", "content_type_id", "object_id"))
    IssuedDocument.objects.filter(pk__in=[document.pk for document in changed]).update(public=public)
    if changed:
        cached_keys = [public_document_key(document.code) for document in changed]

        def announce():
            cache.delete_many(cached_keys)
            visibility_changed.send(IssuedDocument, documents=changed)

        transaction.on_commit(announce)
    return len(changed)

