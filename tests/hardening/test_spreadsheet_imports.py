"""Malformed or bloated spreadsheets get a row-error page with the limit, cheaply, never a 500."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agencies.imports import COLUMNS
from agencies.models import Agency
from meetings.models import Registration
from tests.meetings.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet(data, sheet_xml):
    """The workbook ``data`` with its first sheet's XML replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, content)
    return out.getvalue()


def upload_agencies(client, data, name="instansi.xlsx"):
    return client.post(reverse("agencies:import"), {"file": SimpleUploadedFile(name, data)})


def test_a_broken_sheet_xml_gives_the_error_page_not_a_500(organiser_client):
    broken = with_sheet(workbook_bytes([COLUMNS, ["A", "A"]]), b"<worksheet><sheetData><row><c")

    response = upload_agencies(organiser_client, broken)

    assert response.status_code == 422
    assert "bukan XLSX yang sah" in response.content.decode()
    assert not Agency.objects.exists()


def test_a_small_file_that_unpacks_to_a_huge_sheet_is_refused_before_parsing(organiser_client):
    cells = b"<c t='inlineStr'><is><t>x</t></is></c>" * 40
    rows = b"".join(b"<row>" + cells + b"</row>" for _ in range(20_000))
    xml = b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
    bomb = with_sheet(workbook_bytes([COLUMNS]), xml + rows + b"</sheetData></worksheet>")
    assert len(bomb) < 2 * 1024 * 1024  # under the upload limit, so the unpacked size must stop it

    started = time.monotonic()
    response = upload_agencies(organiser_client, bomb)

    assert time.monotonic() - started < 2
    assert "terlalu besar setelah dibuka (paling besar 20,0" in response.content.decode()


def test_too_many_columns_is_refused_with_the_limit(organiser_client):
    header = COLUMNS + [f"kolom_{n}" for n in range(60)]
    response = upload_agencies(organiser_client, workbook_bytes([header, ["A"] * len(header)]))
    assert "lebih dari 50 kolom" in response.content.decode()


def test_a_cell_longer_than_the_limit_is_refused(organiser_client):
    response = upload_agencies(organiser_client, workbook_bytes([COLUMNS, ["A" * 5000, "64"]]))
    assert "Baris 2 memuat isian lebih dari 1.000 karakter." in response.content.decode()
    assert not Agency.objects.exists()


def test_a_delegate_import_with_an_invisible_name_is_a_row_error(organiser_client):
    meeting = MeetingFactory()
    invitation = InvitationFactory(meeting=meeting)
    header = "nama,nip,jabatan,jenis_kelamin,telepon,surel,instansi"
    row = f"\u200b\u200b,,Kepala Seksi,P,081234567890,a@example.go.id,{invitation.agency.name}"
    data = f"{header}\n{row}\n".encode()

    response = organiser_client.post(
        reverse("meetings:registrations_import", args=[meeting.pk]),
        {"file": SimpleUploadedFile("peserta.csv", data)},
    )

    assert "Baris 2" in response.content.decode()
    assert "huruf atau angka yang terlihat" in response.content.decode()
    assert not Registration.objects.exists()
