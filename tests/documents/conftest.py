import pytest

from documents.services import issue_document, verification_footer
from documents.signing import make_demo_p12
from rakor.pdf import render_pdf
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def demo_p12(tmp_path_factory):
    """One demo certificate for the whole run: making an RSA key is slow enough to do it once."""
    path = tmp_path_factory.mktemp("signing") / "demo-signing.p12"
    make_demo_p12(path)
    return path


@pytest.fixture(autouse=True)
def _signing_settings(settings, demo_p12):
    """Sign with the session's demo certificate, never with a file in the real ./private."""
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = demo_p12
    settings.RAKOR_SITE_URL = "https://rakor.example.go.id"


def renderer(title="Notula Rapat Koordinasi", *, wet_ink=False):
    """A render callable as the owning apps write them: a real small PDF with the footer."""

    def render(number, code, verify_url):
        return render_pdf(
            "pdf/issued_document.html",
            {
                "title": title,
                "number": number,
                "paragraphs": ["Isi dokumen untuk pengujian."],
                "verification": verification_footer(code, wet_ink=wet_ink),
            },
        )

    return render


@pytest.fixture
def subject(db):
    """Any saved row will do as what a document belongs to; documents knows no other app."""
    return UserFactory(username="subjek")


@pytest.fixture
def issue(subject):
    """issue_document with test defaults; keyword arguments override them."""

    def issue(**kwargs):
        options = {
            "kind": "notula",
            "title": "Notula Rapat Koordinasi",
            "subject": subject,
            "render": renderer(
                kwargs.get("title", "Notula Rapat Koordinasi"), wet_ink=kwargs.get("wet_ink", False)
            ),
            "issued_by": None,
            "issuer_key": "DPMPD",
            "issuer_name": "DPMPD Provinsi Kalimantan Timur",
            "subject_label": "Rakor Pemberdayaan Masyarakat Desa 2026",
        }
        options.update(kwargs)
        return issue_document(**options)

    return issue
