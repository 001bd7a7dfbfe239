"""Demo programs of budget year 2019 (clearly demo figures): two national programs of the
Kemendagri village directorate, Kaltim's provincial programs following them, and contributions of
Kaltim's regencies/cities. Kabupaten Mahakam Ulu commits nothing, so the matrix shows that gap;
one provincial target has no support and one program is linked to nothing, for the same reason.

Safe to re-run: programs are matched by (agency, year, name), targets by (program, indicator).
"""

from decimal import Decimal

from django.db import transaction

from agencies.models import Agency
from programs.models import FundingSource, Nomenclature, Program, Target
from programs.nomenclature import load_bundled

YEAR = 2019
MINISTRY = "Ditjen Bina Pemdes Kemendagri"
PROVINCE = "DPMPD Kaltim"

IDM = "Desa berstatus mandiri atau maju (Indeks Desa Membangun) bertambah"
TRAINED = "Aparatur pemerintahan desa yang dilatih peningkatan kapasitas"
INSTITUTIONS = "Lembaga kemasyarakatan desa/kelurahan yang difasilitasi"
PROFILE = "Desa yang menyusun profil desa"

# (agency short name, nomenclature code, program name, budget, funding, parent program name,
#  [(indicator, unit, baseline, value, parent indicator)])
PROGRAMS = [
    (
        MINISTRY,
        "2.13.04",
        "Pembinaan Pemerintahan Desa (demo)",
        150_000_000_000,
        FundingSource.APBN,
        None,
        [(IDM, "desa", 11000, 5000, None), (TRAINED, "orang", None, 100000, None)],
    ),
    (
        MINISTRY,
        "2.13.05",
        "Pemberdayaan Lembaga Kemasyarakatan Desa (demo)",
        40_000_000_000,
        FundingSource.APBN,
        None,
        [(INSTITUTIONS, "lembaga", None, 20000, None)],
    ),
    (
        PROVINCE,
        "2.13.04",
        "Program Administrasi Pemerintahan Desa",
        4_500_000_000,
        FundingSource.APBD_PROVINCE,
        "Pembinaan Pemerintahan Desa (demo)",
        [
            (IDM, "desa", 58, 80, IDM),
            (TRAINED, "orang", 1500, 2400, TRAINED),
            (PROFILE, "desa", 300, 200, None),
        ],
    ),
    (
        PROVINCE,
        "2.13.05",
        "Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat",
        1_200_000_000,
        FundingSource.APBD_PROVINCE,
        "Pemberdayaan Lembaga Kemasyarakatan Desa (demo)",
        [(INSTITUTIONS, "lembaga", 120, 300, INSTITUTIONS)],
    ),
    (
        PROVINCE,
        "2.13.01",
        "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
        2_000_000_000,
        FundingSource.APBD_PROVINCE,
        None,
        [("Dokumen perencanaan dan laporan kinerja tersusun", "dokumen", 4, 6, None)],
    ),
]
# Regency contributions: (agency short name, desa, trained officials, institutions); None = nothing.
REGENCIES = [
    ("DPMD Paser", 12, 300, 30),
    ("DPMD Kukar", 25, 700, 80),
    ("DPMK Berau", 10, 350, None),
    ("DPMK Kubar", 12, 320, None),
    ("DPMD Kutim", 12, 400, None),
    ("DPMD PPU", 6, 180, None),
    ("DP3AKB Balikpapan", None, None, 40),
    ("Bag. Pemerintahan Setda Samarinda", None, None, 60),
    ("DPMPPA Bontang", None, None, 25),
    # DPMK Mahulu: no commitment in 2019 (the gap the matrix shows).
]


def _nomenclature(code, level):
    return Nomenclature.objects.for_year(YEAR).fitting(level).filter(code=code).first()


def _save(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save()
    return obj, False


def _program(agency, code, name, budget, funding, parent):
    program, _created = _save(
        Program,
        {"agency": agency, "fiscal_year": YEAR, "name": name},
        {
            "level": agency.level,
            "nomenclature": _nomenclature(code, agency.level),
            "budget": Decimal(budget),
            "funding_source": funding,
            "parent": parent,
        },
    )
    return program


def _target(program, indicator, unit, baseline, value, parent):
    target, _created = _save(
        Target,
        {"program": program, "indicator": indicator},
        {
            "unit": unit,
            "baseline": None if baseline is None else Decimal(baseline),
            "value": Decimal(value),
            "parent": parent,
        },
    )
    return target


@transaction.atomic
def load_demo() -> list[str]:
    """Load the 2019 demo programs; returns lines for the command to print."""
    if not Nomenclature.objects.exists():
        load_bundled()
    agencies = {
        a.short_name: a
        for a in Agency.objects.filter(short_name__in=[MINISTRY, PROVINCE] + [r[0] for r in REGENCIES])
    }
    if MINISTRY not in agencies or PROVINCE not in agencies:
        return []
    programs, targets = {}, {}
    for short, code, name, budget, funding, parent, rows in PROGRAMS:
        program = _program(agencies[short], code, name, budget, funding, programs.get(parent))
        programs[name] = program
        level = program.level
        for indicator, unit, baseline, value, parent_indicator in rows:
            parent_target = targets.get(("national", parent_indicator)) if parent_indicator else None
            targets[(level, indicator)] = _target(program, indicator, unit, baseline, value, parent_target)
    admin, institutions = programs[PROGRAMS[2][2]], programs[PROGRAMS[3][2]]
    for short, villages, trained, lembaga in REGENCIES:
        agency = agencies.get(short)
        if agency is None:
            continue
        if villages is not None:
            program = _program(
                agency,
                "2.13.04",
                "Program Administrasi Pemerintahan Desa",
                850_000_000 + villages * 10_000_000,
                FundingSource.APBD_REGENCY,
                admin,
            )
            _target(program, IDM, "desa", villages * 2, villages, targets[("provincial", IDM)])
            # Kutai Barat counts participants, not officials: the matrix warns about the unit.
            unit = "peserta" if short == "DPMK Kubar" else "orang"
            _target(program, TRAINED, unit, None, trained, targets[("provincial", TRAINED)])
        if lembaga is not None:
            program = _program(
                agency,
                "2.13.05",
                "Program Pemberdayaan Lembaga Kemasyarakatan",
                300_000_000,
                FundingSource.APBD_REGENCY,
                institutions,
            )
            _target(program, INSTITUTIONS, "lembaga", None, lembaga, targets[("provincial", INSTITUTIONS)])
    return [
        f"Program demo tahun {YEAR}: {Program.objects.filter(fiscal_year=YEAR).count()} program, "
        f"{Target.objects.filter(program__fiscal_year=YEAR).count()} target. "
        f"Matriks: http://127.0.0.1:8000/program/matriks/64/{YEAR}/"
    ]
