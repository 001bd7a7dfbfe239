"""Agreements (berita acara kesepakatan): signing a regency/city's targets at a meeting, the
agreement state of the matrix cells, and issuing the berita acara of a meeting.

A signed Agreement is frozen: ``sign_agreement`` refuses a second one for the same meeting, agency
and year and ``amend_agreement`` refuses every edit (AgreementFrozen). Later target edits never
touch the snapshot; the matrix compares the live values with it.
"""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Level
from documents.models import IssuedDocument
from documents.services import issue_document
from meetings.models import Meeting
from programs.models import Agreement, Target

AGREED = "disepakati"
NOT_AGREED = "belum_disepakati"
CHANGED = "berubah"
STATE_LABELS = {
    AGREED: gettext_lazy("disepakati"),
    NOT_AGREED: gettext_lazy("belum disepakati"),
    CHANGED: gettext_lazy("berubah setelah disepakati"),
}


class AgreementFrozen(Exception):
    """A signed agreement never changes (and is signed once per meeting, agency and year)."""


def agreement_content(agency, year):
    """The snapshot of ``agency``'s targets of ``year`` (format: Agreement's docstring)."""
    region = agency.region
    targets = (
        Target.objects.filter(program__agency=agency, program__fiscal_year=year)
        .select_related("program__nomenclature", "parent")
        .order_by("program__nomenclature__code", "program__name", "program_id", "pk")
    )
    return {
        "agency": {
            "id": agency.pk,
            "name": agency.name,
            "short_name": agency.short_name,
            "region_code": region.code if region else "",
            "region_name": region.name if region else "",
        },
        "fiscal_year": year,
        "targets": [
            {
                "id": t.pk,
                "program_id": t.program_id,
                "program": t.program.name,
                "nomenclature": t.program.nomenclature.code,
                "indicator": t.indicator,
                "unit": t.unit,
                "value": str(t.value),
                "parent_id": t.parent_id,
                "parent_indicator": t.parent.indicator if t.parent_id else "",
            }
            for t in targets
        ],
    }


@transaction.atomic
def sign_agreement(meeting, agency, year, *, signatory_name, title, nip, by=None):
    """Record that ``agency`` (a regency/city agency) agrees to its targets of ``year`` at
    ``meeting``; returns the Agreement.

    Locks the meeting row so two signings of the same agency run one after the other; snapshots
    the agency's targets into ``content``; records who entered it (history too). Raises
    AgreementFrozen when the agency already signed for that meeting and year, ValidationError when
    the agency is not a regency/city agency, has no targets that year, or a field is invalid.
    """
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Agreement.objects.filter(meeting=meeting, agency=agency, fiscal_year=year).exists():
        raise AgreementFrozen(_("Kesepakatan instansi ini sudah ditandatangani dan tidak dapat diubah."))
    if agency.level != Level.REGENCY:
        raise ValidationError(_("Kesepakatan ditandatangani oleh instansi kabupaten/kota."))
    content = agreement_content(agency, year)
    if not content["targets"]:
        raise ValidationError(_("Instansi ini belum memiliki target tahun %(year)s.") % {"year": year})
    agreement = Agreement(
        meeting=meeting,
        agency=agency,
        fiscal_year=year,
        signatory_name=signatory_name.strip(),
        title=title.strip(),
        nip=nip.strip(),
        signed_at=timezone.now(),
        recorded_by=by,
        content=content,
    )
    agreement.full_clean()
    agreement._history_user = by
    agreement.save()
    return agreement


def amend_agreement(agreement, **changes):
    """Always refused: a signed agreement is frozen. Raises AgreementFrozen."""
    raise AgreementFrozen(_("Kesepakatan yang sudah ditandatangani tidak dapat diubah."))


def latest_agreements(agency_ids, year):
    """{agency id: {target id: agreed entry}} from each agency's latest agreement of ``year``
    (one query)."""
    result = {}
    for agreement in (
        Agreement.objects.filter(agency_id__in=agency_ids, fiscal_year=year)
        .order_by("signed_at", "pk")
        .only("agency_id", "content")
    ):
        result[agreement.agency_id] = agreement.agreed_targets()
    return result


def target_state(target, agreed):
    """AGREED, CHANGED or NOT_AGREED for ``target`` given latest_agreements()'s result."""
    entry = agreed.get(target.program.agency_id, {}).get(target.pk)
    if entry is None:
        return NOT_AGREED
    same = (
        Decimal(entry["value"]) == target.value
        and entry["unit"] == target.unit
        and entry["indicator"] == target.indicator
    )
    return AGREED if same else CHANGED


def cell_state(targets, agreed):
    states = {target_state(t, agreed) for t in targets}
    if CHANGED in states:
        return CHANGED
    if states == {AGREED}:
        return AGREED
    return NOT_AGREED


def berita_acara_documents(meeting):
    """The meeting's issued berita acara, newest version first."""
    return IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=meeting.pk,
        kind=IssuedDocument.Kind.BERITA_ACARA,
    ).order_by("-version")


@transaction.atomic
def issue_berita_acara(meeting, *, by, wet_ink=False):
    """Issue (or re-issue) the meeting's berita acara kesepakatan from its agreements.

    Side effects: numbers, renders, signs and stores an IssuedDocument (documents app); a re-issue
    supersedes the previous version. Raises ValidationError when nothing is signed yet, and
    SigningError when the certificate cannot sign.
    """
    from programs.berita_acara import render_berita_acara

    Meeting.objects.select_for_update().get(pk=meeting.pk)
    agreements = list(
        Agreement.objects.filter(meeting=meeting)
        .select_related("agency__region")
        .order_by("agency__region_id", "agency__name", "pk")
    )
    if not agreements:
        raise ValidationError(_("Belum ada kesepakatan yang ditandatangani pada rapat ini."))
    previous = berita_acara_documents(meeting).first()

    def render(number, code, _url):
        return render_berita_acara(meeting, agreements, number=number, code=code, wet_ink=wet_ink)

    return issue_document(
        kind=IssuedDocument.Kind.BERITA_ACARA,
        title=_("Berita Acara Kesepakatan %(meeting)s") % {"meeting": meeting.title},
        subject=meeting,
        render=render,
        issued_by=by,
        issuer_key=f"agency-{meeting.organiser_id}",
        issuer_name=meeting.organiser.name,
        subject_label=meeting.title,
        supersedes=previous,
        wet_ink=wet_ink,
    )
