import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Region
from programs.agreements import (
    AGREED,
    CHANGED,
    NOT_AGREED,
    AgreementFrozen,
    amend_agreement,
    berita_acara_documents,
    issue_berita_acara,
    sign_agreement,
)
from programs.berita_acara import date_in_words, in_words
from programs.matrix import build_matrix
from programs.models import Agreement
from programs.services import save_target
from tests.factories import MembershipFactory
from tests.querycount import assert_same_count, queries_of

NIP = "197001011995031001"


def _sign(meeting, agency, name="Budi Santoso"):
    return sign_agreement(meeting, agency, 2019, signatory_name=name, title="Kepala Dinas", nip=NIP)


def _cell(target_row_target, region_code):
    matrix = build_matrix(Region.objects.get(code="64"), 2019)
    row = next(r for g in matrix.groups for r in g.rows if r.target.pk == target_row_target.pk)
    return next(c for c in row.cells if c.region.code == region_code)


def test_signing_snapshots_the_agencys_targets(meeting, chain):
    agreement = _sign(meeting, chain["r01"])
    entries = agreement.content["targets"]
    assert [(e["id"], e["value"], e["unit"]) for e in entries] == [(chain["t01"].pk, "12.00", "desa")]
    assert agreement.content["agency"]["region_code"] == "64.01"
    assert agreement.content["fiscal_year"] == 2019


def test_a_signed_agreement_cannot_be_edited_or_signed_again(meeting, chain):
    agreement = _sign(meeting, chain["r01"])
    with pytest.raises(AgreementFrozen):
        amend_agreement(agreement, signatory_name="Orang Lain")
    with pytest.raises(AgreementFrozen):
        _sign(meeting, chain["r01"], name="Orang Lain")
    assert Agreement.objects.get().signatory_name == "Budi Santoso"


def test_a_later_target_edit_leaves_the_snapshot_and_the_matrix_shows_the_change(meeting, chain):
    assert _cell(chain["provincial"], "64.01").agreement_state == NOT_AGREED
    _sign(meeting, chain["r01"])
    assert _cell(chain["provincial"], "64.01").agreement_state == AGREED
    target = chain["t01"]
    target.value = Decimal(15)
    save_target(target)
    agreement = Agreement.objects.get()
    assert agreement.content["targets"][0]["value"] == "12.00"
    cell = _cell(chain["provincial"], "64.01")
    assert cell.agreement_state == CHANGED
    assert str(cell.agreement) == "berubah setelah disepakati"


def test_only_regency_agencies_with_targets_sign_and_the_nip_has_18_digits(meeting, chain):
    with pytest.raises(ValidationError):
        _sign(meeting, chain["province"])
    with pytest.raises(ValidationError):
        sign_agreement(meeting, chain["r02"], 2019, signatory_name="A", title="Kepala", nip="123")
    with pytest.raises(ValidationError):
        sign_agreement(meeting, chain["r72"], 2019, signatory_name="A", title="Kepala", nip=NIP)


def test_the_matrix_page_shows_agreed_and_not_agreed_cells(organiser_client, meeting, chain):
    _sign(meeting, chain["r01"])
    html = organiser_client.get(reverse("programs:matrix", args=["64", 2019])).content.decode()
    assert "state-disepakati" in html
    assert "state-belum_disepakati" in html


def test_a_coordinator_signs_for_their_own_agency_only(client, meeting, chain):
    client.force_login(MembershipFactory(agency=chain["r01"]).user)
    own = reverse("programs:agreement_sign", args=[meeting.pk, chain["r01"].pk])
    other = reverse("programs:agreement_sign", args=[meeting.pk, chain["r02"].pk])
    data = {"signatory_name": "Budi Santoso", "title": "Kepala DPMD", "nip": NIP}
    assert client.get(other).status_code == 404
    assert client.post(other, data).status_code == 404
    assert client.post(reverse("programs:agreement_issue", args=[meeting.pk])).status_code == 404
    response = client.post(own, data)
    assert response.status_code == 302
    assert Agreement.objects.get().agency == chain["r01"]
    assert client.post(own, {**data, "signatory_name": "Lain"}).status_code == 409
    assert Agreement.objects.get().signatory_name == "Budi Santoso"


