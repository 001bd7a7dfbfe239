import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agencies.models import Region
from programs.matrix import build_matrix
from programs.models import Realization
from programs.realization import report_realization
from tests.factories import MembershipFactory
from tests.querycount import assert_same_count, queries_of


def _xlsx(rows, header=("id_target", "periode", "capaian", "realisasi_anggaran", "keterangan")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("realisasi.xlsx", out.getvalue())


def _coordinator(client, agency):
    client.force_login(MembershipFactory(agency=agency).user)
    return client


def test_a_report_of_the_same_period_updates_the_row_and_keeps_history(chain):
    target = chain["t01"]
    report_realization(target, "tw1", value=Decimal(3), budget_spent=Decimal(1_000_000))
    report_realization(target, "tw1", value=Decimal(4), budget_spent=Decimal(2_000_000))
    row = Realization.objects.get()
    assert (row.value, row.budget_spent) == (Decimal(4), Decimal(2_000_000))
    assert row.history.count() == 2


def test_negative_budget_is_refused(chain):
    with pytest.raises(ValidationError):
        report_realization(chain["t01"], "tw1", value=Decimal(1), budget_spent=Decimal(-5))
    assert not Realization.objects.exists()


def test_the_matrix_shows_the_latest_period_against_the_target(chain):
    report_realization(chain["t01"], "tw1", value=Decimal(3))
    report_realization(chain["t01"], "sm1", value=Decimal(6))
    matrix = build_matrix(Region.objects.get(code="64"), 2019)
    row = next(r for g in matrix.groups for r in g.rows if r.target.pk == chain["provincial"].pk)
    cell = next(c for c in row.cells if c.region.code == "64.01")
    assert cell.achieved == Decimal(6)
    assert cell.percent == Decimal("50.0")


def test_a_coordinator_reports_for_their_own_agency_and_others_are_404(client, chain):
    c = _coordinator(client, chain["r01"])
    own = reverse("programs:realization_report", args=[chain["t01"].pk])
    other = reverse("programs:realization_report", args=[chain["t02"].pk])
    data = {"period": "tw2", "value": "5", "budget_spent": "1500000", "evidence_note": "Laporan TW II"}
    assert c.get(other).status_code == 404
    assert c.post(other, data).status_code == 404
    assert c.get(reverse("programs:realization_agency", args=[chain["r02"].pk, 2019])).status_code == 404
    assert c.get(reverse("programs:realization_import", args=[chain["r02"].pk, 2019])).status_code == 404
    assert c.post(own, data).status_code == 302
    assert Realization.objects.get().target == chain["t01"]
    page = c.get(reverse("programs:realization_agency", args=[chain["r01"].pk, 2019])).content.decode()
    assert "Triwulan II" in page


def test_an_evidence_file_must_really_be_a_pdf_and_is_served_only_to_the_agency(
    client, chain, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    c = _coordinator(client, chain["r01"])
    url = reverse("programs:realization_report", args=[chain["t01"].pk])
    fake = SimpleUploadedFile("bukti.pdf", b"<html>not a pdf</html>")
    response = c.post(url, {"period": "tw1", "value": "2", "budget_spent": "0", "evidence_file": fake})
    assert response.status_code == 422
    assert not Realization.objects.exists()
    real = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n")
    assert (
        c.post(url, {"period": "tw1", "value": "2", "budget_spent": "0", "evidence_file": real}).status_code
        == 302
    )
    realization = Realization.objects.get()
    evidence = reverse("programs:realization_evidence", args=[realization.pk])
    assert c.get(evidence).status_code == 200
    other = _coordinator(client, chain["r02"])
    assert other.get(evidence).status_code == 404


def test_the_import_previews_then_stores_all_rows(client, chain):
    c = _coordinator(client, chain["r01"])
    url = reverse("programs:realization_import", args=[chain["r01"].pk, 2019])
    template = c.get(reverse("programs:realization_template", args=[chain["r01"].pk, 2019]))
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert [cell.value for cell in sheet[2]][0] == chain["t01"].pk
    upload = _xlsx(
        [
            (chain["t01"].pk, "tw1", "3", "1.250.000,5", "Data BPS"),
            (chain["t01"].pk, "Semester I", 6, 2000000, ""),
        ]
    )
    preview = c.post(url, {"file": upload})
    assert preview.status_code == 200
    assert not Realization.objects.exists()
    response = c.post(url, {"confirm": "1", "token": preview.context["token"]})
    assert response.status_code == 302
    stored = {r.period: (r.value, r.budget_spent) for r in Realization.objects.all()}
    assert stored == {"tw1": (Decimal(3), Decimal("1250000.5")), "sm1": (Decimal(6), Decimal(2000000))}


def test_the_import_rejects_everything_with_row_errors(client, chain):
    c = _coordinator(client, chain["r01"])
    url = reverse("programs:realization_import", args=[chain["r01"].pk, 2019])
    upload = _xlsx(
        [
            (chain["t01"].pk, "tw1", "3", "0", ""),
            (chain["t01"].pk, "tw2", "-1", "0", ""),
            (chain["t01"].pk, "tw3", "banyak", "0", ""),
            (chain["t02"].pk, "tw1", "1", "0", ""),
            (99999, "tw1", "1", "0", ""),
            (chain["t01"].pk, "tw9", "1", "-5", ""),
        ]
    )
    response = c.post(url, {"file": upload})
    assert response.status_code == 422
    errors = response.context["errors"]
    assert any(e.startswith("Baris 3:") and "negatif" in e for e in errors)
    assert any(e.startswith("Baris 4:") and "bukan angka" in e for e in errors)
    assert any(e.startswith("Baris 5:") and "bukan target instansi ini" in e for e in errors)
    assert any(e.startswith("Baris 6:") and "99999" in e for e in errors)
    assert any(e.startswith("Baris 7:") and "periode" in e for e in errors)
    assert not any(e.startswith("Baris 2:") for e in errors)
    assert not Realization.objects.exists()


def test_the_region_overview_draws_bars_as_inline_svg_without_style_attributes(organiser_client, chain):
    report_realization(chain["t01"], "tw4", value=Decimal(9))
    html = organiser_client.get(reverse("programs:realization_region", args=["64.01", 2019])).content.decode()
    assert "<svg" in html and 'class="bar-fill"' in html
    assert "75,0%" in html or "75.0%" in html
    assert "style=" not in html.split("<main", 1)[-1]


def test_the_matrix_query_count_is_fixed_with_realisation(organiser_client, chain):
    url = reverse("programs:matrix", args=["64", 2019])
    few = queries_of(organiser_client, url)
    report_realization(chain["t01"], "tw1", value=Decimal(3))
    report_realization(chain["t02"], "tw2", value=Decimal(8))
    report_realization(chain["t02"], "tw3", value=Decimal(12))
    many = queries_of(organiser_client, url, expect="realisasi")
    assert_same_count(few, many)


def test_the_home_page_lists_own_targets_without_realisation_for_the_last_period(client, chain):
    import datetime

    from programs.dashboard import last_period

    report_realization(chain["t02"], "tw4", value=Decimal(20))
    _coordinator(client, chain["r01"])
    html = client.get(reverse("home")).content.decode()
    assert "Target tanpa realisasi Triwulan IV 2019" in html
    assert reverse("programs:realization_report", args=[chain["t01"].pk]) in html
    assert reverse("programs:realization_report", args=[chain["t02"].pk]) not in html
    assert last_period(2019, datetime.date(2019, 8, 1)) == "tw2"
    assert last_period(2019, datetime.date(2019, 2, 1)) is None
