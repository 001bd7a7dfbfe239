"""Demo programs of budget year 2019 (clearly demo figures): two national programs of the
Kemendagri village directorate, Kaltim's provincial programs following them, and contributions of
Kaltim's regencies/cities. Kabupaten Mahakam Ulu commits nothing, so the matrix shows that gap;
one provincial target has no support and one program is linked to nothing, for the same reason.

At the 2018 rakor four regencies/cities sign their 2019 targets and the berita acara is issued;
some 2019 targets report realisation; a kiprah desa visit to Kabupaten Berau records aspirations
linked to programs.

Safe to re-run: programs are matched by (agency, year, name), targets by (program, indicator);
agreements, the berita acara, realisation, the visit and its aspirations are made once.
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
    lines = [
        f"Program demo tahun {YEAR}: {Program.objects.filter(fiscal_year=YEAR).count()} program, "
        f"{Target.objects.filter(program__fiscal_year=YEAR).count()} target. "
        f"Matriks: http://127.0.0.1:8000/program/matriks/64/{YEAR}/"
    ]
    lines += _agreements(agencies)
    lines += _realisation(agencies)
    lines += _aspirations(agencies, programs)
    return lines


SIGNERS = [
    ("DPMD Paser", "Drs. Andi Rahman, M.Si. (demo)", "196805121994031007"),
    ("DPMD Kukar", "Hj. Siti Rahmawati, S.Sos., M.AP. (demo)", "197102141996032004"),
    ("DPMK Berau", "Yohanes Lete, S.STP. (demo)", "197507072001121002"),
    ("Bag. Pemerintahan Setda Samarinda", "Muhammad Ridwan, S.H. (demo)", "197903032005011003"),
]


def _agreements(agencies):
    from django.contrib.auth import get_user_model

    from documents.services import SigningError
    from meetings import demo as meetings_demo
    from meetings.models import Meeting
    from programs.agreements import berita_acara_documents, issue_berita_acara, sign_agreement
    from programs.models import Agreement

    rakor = Meeting.objects.filter(title=meetings_demo.RAKOR_TITLE).first()
    if rakor is None:
        return []
    organiser = get_user_model().objects.filter(username="penyelenggara").first()
    for short, name, nip in SIGNERS:
        agency = agencies.get(short)
        if (
            agency is None
            or Agreement.objects.filter(meeting=rakor, agency=agency, fiscal_year=YEAR).exists()
        ):
            continue
        agreement = sign_agreement(
            rakor,
            agency,
            YEAR,
            signatory_name=name,
            title=agency.head_title or f"Kepala {agency.name}",
            nip=nip,
            by=organiser,
        )
        # Dated on the day of the rakor, not on the day the demo is loaded.
        Agreement.objects.filter(pk=agreement.pk).update(signed_at=rakor.end)
    document = berita_acara_documents(rakor).first()
    if document is None:
        try:
            document = issue_berita_acara(rakor, by=organiser)
        except SigningError as error:
            return [f"Berita acara kesepakatan tidak diterbitkan: {error}"]
    return [
        f"Berita acara kesepakatan diterbitkan: {document.number} (http://127.0.0.1:8000/program/kesepakatan/{rakor.pk}/)"
    ]


# (agency short name, indicator, [(period, value, budget spent)])
REALISATION = [
    ("DPMD Paser", IDM, [("tw2", 4, 150_000_000), ("tw4", 11, 620_000_000)]),
    ("DPMD Paser", TRAINED, [("sm1", 120, 90_000_000), ("sm2", 310, 210_000_000)]),
    ("DPMD Kukar", IDM, [("tw1", 3, 80_000_000), ("tw2", 9, 240_000_000), ("tw3", 16, 500_000_000)]),
    ("DPMK Berau", IDM, [("tahun", 7, 400_000_000)]),
    ("Bag. Pemerintahan Setda Samarinda", INSTITUTIONS, [("sm1", 35, 60_000_000)]),
]


def _realisation(agencies):
    from programs.models import Realization
    from programs.realization import report_realization

    for short, indicator, reports in REALISATION:
        agency = agencies.get(short)
        target = Target.objects.filter(
            program__agency=agency, program__fiscal_year=YEAR, indicator=indicator
        ).first()
        if target is None:
            continue
        for period, value, spent in reports:
            if Realization.objects.filter(target=target, period=period).exists():
                continue
            report_realization(
                target,
                period,
                value=Decimal(value),
                budget_spent=Decimal(spent),
                evidence_note="Laporan realisasi (demo)",
            )
    count = Realization.objects.filter(target__program__fiscal_year=YEAR).count()
    return [f"Realisasi demo {YEAR}: {count} laporan."] if count else []


VISIT_TITLE = "Kiprah Desa: Kunjungan Monitoring ke Kampung-kampung Kecamatan Talisayan, Kabupaten Berau 2019"
# (village code, field, text, status, reason, program names)
ASPIRATIONS = [
    (
        "64.03.02.2002",
        "pembangunan",
        "Perbaikan jalan usaha tani menuju kebun kelapa sawit warga kampung.",
        "dikaji",
        "",
        [],
    ),
    (
        "64.03.02.2003",
        "pemerintahan",
        "Pelatihan aparatur kampung untuk penyusunan profil dan administrasi kampung.",
        "diakomodasi",
        "",
        ["Program Administrasi Pemerintahan Desa"],
    ),
    (
        "64.03.02.2014",
        "ekonomi",
        "Pendampingan BUMKampung dalam pengelolaan usaha air bersih.",
        "diterima",
        "",
        ["Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat"],
    ),
    (
        "64.03.02.2015",
        "pembangunan",
        "Pembangunan dermaga perahu nelayan di tepi kampung.",
        "tidak_diakomodasi",
        "Kewenangan dinas perhubungan kabupaten; diteruskan ke Bappeda Berau.",
        [],
    ),
]


def _aspirations(agencies, programs):
    import datetime

    from agencies.models import Region
    from meetings.models import Meeting
    from programs.aspirations import save_aspiration
    from programs.models import Aspiration

    organiser = agencies.get(PROVINCE)
    visit = Meeting.objects.filter(title=VISIT_TITLE).first()
    if visit is None:
        from meetings.services.agenda import create_meeting

        wita = datetime.timezone(datetime.timedelta(hours=8))
        visit = create_meeting(
            kind=Meeting.Kind.KIPRAH_DESA,
            title=VISIT_TITLE,
            organiser=organiser,
            fiscal_year=2020,
            start=datetime.datetime(2019, 7, 16, 8, 0, tzinfo=wita),
            end=datetime.datetime(2019, 7, 17, 15, 0, tzinfo=wita),
            venue="Balai Kampung Dumaring",
            address="Kecamatan Talisayan",
            city=Region.objects.filter(code="64.03").first(),
        )
    if visit.aspirations.exists():
        return [f"Kunjungan kiprah desa dengan {visit.aspirations.count()} aspirasi."]
    berau = agencies.get("DPMK Berau")
    for code, field, text, status, reason, names in ASPIRATIONS:
        village = Region.objects.filter(code=code).first()
        if village is None:
            continue
        linked = Program.objects.filter(fiscal_year=YEAR, name__in=names, agency__in=[berau, organiser])
        save_aspiration(
            Aspiration(meeting=visit, village=village, field=field, text=text, status=status, reason=reason),
            programs=list(linked),
        )
    return [f"Kunjungan kiprah desa dengan {visit.aspirations.count()} aspirasi."]
