import datetime
import hashlib
import io
import shutil
import subprocess

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.core import checks
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from documents.checks import check_signing_certificate
from documents.models import ImmutableDocumentError, IssuedDocument, NumberSequence
from documents.signing import DEMO_PASSPHRASE, SigningError, make_demo_p12
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored_files(settings):
    folder = settings.PRIVATE_MEDIA_ROOT / "dokumen"
    return sorted(folder.iterdir()) if folder.exists() else []


def pdf_text(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout


def test_issued_document_is_numbered_signed_and_stored_once(issue):
    document = issue()

    stored = document.file.open("rb").read()
    assert document.number == f"1/{timezone.localdate().year}"
    assert document.sha256 == hashlib.sha256(stored).hexdigest()
    assert document.size == len(stored)
    assert document.file.name.startswith("dokumen/")
    assert len(document.code) == 10
    assert (document.signature_kind, document.signature_valid, document.demo) == ("electronic", True, True)
    assert document.signer_name == document.certificate_issuer == "Sertifikat Demo Rakor"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_printed_document_shows_number_code_and_verification_address(issue, tmp_path):
    document = issue()

    text = pdf_text(document.file.open("rb").read(), tmp_path)
    assert document.number in text
    assert f"https://rakor.example.go.id/v/{document.code}/" in text
    assert "Tanda tangan demo" in text


def test_signature_validates_with_pyhanko_against_the_demo_certificate(issue, demo_p12):
    document = issue()
    _key, certificate, _extra = pkcs12.load_key_and_certificates(
        demo_p12.read_bytes(), DEMO_PASSPHRASE.encode()
    )
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))], allow_fetching=False
    )

    signatures = PdfFileReader(io.BytesIO(document.file.open("rb").read())).embedded_signatures
    status = validate_pdf_signature(signatures[0], context)

    assert len(signatures) == 1
    assert signatures[0].field_name == "Signature1"
    assert status.intact and status.valid


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="needs pdfsig (poppler-utils)")
def test_pdfsig_reports_the_stored_signature_valid(issue):
    document = issue()

    result = subprocess.run(["pdfsig", document.file.path], capture_output=True, text=True)

    assert "Signature is Valid" in result.stdout


def test_wet_ink_document_is_not_signed_electronically(issue):
    document = issue(wet_ink=True)

    signatures = PdfFileReader(io.BytesIO(document.file.open("rb").read())).embedded_signatures
    assert signatures == []
    assert (document.signature_kind, document.signature_valid, document.signer_name) == ("wet_ink", None, "")


def test_new_version_supersedes_the_old_one(issue):
    first = issue()
    second = issue(supersedes=first)

    first.refresh_from_db()
    assert second.version == 2
    assert first.successor == second
    assert second.successor is None


def test_superseding_a_version_twice_fails_and_leaves_no_file(issue, settings):
    first = issue()
    issue(supersedes=first)

    with pytest.raises(Exception):  # noqa: B017  (the database's unique constraint, vendor-specific)
        issue(supersedes=first)

    assert IssuedDocument.objects.count() == 2
    assert len(stored_files(settings)) == 2


def test_new_version_of_another_subject_is_refused(issue):
    first = issue()
    with pytest.raises(ValueError):
        issue(subject=UserFactory(username="lain"), supersedes=first)


@pytest.mark.parametrize("field", ["number", "sha256", "file"])
def test_number_digest_and_file_of_a_saved_document_never_change(issue, field):
    document = issue()
    setattr(document, field, "dokumen/lain.pdf" if field == "file" else "0" * 64)

    with pytest.raises(ImmutableDocumentError):
        document.save()


def test_owner_can_make_a_saved_document_public(issue):
    document = issue()
    document.public = True
    document.save()

    document.refresh_from_db()
    assert document.public is True


def assert_nothing_issued(settings):
    assert IssuedDocument.objects.count() == 0
    assert stored_files(settings) == []
    assert NumberSequence.objects.filter(last__gt=0).count() == 0


def test_wrong_passphrase_refuses_to_sign_and_leaves_nothing(issue, settings, demo_p12):
    settings.RAKOR_SIGNING_P12 = str(demo_p12)
    settings.RAKOR_SIGNING_PASSPHRASE = "salah"

    with pytest.raises(SigningError, match="kata sandi salah"):
        issue()

    assert_nothing_issued(settings)


def test_missing_certificate_refuses_to_sign_and_leaves_nothing(issue, settings, tmp_path):
    settings.RAKOR_SIGNING_P12 = str(tmp_path / "tidak-ada.p12")

    with pytest.raises(SigningError, match="tidak ditemukan"):
        issue()

    assert_nothing_issued(settings)


def test_expired_certificate_refuses_to_sign_and_leaves_nothing(issue, settings, tmp_path):
    path = tmp_path / "kedaluwarsa.p12"
    make_demo_p12(path, not_before=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30), days=10)
    settings.RAKOR_SIGNING_P12 = str(path)
    settings.RAKOR_SIGNING_PASSPHRASE = DEMO_PASSPHRASE

    with pytest.raises(SigningError, match="kedaluwarsa"):
        issue()

    assert_nothing_issued(settings)


def test_missing_demo_certificate_says_how_to_make_it(issue, settings, tmp_path):
    settings.RAKOR_SIGNING_DEMO_P12 = tmp_path / "belum-ada.p12"

    with pytest.raises(SigningError, match="make_demo_certificate"):
        issue()


def test_system_check_reports_a_configured_certificate_that_cannot_sign(settings, demo_p12):
    settings.RAKOR_SIGNING_P12 = str(demo_p12)
    settings.RAKOR_SIGNING_PASSPHRASE = "salah"

    errors = check_signing_certificate()

    assert [error.id for error in errors] == ["documents.E001"]
    assert errors[0].level == checks.ERROR


def test_system_check_accepts_a_working_certificate(settings, demo_p12):
    settings.RAKOR_SIGNING_P12 = str(demo_p12)
    settings.RAKOR_SIGNING_PASSPHRASE = DEMO_PASSPHRASE

    assert check_signing_certificate() == []


def test_self_signed_configured_certificate_counts_as_demo(issue, settings, demo_p12):
    settings.RAKOR_SIGNING_P12 = str(demo_p12)
    settings.RAKOR_SIGNING_PASSPHRASE = DEMO_PASSPHRASE

    assert issue().demo is True


def test_make_demo_certificate_is_idempotent(settings, tmp_path):
    settings.RAKOR_SIGNING_DEMO_P12 = tmp_path / "demo.p12"
    call_command("make_demo_certificate", verbosity=0)
    first = settings.RAKOR_SIGNING_DEMO_P12.read_bytes()
    call_command("make_demo_certificate", verbosity=0)

    assert settings.RAKOR_SIGNING_DEMO_P12.read_bytes() == first


def test_served_bytes_are_the_stored_digest(issue, client):
    document = issue()
    document.public = True
    document.save()

    url = reverse("documents:download", args=[document.code])
    client.get(url)  # the first download keeps the bytes in the cache; the second is sent from there
    response = client.get(url)

    body = response.getvalue()
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")
    assert hashlib.sha256(body).hexdigest() == document.sha256
