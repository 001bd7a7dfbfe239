"""Certificates of attendance (Surat Keterangan Kehadiran) as issued documents.

A delegate's certificate is issued once, the first time anybody asks for it (the delegate through
their manage link, or an organiser), and afterwards only served from storage: numbered in the
organiser's "sertifikat" sequence, signed by the meeting's chair, with QR code and verification
footer, and always in Indonesian.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from documents.models import IssuedDocument
from documents.services import issue_document, verification_footer
from meetings.letters import format_nip, letter_place, meeting_day, meeting_place, signer_of
from meetings.models import Registration
from rakor.pdf import render_pdf


class NoCertificate(Exception):
    """The delegate has no certificate (yet): not checked in, or the meeting has not started."""


def may_have_certificate(registration, *, now=None) -> bool:
    """Checked in and the meeting has started: only then is there a certificate to issue."""
    return registration.is_checked_in and registration.meeting.start <= (now or timezone.now())


def certificate_signer(meeting):
    """The chair (name, title, pangkat, NIP grouped) or, without a chair name, the organiser's head."""
    if meeting.chair_name:
        return {
            "title": meeting.chair_title or signer_of(meeting.organiser)["title"],
            "name": meeting.chair_name,
            "rank": meeting.chair_rank,
            "nip": format_nip(meeting.chair_nip),
        }
    return signer_of(meeting.organiser, title=meeting.chair_title)


def certificate_document(registration, *, number="", verification=None):
    """Context of templates/pdf/certificate.html (meeting, organiser and agency fetched)."""
    meeting = registration.meeting
    return {
        "organiser": meeting.organiser,
        "meeting": meeting,
        "delegate": {
            "name": registration.full_name,
            "nip": format_nip(registration.nip),
            "position": registration.position,
            "agency": registration.agency.name,
        },
        "day": meeting_day(meeting),
        "place": meeting_place(meeting),
        "number": number,
        "letter_place": letter_place(),
        "letter_date": date_format(meeting.local_end.date(), "j F Y"),
        "signer": certificate_signer(meeting),
        "verification": verification,
    }


def render_certificate(registration, *, number="", code="", wet_ink=False) -> bytes:
    """The certificate as PDF bytes, in Indonesian whatever the reader's language."""
    with translation.override("id"):
        verification = verification_footer(code, wet_ink=wet_ink) if code else None
        context = certificate_document(registration, number=number, verification=verification)
        return render_pdf("pdf/certificate.html", context)


def certificate_of(registration):
    """The registration's issued certificate, or None."""
    return IssuedDocument.objects.filter(
        kind=IssuedDocument.Kind.SERTIFIKAT,
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=registration.pk,
    ).first()


@transaction.atomic
def issue_certificate(registration, by=None) -> IssuedDocument:
    """The delegate's certificate: the one issued before, else issue it now and return it.

    Raises NoCertificate unless the delegate checked in and the meeting has started. Locks the
    registration row, so two first downloads at once issue one document. Side effects (first
    time only): the next "sertifikat" number of the organiser agency; the signed PDF stored in
    private storage; one IssuedDocument whose subject is the Registration. Raises documents'
    SigningError when the certificate cannot be signed (nothing is stored then).
    """
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting__organiser", "meeting__city", "agency")
        .get(pk=registration.pk)
    )
    if not may_have_certificate(registration):
        raise NoCertificate
    existing = certificate_of(registration)
    if existing is not None:
        return existing
    meeting = registration.meeting

    def render(number, code, _url):
        return render_certificate(registration, number=number, code=code)

    with translation.override("id"):
        title = _("Surat Keterangan Kehadiran %(name)s") % {"name": registration.full_name}
    return issue_document(
        kind=IssuedDocument.Kind.SERTIFIKAT,
        title=title,
        subject=registration,
        render=render,
        issued_by=by if by is not None and by.is_authenticated else None,
        issuer_key=f"agency-{meeting.organiser_id}",
        issuer_name=meeting.organiser.name,
        subject_label=f"{registration.full_name} · {meeting.title}",
    )
