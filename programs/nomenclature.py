"""Reading a nomenclature list (the bundled CSV or a staff upload) and storing it as an edition.

Columns (as in programs/data/nomenklatur_pmd.csv): code, level, name, authority, source, note.
A row whose note says UNVERIFIED / BELUM DIVERIFIKASI (or whose ``unverified`` column is 1/ya/true)
is stored with ``unverified=True`` and marked in the UI. Validation collects row errors and stores
nothing when any row is wrong.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import Nomenclature, NomenclatureEdition
from rakor import tabular

DATA_FILE = Path(__file__).resolve().parent / "data" / "nomenklatur_pmd.csv"
DEFAULT_REGULATION = "Permendagri 90/2019 dan pemutakhirannya (Kepmendagri 050-5889/2021)"
DEFAULT_YEAR = 2019
DEFAULT_NOTE = (
    "Disalin dari data turunan publik (lihat programs/data/SOURCES.md); harus diverifikasi ulang "
    "terhadap lampiran resmi/SIPD sebelum dipakai sebagai referensi final."
)
COLUMNS = ["code", "level", "name", "authority", "source", "note", "unverified"]
REQUIRED = ["code", "level", "name", "authority"]
MAX_ROWS = 20000
LEVEL_ALIASES = {
    "subkegiatan": "sub_kegiatan",
    "sub kegiatan": "sub_kegiatan",
    "sub_kegiatan": "sub_kegiatan",
}
CODE_RE = re.compile(r"^\d+(\.\d+)*$")
UNVERIFIED_RE = re.compile(r"UNVERIFIED|BELUM DIVERIFIKASI", re.IGNORECASE)
# How many dot-separated parts a code of each level has (kegiatan carry the authority digit).
PARTS = {"urusan": 1, "bidang": 2, "program": 3, "kegiatan": 5, "sub_kegiatan": 6}


def parent_code(code, level):
    parts = code.split(".")
    if level == "kegiatan":
        return ".".join(parts[:3])
    return ".".join(parts[:-1])


@dataclass
class NomenclaturePlan:
    rows: list = field(default_factory=list)  # cleaned dicts
    errors: list = field(default_factory=list)

    @property
    def unverified_count(self):
        return sum(1 for row in self.rows if row["unverified"])


def plan_rows(rows):
    """Validate {"line", column: text} rows; return a NomenclaturePlan (nothing written)."""
    plan = NomenclaturePlan()
    authorities = set(Nomenclature.Authority.values)
    seen = {}
    for row in rows:
        line, errors = row["line"], []
        code = row.get("code", "").strip()
        level = LEVEL_ALIASES.get(row.get("level", "").strip().lower(), row.get("level", "").strip().lower())
        authority = row.get("authority", "").strip().lower()
        name = row.get("name", "").strip()
        if not CODE_RE.match(code):
            errors.append(_("kode %(code)s tidak berbentuk angka bertitik (mis. 2.13.04).") % {"code": code})
        if level not in PARTS:
            errors.append(_("tingkat %(level)s tidak dikenal.") % {"level": level})
        elif CODE_RE.match(code) and len(code.split(".")) != PARTS[level]:
            errors.append(
                _("kode %(code)s tidak sesuai dengan tingkat %(level)s.") % {"code": code, "level": level}
            )
        if authority not in authorities:
            errors.append(
                _("kewenangan %(value)s tidak dikenal (provinsi, kabkota atau both).") % {"value": authority}
            )
        if not name:
            errors.append(_("nama wajib diisi."))
        key = (code, authority)
        if key in seen:
            errors.append(_("kode dan kewenangan sama dengan baris %(other)s.") % {"other": seen[key]})
        seen.setdefault(key, line)
        flag = row.get("unverified", "").strip().lower() in ("1", "ya", "true", "yes")
        note = row.get("note", "").strip()
        for message in errors:
            plan.errors.append(_("Baris %(line)s: %(message)s") % {"line": line, "message": message})
        if not errors:
            plan.rows.append(
                {
                    "line": line,
                    "code": code,
                    "level": level,
                    "name": name,
                    "authority": authority,
                    "source": row.get("source", "").strip()[:300],
                    "note": note,
                    "unverified": flag or bool(UNVERIFIED_RE.search(note)),
                }
            )
    codes = {row["code"] for row in plan.rows}
    for row in plan.rows:
        if row["level"] != "urusan" and parent_code(row["code"], row["level"]) not in codes:
            plan.errors.append(
                _("Baris %(line)s: induk %(parent)s dari kode %(code)s tidak ada di berkas.")
                % {"line": row["line"], "parent": parent_code(row["code"], row["level"]), "code": row["code"]}
            )
    return plan


class ImportRejected(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@transaction.atomic
def import_edition(rows, *, regulation, year, note=""):
    """Store the rows as the edition (regulation, year): all of them or none.

    Creates the edition if new; rows are matched by (code, authority) and updated in place, so
    running it again changes nothing. Parents are linked by code (a kegiatan's program is the one
    of the same authority, or of both). Raises ImportRejected with the row errors. Returns
    (edition, number of rows).
    """
    plan = plan_rows(rows)
    if plan.errors:
        raise ImportRejected(plan.errors)
    edition, _created = NomenclatureEdition.objects.get_or_create(
        regulation=regulation, year=year, defaults={"note": note}
    )
    existing = {(n.code, n.authority): n for n in edition.rows.all()}
    stored = {}
    for row in plan.rows:
        values = {k: row[k] for k in ("level", "name", "source", "note", "unverified")}
        item = existing.get((row["code"], row["authority"]))
        if item is None:
            item = Nomenclature.objects.create(
                edition=edition, code=row["code"], authority=row["authority"], **values
            )
        elif any(getattr(item, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(item, k, v)
            item.save()
        stored[(row["code"], row["authority"])] = item
    by_code = {}
    for (code, _authority), item in stored.items():
        by_code.setdefault(code, []).append(item)
    for item in stored.values():
        if item.level == "urusan":
            continue
        candidates = by_code[parent_code(item.code, item.level)]
        parent = next((c for c in candidates if c.authority == item.authority), None) or next(
            (c for c in candidates if c.authority == Nomenclature.Authority.BOTH), candidates[0]
        )
        if item.parent_id != parent.pk:
            item.parent = parent
            item.save(update_fields=["parent"])
    return edition, len(stored)


def read_upload(upload):
    """Rows of an uploaded CSV/XLSX list (rakor.tabular); raises tabular.ImportFileError."""
    return tabular.read_rows(upload, required=REQUIRED, known=COLUMNS, max_rows=MAX_ROWS)


def bundled_rows():
    with DATA_FILE.open(encoding="utf-8") as f:
        return [{"line": n, **row} for n, row in enumerate(csv.DictReader(f), start=2)]


def load_bundled():
    """Load programs/data/nomenklatur_pmd.csv as the default edition (idempotent)."""
    return import_edition(bundled_rows(), regulation=DEFAULT_REGULATION, year=DEFAULT_YEAR, note=DEFAULT_NOTE)
