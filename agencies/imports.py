"""The columns of agency import files; reading them is rakor.tabular's, validation services'."""

from rakor import tabular
from rakor.tabular import ImportFileError, LongNumber  # noqa: F401  (the agency views catch it here)

# kode_wilayah must be present as a column, but may be empty in a row (a national agency).
REQUIRED_COLUMNS = ["nama", "kode_wilayah"]
COLUMNS = [
    "nama",
    "nama_singkat",
    "kode_wilayah",
    "alamat",
    "telepon",
    "surel",
    "nama_kepala",
    "jabatan_kepala",
    "nip_kepala",
]
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


def read_rows(upload):
    """Read an uploaded agency file into {"line": n, column: text} rows (see rakor.tabular.read_rows)."""
    return tabular.read_rows(upload, required=REQUIRED_COLUMNS, known=FIELD_OF_COLUMN, max_rows=MAX_ROWS)


def template_csv():
    """The agency import template as CSV bytes."""
    return tabular.template_csv(COLUMNS, EXAMPLE_ROW)


def template_xlsx():
    """The agency import template as XLSX bytes."""
    return tabular.template_xlsx(COLUMNS, EXAMPLE_ROW, sheet_title="instansi")
