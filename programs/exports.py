"""The alignment matrix as XLSX and as PDF (Indonesian always). Data from programs.matrix."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rakor.pdf import render_pdf
from rakor.spreadsheets import safe_cell


def _level(program):
    return str(program.get_level_display())


def matrix_xlsx(matrix):
    """The matrix as XLSX bytes: one row per target, one column per regency/city."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Matriks")[:31]
    sheet.append(
        [
            safe_cell(
                _("Matriks keselarasan program %(province)s tahun %(year)s")
                % {"province": matrix.province.name, "year": matrix.year}
            )
        ]
    )
    sheet["A1"].font = Font(bold=True)
    header = [_("Tingkat"), _("Instansi"), _("Program"), _("Indikator"), _("Satuan"), _("Target")]
    header += [r.name for r in matrix.regions] + [_("Jumlah kontribusi"), _("Alokasi (%)"), _("Catatan")]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for group in matrix.groups:
        program = group.program
        for row in group.rows:
            t = row.target
            notes = []
            if not row.supported:
                notes.append(_("belum didukung"))
            if row.unit_warning or any(c.unit_mismatch for c in row.cells):
                notes.append(_("ada satuan berbeda"))
            values = [
                _level(program),
                safe_cell(program.agency.short_name or program.agency.name),
                safe_cell(program.name),
                safe_cell(t.indicator),
                safe_cell(t.unit),
                t.value,
            ]
            values += [c.value if c.filled else None for c in row.cells]
            values += [row.total, row.allocation, "; ".join(notes)]
            sheet.append(values)
    sheet.column_dimensions["C"].width = 40
    sheet.column_dimensions["D"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def matrix_pdf(matrix, organiser=None):
    """The matrix as PDF bytes, A4 landscape, in Indonesian whatever the user's language."""
    with translation.override("id"):
        return render_pdf(
            "pdf/program_matrix.html",
            {"matrix": matrix, "organiser": organiser, "printed_at": timezone.localtime()},
        )