def test_the_organiser_records_an_agreement_and_the_list_shows_states(organiser_client, meeting, chain):
    url = reverse("programs:agreement_sign", args=[meeting.pk, chain["r02"].pk])
    bad = organiser_client.post(url, {"signatory_name": "Siti", "title": "Kepala", "nip": "12ab"})
    assert bad.status_code == 422
    assert not Agreement.objects.exists()
    organiser_client.post(url, {"signatory_name": "Siti Aminah", "title": "Kepala", "nip": NIP})
    html = organiser_client.get(reverse("programs:agreements", args=[meeting.pk])).content.decode()
    assert "Siti Aminah" in html
    assert html.count("state-disepakati") == 1
    assert html.count("state-belum_disepakati") == 1


def test_numbers_and_dates_are_written_in_indonesian_words():
    import datetime

    from django.utils import translation

    assert in_words(24) == "dua puluh empat"
    assert in_words(11) == "sebelas"
    assert in_words(2018) == "dua ribu delapan belas"
    assert in_words(1945) == "seribu sembilan ratus empat puluh lima"
    with translation.override("id"):
        text = date_in_words(datetime.date(2018, 4, 24))
    assert text == "hari ini Selasa tanggal dua puluh empat bulan April tahun dua ribu delapan belas"


def _pdf_text(document):
    text = subprocess.run(
        ["pdftotext", document.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_the_berita_acara_is_indonesian_signed_and_has_one_block_per_signed_regency(
    signing, meeting, chain, organiser
):
    _sign(meeting, chain["r01"], name="Budi Santoso")
    _sign(meeting, chain["r02"], name="Siti Aminah")
    document = issue_berita_acara(meeting, by=organiser)
    text = _pdf_text(document)
    assert "BERITA ACARA KESEPAKATAN" in text
    assert f"NOMOR: {document.number}" in text
    assert "Pada hari ini Selasa tanggal dua puluh empat bulan April tahun dua ribu delapan belas" in text
    assert "Demikian Berita Acara ini dibuat dengan sebenarnya" in text
    assert "Mengetahui," in text
    assert text.count("disepakati melalui aplikasi") == 2
    assert text.count("NIP. 19700101 199503 1 001") == 2
    assert "Desa mandiri bertambah" in text
    assert document.signature_valid is True
    result = subprocess.run(["pdfsig", document.file.path], capture_output=True, text=True)
    assert "Signature is Valid" in result.stdout


def test_a_reissue_after_more_agreements_supersedes_the_previous_version(signing, meeting, chain, organiser):
    _sign(meeting, chain["r01"])
    first = issue_berita_acara(meeting, by=organiser)
    _sign(meeting, chain["r02"], name="Siti Aminah")
    second = issue_berita_acara(meeting, by=organiser)
    assert second.version == 2
    assert second.supersedes == first
    assert list(berita_acara_documents(meeting)) == [second, first]
    assert "Siti Aminah" in _pdf_text(second)
    assert "Siti Aminah" not in _pdf_text(first)


def test_issuing_without_agreements_is_refused(signing, meeting, organiser):
    with pytest.raises(ValidationError):
        issue_berita_acara(meeting, by=organiser)


def test_the_issue_button_issues_and_the_pdf_is_served(signing, organiser_client, meeting, chain):
    _sign(meeting, chain["r01"])
    response = organiser_client.post(reverse("programs:agreement_issue", args=[meeting.pk]))
    assert response.status_code == 302
    document = berita_acara_documents(meeting).get()
    page = organiser_client.get(reverse("programs:agreements", args=[meeting.pk])).content.decode()
    assert reverse("programs:agreement_pdf", args=[meeting.pk, 1]) in page
    assert document.get_absolute_url() in page
    pdf = organiser_client.get(reverse("programs:agreement_pdf", args=[meeting.pk, 1]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_matrix_query_count_is_fixed_with_agreements(organiser_client, meeting, chain):
    url = reverse("programs:matrix", args=["64", 2019])
    few = queries_of(organiser_client, url)
    _sign(meeting, chain["r01"])
    _sign(meeting, chain["r02"])
    many = queries_of(organiser_client, url, expect="state-disepakati")
    assert_same_count(few, many)
