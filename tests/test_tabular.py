"""The shared row-by-row import planner: errors name the file's line, only valid rows are planned."""

from rakor.tabular import ImportRejected, plan_rows


def validate(row, error):
    if not row["nama"]:
        error("nama wajib diisi.")
    if row.get("nip") and len(row["nip"]) != 18:
        error("NIP terdiri atas 18 angka.")
    return row["nama"].upper()


def test_rows_with_problems_are_reported_by_line_and_only_the_others_are_planned():
    rows = [
        {"line": 2, "nama": "Siti"},
        {"line": 3, "nama": "", "nip": "123"},
        {"line": 4, "nama": "Budi"},
    ]

    planned, errors = plan_rows(rows, validate, lambda row, checked: (row["line"], checked))

    assert planned == [(2, "SITI"), (4, "BUDI")]
    assert errors == ["Baris 3: nama wajib diisi.", "Baris 3: NIP terdiri atas 18 angka."]


def test_a_rejected_import_lists_every_row_error():
    rejected = ImportRejected(["Baris 3: nama wajib diisi.", "Baris 5: surel x tidak sah."])

    assert str(rejected) == "Baris 3: nama wajib diisi.; Baris 5: surel x tidak sah."
