"""Reading uploaded tables (CSV or XLSX) into plain rows, planning an import row by row, and
writing import templates.

Shared by the imports of agencies (agencies/imports.py, agencies/services.py) and of meeting
delegates (meetings/services/imports.py); each names its columns and validates the rows itself.
"""

import csv
import io
import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# An XLSX is a ZIP: 61 KB can unpack to half a million cells. These limits are checked from the
# ZIP directory and while reading, before a worker spends seconds and hundreds of MB on a file.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 50
MAX_CELL_CHARS = 1000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _not_xlsx():
    return _("Berkas ini bukan XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx.")


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, missing columns, too many rows."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ImportRejected(Exception):
    """Some rows are invalid; nothing was imported. ``errors`` lists them, one message per problem."""

    def __init__(self, errors):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class LongNumber(str):
    """A number cell too long for Excel's 15 significant digits: its last digits may be wrong."""


def check_size(upload, max_bytes=MAX_UPLOAD_BYTES):
    """Raise ImportFileError when the upload is larger than ``max_bytes``."""
    if upload.size > max_bytes:
        raise ImportFileError(
            _("Berkas terlalu besar: paling besar %(size)s.") % {"size": filesizeformat(max_bytes)}
        )


def normalise_column(name):
    """'Nama Singkat ' -> 'nama_singkat': header cells compared case- and space-insensitively."""
    return str(name or "").strip().lower().replace(" ", "_")


def read_rows(upload, *, required, known, max_rows, max_bytes=MAX_UPLOAD_BYTES):
    """Read an uploaded file into a list of {"line": n, column: text} dicts (line 1 is the header).

    The type is decided by the content, not the name: an XLSX file is a ZIP archive that openpyxl
    can open, a CSV file is UTF-8 text without NUL bytes. Column names are matched case-insensitively
    and columns not in ``known`` are ignored; blank lines are skipped. A row whose number cell was too
    long for Excel lists those columns under "long_numbers". Raises ImportFileError naming what is
    wrong (too big, unreadable, the ``required`` columns that are missing, more than ``max_rows``).
    """
    check_size(upload, max_bytes)
    data = upload.read()
    if data.startswith(b"PK\x03\x04"):
        header, body = _read_xlsx(data, max_rows)
    elif upload.name.lower().endswith((".xlsx", ".xls")):
        raise ImportFileError(_not_xlsx())
    else:
        header, body = _read_csv(data)

    columns = [normalise_column(name) for name in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(columns)s. Tidak ada yang diimpor.") % {"columns": ", ".join(missing)}
        )
    if len([name for name in columns if name]) > MAX_COLUMNS:
        raise ImportFileError(
            _("Berkas memuat lebih dari %(max)s kolom; hapus kolom yang tidak dipakai.")
            % {"max": MAX_COLUMNS}
        )
    known_columns = [(i, name) for i, name in enumerate(columns) if name in known]
    rows = []
    for line, values in enumerate(body, start=2):
        cells = ["" if v is None else str(v).strip() for v in values[:MAX_COLUMNS]]
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise ImportFileError(
                _("Baris %(line)s memuat isian lebih dari %(max)s karakter.")
                % {"line": line, "max": f"{MAX_CELL_CHARS:,}".replace(",", ".")}
            )
        if not any(cells):
            continue  # blank lines at the end of a sheet are common and mean nothing
        row = {"line": line}
        for i, name in known_columns:
            row[name] = cells[i] if i < len(cells) else ""
            if i < len(values) and isinstance(values[i], LongNumber):
                row.setdefault("long_numbers", []).append(name)
        rows.append(row)
        if len(rows) > max_rows:
            raise ImportFileError(
                _("Berkas memuat lebih dari %(max)s baris; bagi menjadi beberapa berkas.") % {"max": max_rows}
            )
    if not rows:
        raise ImportFileError(_("Berkas tidak memuat baris data di bawah baris nama kolom."))
    return rows


def long_number_error(column):
    """The row error for a cell Excel stored as a number too long to keep its digits (LongNumber)."""
    return _(
        "%(column)s tersimpan sebagai angka di Excel sehingga digit akhirnya bisa berubah; "
        "format kolom itu sebagai Teks lalu ketik ulang."
    ) % {"column": column}


def plan_rows(rows, validate, plan):
    """Validate every row, collecting its problems, and plan the rows that have none.

    ``validate(row, error)`` checks one row, calls ``error(message)`` once per problem and returns
    what it checked (anything); ``plan(row, checked)`` is called only for a row without errors, in
    file order, and returns its planned outcome. Returns ``(planned, errors)``; each error reads
    "Baris 3: <message>", so a user finds the line in the file.
    """
    planned, errors = [], []
    for row in rows:
        row_errors = []

        def error(message, line=row["line"], row_errors=row_errors):
            row_errors.append(_("Baris %(line)s: %(message)s") % {"line": line, "message": message})

        checked = validate(row, error)
        if row_errors:
            errors.extend(row_errors)
        else:
            planned.append(plan(row, checked))
    return planned, errors


def _read_csv(data):
    if b"\x00" in data:
        raise ImportFileError(_("Berkas ini bukan CSV (teks). Unggah berkas .csv atau .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("Berkas CSV harus berenkode UTF-8. Di Excel pilih “CSV UTF-8” saat menyimpan.")
        ) from None
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings writes semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Berkas kosong.")) from None
    try:
        return header, list(reader)
    except csv.Error:
        raise ImportFileError(_("Berkas CSV tidak dapat dibaca.")) from None


def _check_unpacked_size(data):
    """Refuse an XLSX whose parts unpack to more than MAX_UNPACKED_BYTES, from the ZIP directory
    alone (the sizes a ZIP declares are what zipfile enforces while unpacking)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(_not_xlsx()) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Isi berkas XLSX terlalu besar setelah dibuka (paling besar %(size)s); "
                "kurangi baris atau kolomnya."
            )
            % {"size": filesizeformat(MAX_UNPACKED_BYTES)}
        )


def _read_xlsx(data, max_rows):
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    unreadable = _not_xlsx()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError…) for a broken file
        raise ImportFileError(unreadable) from None
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        header = next(values, None)
        if header is None:
            raise ImportFileError(_("Berkas kosong."))
        body = []
        for row in values:
            body.append([_cell_text(v) for v in row])
            if len(body) > max_rows + 1000:  # stop reading far past the limit; read_rows reports it
                break
        return header, body
    except ImportFileError:
        raise
    except Exception:  # broken sheet XML surfaces only while reading rows
        raise ImportFileError(unreadable) from None
    finally:
        workbook.close()


def _cell_text(value):
    # Excel turns codes and NIPs into numbers; a whole float must not come back as "6401.0".
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10**15:
        return LongNumber(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def template_csv(columns, example):
    """An import template as CSV bytes (UTF-8 with BOM, so Excel shows the letters right)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerow(example)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(columns, example, *, sheet_title):
    """An import template as XLSX bytes, every cell as text so codes and NIPs keep their digits."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(columns)
    sheet.append([example[c] for c in columns])
    for row in sheet.iter_rows():
        for cell in row:
            cell.number_format = "@"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(14, len(example[column]) + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
