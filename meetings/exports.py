"""Downloads of a meeting's registrations: CSV and XLSX of the same columns (Unduh)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from rakor.spreadsheets import safe_row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header():
    return [
        pgettext("nomor urut", "No"),
        _("Nama"),
        _("NIP"),
        _("Jabatan"),
        pgettext("label isian/kolom", "Instansi"),
        _("Wilayah"),
        _("Surel"),
        _("Nomor HP"),
        _("Status"),
        _("Kode registrasi"),
        _("Terdaftar"),
        _("Registrasi ulang"),
    ]


def _rows(meeting, registrations):
    """One list per registration, its typed texts made safe (rakor.spreadsheets); times in the
    meeting's zone as "2018-04-24 08.05"."""

    def when(value):
        return timezone.localtime(value, meeting.tzinfo).strftime("%Y-%m-%d %H.%M") if value else ""

    for number, registration in enumerate(registrations.iterator(chunk_size=500), start=1):
        agency = registration.agency
        yield safe_row([
            number,
            registration.full_name,
            registration.nip,
            registration.position,
            agency.name,
            agency.region.name if agency.region_id else "",
            registration.email,
            registration.phone,
            registration.get_status_display(),
            registration.checkin_code,
            when(registration.created_at),
            when(registration.checked_in_at),
        ])


def _filename(meeting, extension):
    return f"pendaftaran-rapat-{meeting.pk}.{extension}"


class _Echo:
    def write(self, value):
        return value


def registrations_csv(meeting, registrations):
    """A streamed CSV (UTF-8 with BOM, so Excel opens Indonesian names correctly)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        yield writer.writerow(_header())
        for row in _rows(meeting, registrations):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "csv")}"'
    return response


def registrations_xlsx(meeting, registrations):
    """An XLSX workbook with one sheet, a bold header row and frozen panes."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Pendaftaran")
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(meeting, registrations):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKL", [5, 30, 20, 30, 40, 25, 30, 16, 18, 14, 18, 18], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "xlsx")}"'
    return response
