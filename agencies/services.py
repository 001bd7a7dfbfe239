import csv
from pathlib import Path

from django.db import transaction

from agencies.models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(filename):
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


@transaction.atomic
def load_regions():
    """Load the Kemendagri region codes shipped in agencies/data into Region, idempotently.

    Inserts missing regions and updates the name, kind and parent of existing ones; never deletes
    (agencies point at regions). Returns the number of regions of each kind now present.
    """
    K = Region.Kind
    wanted = {}
    for row in _rows("wilayah_provinsi.csv"):
        wanted[row["kode"]] = (row["nama"], K.PROVINCE, None)
    for row in _rows("wilayah_kabkota.csv"):
        wanted[row["kode"]] = (row["nama"], row["jenis"], row["kode_provinsi"])
    for row in _rows("wilayah_kaltim_kecamatan.csv"):
        wanted[row["kode"]] = (row["nama"], K.DISTRICT, row["kode_kabkota"])
    for row in _rows("wilayah_kaltim_desa.csv"):
        wanted[row["kode"]] = (row["nama"], row["jenis"], row["kode_kecamatan"])

    existing = {r.code: r for r in Region.objects.all()}
    # Codes sort parents before children ("64" < "64.01" < "64.01.01"), so parents exist first.
    new, changed = [], []
    for code in sorted(wanted, key=lambda c: (c.count("."), c)):
        name, kind, parent = wanted[code]
        region = existing.get(code)
        if region is None:
            new.append(Region(code=code, name=name, kind=kind, parent_id=parent))
        elif (region.name, region.kind, region.parent_id) != (name, kind, parent):
            region.name, region.kind, region.parent_id = name, kind, parent
            changed.append(region)
    Region.objects.bulk_create(new, batch_size=500)
    Region.objects.bulk_update(changed, ["name", "kind", "parent"], batch_size=500)
    counts = {kind.label: 0 for kind in K}
    for kind, label in K.choices:
        counts[label] = Region.objects.filter(kind=kind).count()
    return counts
