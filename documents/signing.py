"""The organisation's signing certificate and PAdES signatures (pyHanko).

The certificate and key come from a PKCS#12 file: settings.RAKOR_SIGNING_P12 with
RAKOR_SIGNING_PASSPHRASE (a real certificate, e.g. from BSrE, drops in), or else the demo file at
settings.RAKOR_SIGNING_DEMO_P12 that ``manage.py make_demo_certificate`` creates. A demo signature
is said to be one on paper and on the verification page.
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

# The demo file's passphrase is no secret: the demo certificate proves nothing and says so.
DEMO_PASSPHRASE = "rakor-demo"
DEMO_COMMON_NAME = "Sertifikat Demo Rakor"
DEMO_ORGANISATION = "DPMPD Kalimantan Timur (DEMO)"


class SigningError(Exception):
    """The document cannot be signed; ``str(error)`` is a translated message for people."""


@dataclass(frozen=True)
class Credentials:
    """What signing needs, and what the paper and the verification page say about it."""

    signer: signers.SimpleSigner
    certificate: x509.Certificate
    chain: tuple
    signer_name: str
    issuer_name: str
    demo: bool


def configured_p12():
    """(path, passphrase, is_demo_file) of the certificate in use, from settings."""
    path = getattr(settings, "RAKOR_SIGNING_P12", "") or ""
    if path:
        return Path(path), getattr(settings, "RAKOR_SIGNING_PASSPHRASE", "") or "", False
    return Path(settings.RAKOR_SIGNING_DEMO_P12), DEMO_PASSPHRASE, True


def _common_name(name):
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def load_credentials() -> Credentials:
    """Read and check the configured PKCS#12 file. Raises SigningError saying what is wrong."""
    path, passphrase, demo_file = configured_p12()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if demo_file:
            raise SigningError(
                _("Sertifikat demo belum dibuat: jalankan 'manage.py make_demo_certificate'.")
            ) from None
        raise SigningError(_("Berkas sertifikat penanda tangan tidak ditemukan.")) from None
    except OSError:
        raise SigningError(_("Berkas sertifikat penanda tangan tidak dapat dibaca.")) from None
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except ValueError:
        # cryptography says "Invalid password or PKCS12 data" for both; a readable file is the
        # common case, so the passphrase is the likely culprit.
        raise SigningError(
            _("Sertifikat penanda tangan tidak dapat dibuka: kata sandi salah atau berkas rusak.")
        ) from None
    if key is None or certificate is None:
        raise SigningError(_("Berkas sertifikat tidak berisi kunci privat dan sertifikat."))
    now = timezone.now()
    if now > certificate.not_valid_after_utc:
        raise SigningError(_("Sertifikat penanda tangan sudah kedaluwarsa."))
    if now < certificate.not_valid_before_utc:
        raise SigningError(_("Sertifikat penanda tangan belum berlaku."))
    signer = signers.SimpleSigner.load_pkcs12_data(
        data, other_certs=[], passphrase=passphrase.encode() or None
    )
    self_signed = certificate.issuer == certificate.subject
    return Credentials(
        signer=signer,
        certificate=certificate,
        chain=tuple(extra or ()),
        signer_name=_common_name(certificate.subject),
        issuer_name=_common_name(certificate.issuer),
        demo=demo_file or self_signed,
    )


def certificate_problem():
    """The SigningError message of the configured certificate, or None when it can sign."""
    try:
        load_credentials()
    except SigningError as error:
        return str(error)
    return None


def sign_pdf(data: bytes, credentials: Credentials) -> bytes:
    """Sign ``data`` once with a PAdES signature in an invisible field named Signature1."""
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        output = signers.PdfSigner(metadata, signer=credentials.signer).sign_pdf(writer)
    except Exception as error:  # pyHanko raises many kinds; the caller needs one with a message
        raise SigningError(_("Dokumen tidak dapat ditandatangani secara elektronik.")) from error
    return output.getvalue()


def validate_signature(data: bytes, credentials: Credentials) -> bool:
    """Whether the PDF's first signature is intact and valid, trusting our own certificate chain.

    Revocation is not fetched (offline office networks); the check proves the bytes are what we
    signed with a certificate valid at the time.
    """
    # The signing certificate itself and its chain from the PKCS#12 file are the trust roots.
    roots = [credentials.signer.signing_cert, *credentials.signer.cert_registry]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
        if not signatures:
            return False
        status = validate_pdf_signature(signatures[0], context)
    except (SignatureValidationError, PathBuildingError, PathValidationError, ValueError):
        return False
    return bool(status.intact and status.valid)


def make_demo_p12(
    path, *, common_name=DEMO_COMMON_NAME, days=3650, not_before=None, passphrase=DEMO_PASSPHRASE
):
    """Write a self-signed RSA certificate and key as a PKCS#12 file at ``path``; return the certificate.

    ``not_before`` and ``days`` let tests make an expired one.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
        ]
    )
    start = not_before or datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(b"rakor", key, certificate, None, encryption)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    return certificate
