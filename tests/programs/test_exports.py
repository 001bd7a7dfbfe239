import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rakor.spreadsheets import safe_cell
from tests.programs.conftest import make_program, make_target


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_is_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_numbers_and_plain_text_stay_as_they_are():
    assert safe_cell(-5) == -5
    assert safe_cell("Desa mandiri") == "Desa mandiri"


def test_the_xlsx_export_neutralises_formulas_and_keeps_numbers(organiser_client, chain):
    make_target(chain["provincial"].program, 7, indicator="=cmd|' /C calc'!A0", parent=chain["national"])
    response = organiser_client.get(reverse("programs:matrix_xlsx", args=["64", 2019]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    provincial_row = next(row for row in sheet.iter_rows(values_only=True) if row[5] == 80)
    assert 12 in provincial_row and 20 in provincial_row


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_is_in_indonesian_even_for_an_english_user(organiser_client, chain, tmp_path):
    make_program(chain["province"], name="Penunjang", nomenclature="2.13.01")
    organiser_client.cookies["django_language"] = "en"
    response = organiser_client.get(
        reverse("programs:matrix_pdf", args=["64", 2019]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "m.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "MATRIKS KESELARASAN PROGRAM" in text
    assert "TAHUN ANGGARAN 2019" in text
    assert "belum disepakati" in text
    assert "Program tidak terhubung ke mana pun: Penunjang" in text
    assert "Halaman 1 dari" in text
