"""Downloads of a meeting's registrations: CSV and XLSX of the same columns (Unduh), the fixed
ones and then one per registration question of the meeting, in the questions' order."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rakor.spreadsheets import safe_row

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(questions):
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
        _("Peran"),
        _("Kode registrasi"),
        _("Terdaftar"),
        _("Registrasi ulang"),
        *(question.label for question in questions),
    ]


def _rows(meeting, registrations, questions):
    """One list per registration, its typed texts made safe (rakor.spreadsheets); times in the
    meeting's zone as "2018-04-24 08.05"; answers as text ("Ya", the option, "Berkas terlampir")."""

    def when(value):
        return timezone.localtime(value, meeting.tzinfo).strftime("%Y-%m-%d %H.%M") if value else ""

    by_id = {question.pk: question for question in questions}
    if questions:
        registrations = registrations.prefetch_related("answers")
    for number, registration in enumerate(registrations.iterator(chunk_size=500), start=1):
        agency = registration.agency
        given = {}
        for answer in registration.answers.all() if questions else ():
            answer.question = by_id[answer.question_id]
            given[answer.question_id] = answer.display()
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
            registration.get_role_display(),
            registration.checkin_code,
            when(registration.created_at),
            when(registration.checked_in_at),
            *(given.get(question.pk, "") for question in questions),
        ])


def _filename(meeting, extension):
    return f"pendaftaran-rapat-{meeting.pk}.{extension}"


class _Echo:
    def write(self, value):
        return value


def registrations_csv(meeting, registrations):
    """A streamed CSV (UTF-8 with BOM, so Excel opens Indonesian names correctly)."""
    writer = csv.writer(_Echo())
    questions = list(meeting.questions.all())

    def lines():
        yield "\ufeff"
        yield writer.writerow(safe_row(_header(questions)))
        for row in _rows(meeting, registrations, questions):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "csv")}"'
    return response


def registrations_xlsx(meeting, registrations):
    """An XLSX workbook with one sheet, a bold header row and frozen panes."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Pendaftaran")
    questions = list(meeting.questions.all())
    sheet.append(safe_row(_header(questions)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"  # a question's label is typed by an organiser: text, never a formula
    for row in _rows(meeting, registrations, questions):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
    sheet.freeze_panes = "A2"
    widths = [5, 30, 20, 30, 40, 25, 30, 16, 18, 14, 18, 18] + [30] * len(questions)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "xlsx")}"'
    return response
