"""Reading agency import files (CSV or XLSX) into plain rows; validation lives in services."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

# kode_wilayah must be present as a column, but may be empty in a row (a national agency).
REQUIRED_COLUMNS = ["nama", "kode_wilayah"]
COLUMNS = ["nama", "nama_singkat", "kode_wilayah", "alamat", "telepon", "surel", "nama_kepala",
           "jabatan_kepala", "nip_kepala"]
# Which Agency field each column fills.
FIELD_OF_COLUMN = {
    "nama": "name",
    "nama_singkat": "short_name",
    "kode_wilayah": "region",
    "alamat": "address",
    "telepon": "phone",
    "surel": "email",
    "nama_kepala": "head_name",
    "jabatan_kepala": "head_title",
    "nip_kepala": "head_nip",
}
MAX_ROWS = 5000
EXAMPLE_ROW = {
    "nama": "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser",
    "nama_singkat": "DPMD Paser",
    "kode_wilayah": "64.01",
    "alamat": "Jalan Jenderal Sudirman, Tana Paser",
    "telepon": "0543 21000",
    "surel": "dpmd@example.go.id",
    "nama_kepala": "Contoh Nama Kepala",
    "jabatan_kepala": "Kepala Dinas",
    "nip_kepala": "197001011990031001",
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, missing columns, too many rows."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_rows(upload):
    """Read an uploaded file into a list of {"line": n, column: text} dicts (line 1 is the header).

    The type is decided by the content, not the name: an XLSX file is a ZIP archive that openpyxl
    can open, a CSV file is UTF-8 text without NUL bytes. Column names are matched case-insensitively
    and unknown columns are ignored. Raises ImportFileError naming what is wrong.
    """
    data = upload.read()
    if data.startswith(b"PK\x03\x04"):
        header, body = _read_xlsx(data)
    elif upload.name.lower().endswith((".xlsx", ".xls")):
        raise ImportFileError(_("Berkas ini bukan XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx."))
    else:
        header, body = _read_csv(data)

    columns = [str(name or "").strip().lower().replace(" ", "_") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(columns)s. Tidak ada yang diimpor.") % {"columns": ", ".join(missing)}
        )
    known = [(i, name) for i, name in enumerate(columns) if name in FIELD_OF_COLUMN]
    rows = []
    for line, values in enumerate(body, start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue  # blank lines at the end of a sheet are common and mean nothing
        row = {"line": line}
        for i, name in known:
            row[name] = cells[i] if i < len(cells) else ""
            if i < len(values) and isinstance(values[i], LongNumber):
                row.setdefault("long_numbers", []).append(name)
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("Berkas memuat lebih dari %(max)s baris; bagi menjadi beberapa berkas.") % {"max": MAX_ROWS}
            )
    if not rows:
        raise ImportFileError(_("Berkas tidak memuat baris data di bawah baris nama kolom."))
    return rows


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


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(
            _("Berkas ini bukan XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise ImportFileError(_("Berkas kosong."))
        body = []
        for row in values:
            body.append([_cell_text(v) for v in row])
            if len(body) > MAX_ROWS + 1000:  # stop reading far past the limit; read_rows reports it
                break
        return header, body
    finally:
        workbook.close()


class LongNumber(str):
    """A number cell too long for Excel's 15 significant digits: its last digits may be wrong."""


def _cell_text(value):
    # Excel turns codes and NIPs into numbers; a whole float must not come back as "6401.0".
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10**15:
        return LongNumber(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def template_csv():
    """The import template as CSV bytes (UTF-8 with BOM, so Excel shows the letters right)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx():
    """The import template as XLSX bytes, every cell as text so codes and NIPs keep their digits."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "instansi"
    sheet.append(COLUMNS)
    sheet.append([EXAMPLE_ROW[c] for c in COLUMNS])
    for row in sheet.iter_rows():
        for cell in row:
            cell.number_format = "@"
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(14, len(EXAMPLE_ROW[column]) + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
