"""Demo agencies and users: the Kaltim organiser, the village-empowerment agency of each of Kaltim's
10 regencies/cities, Bappeda, a ministry directorate, and one user per role.

The agency names are plausible demo names written by hand (regency agencies are named differently
from one another; they are never derived from the region). Heads and NIPs are clearly fictional.
Safe to re-run: rows are matched by natural keys and saved only when something differs, so a
second run adds no rows and no history entries.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from agencies.models import Agency, Membership, Region
from agencies.services import load_regions
from documents.models import NumberingRule
from rakor import roles

DEMO_PASSWORD = "demo12345"

ORGANISER = {
    "name": "Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa Provinsi Kalimantan Timur",
    "short_name": "DPMPD Kaltim",
    "region": "64",
    "address": "Jalan M.T. Haryono, Samarinda, Kalimantan Timur",
    "phone": "(0541) 000000",
    "email": "dpmpd@demo.kaltimprov.go.id",
    "head_name": "Contoh Kepala Dinas, S.STP., M.Si. (demo)",
    "head_title": "Kepala Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa",
    "head_rank": "Pembina Utama Muda (IV/c)",
    "head_nip": "197001011990031001",
    "is_organiser": True,
    "letterhead": "\n".join(
        [
            "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            "DINAS PEMBERDAYAAN MASYARAKAT DAN PEMERINTAHAN DESA",
            "Jalan M.T. Haryono, Samarinda, Kalimantan Timur",
            "Telepon (0541) 000000 · Surel dpmpd@demo.kaltimprov.go.id",
        ]
    ),
}

# (region code, name, short name): one village-empowerment agency per Kaltim regency/city.
REGENCY_AGENCIES = [
    ("64.01", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser", "DPMD Paser"),
    ("64.02", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai Kartanegara", "DPMD Kukar"),
    ("64.03", "Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau", "DPMK Berau"),
    ("64.07", "Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Kutai Barat", "DPMK Kubar"),
    ("64.08", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai Timur", "DPMD Kutim"),
    ("64.09", "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Penajam Paser Utara", "DPMD PPU"),
    ("64.11", "Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Mahakam Ulu", "DPMK Mahulu"),
    # The cities have kelurahan, not desa: community empowerment sits in other offices.
    (
        "64.71",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Pemberdayaan Masyarakat Kota Balikpapan",
        "DP3AKB Balikpapan",
    ),
    ("64.72", "Bagian Pemerintahan Sekretariat Daerah Kota Samarinda", "Bag. Pemerintahan Setda Samarinda"),
    (
        "64.74",
        "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Bontang",
        "DPMPPA Bontang",
    ),
]

OTHERS = [
    {
        "name": "Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur",
        "short_name": "Bappeda Kaltim",
        "region": "64",
        "address": "Jalan Kesuma Bangsa, Samarinda",
    },
    {
        "name": "Direktorat Jenderal Bina Pemerintahan Desa, Kementerian Dalam Negeri",
        "short_name": "Ditjen Bina Pemdes Kemendagri",
        "region": None,
        "address": "Jakarta",
    },
]

KUKAR = "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai Kartanegara"

# (username, first name, last name, group, label)
USERS = [
    ("penyelenggara", "Rina", "Wulandari (demo)", roles.ORGANISER, roles.ROLE_LABELS[roles.ORGANISER]),
    ("notulis", "Dedi", "Kurniawan (demo)", roles.NOTE_TAKER, roles.ROLE_LABELS[roles.NOTE_TAKER]),
    ("petugas", "Sari", "Handayani (demo)", roles.CHECKIN_CLERK, roles.ROLE_LABELS[roles.CHECKIN_CLERK]),
    ("koordinator", "Agus", "Pratama (demo)", roles.COORDINATOR, roles.ROLE_LABELS[roles.COORDINATOR]),
]


def _save_agency(values):
    """Create the agency, or update it only where it differs (so re-runs write no history)."""
    values = dict(values)
    region_code = values.pop("region")
    region = Region.objects.get(code=region_code) if region_code else None
    agency = Agency.objects.filter(name__iexact=values["name"], region=region).first()
    if agency is None:
        return Agency.objects.create(region=region, **values)
    changed = [name for name, value in values.items() if getattr(agency, name) != value]
    if changed:
        for name in changed:
            setattr(agency, name, values[name])
        agency.save()
    return agency


def _save_user(username, first_name, last_name, *, superuser=False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@demo.rakor.id"},
    )
    # The demo password is reset on every run: "the demo logins" must always work.
    if created or not user.check_password(DEMO_PASSWORD) or user.is_superuser != superuser:
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
    return user


# Letter numbers of the organiser's issued documents (DOCUMENTS.md section 7): classification code,
# sequence, unit code. The codes are examples, as DOCUMENTS.md marks them unverified.
DEMO_NUMBERING = {
    "notula": "000.1.5/{seq}/DPMPD-II",
    "berita_acara": "400.10.2.2/{seq}/DPMPD-II",
    "sertifikat": "400.10.2.1/{seq}/DPMPD-II",
}


def _numbering_rules(organiser):
    for kind, pattern in DEMO_NUMBERING.items():
        NumberingRule.objects.get_or_create(
            kind=kind, issuer_key=f"agency-{organiser.pk}", defaults={"pattern": pattern}
        )


def load_demo():
    """The demo hook of ``manage.py load_demo``: create the demo, return the login lines to print."""
    return [f"  {username:<16} {password:<16} {role}" for username, password, role in create_demo()]


@transaction.atomic
def create_demo():
    """Create the demo agencies and users (loading the regions first if they are missing).

    Returns [(username, password, role label)].
    """
    if not Region.objects.filter(code="64").exists():
        load_regions()
    organiser = _save_agency(ORGANISER)
    agencies = {}
    for code, name, short_name in REGENCY_AGENCIES:
        # An address per agency, so "send to all" works in the demo (mail goes to the console).
        email = "{}@demo.kaltimprov.go.id".format(".".join(short_name.lower().replace(".", " ").split()))
        values = {"name": name, "short_name": short_name, "region": code, "email": email}
        agencies[name] = _save_agency(values)
    for values in OTHERS:
        _save_agency(values)
    _numbering_rules(organiser)

    logins = []
    for username, first_name, last_name, group, label in USERS:
        user = _save_user(username, first_name, last_name)
        user.groups.add(Group.objects.get(name=group))
        agency, role = (
            (agencies[KUKAR], Membership.Role.COORDINATOR)
            if group == roles.COORDINATOR
            else (organiser, Membership.Role.STAFF)
        )
        Membership.objects.get_or_create(user=user, agency=agency, defaults={"role": role})
        logins.append((username, DEMO_PASSWORD, str(label)))
    _save_user("admin", "Admin", "Rakor", superuser=True)
    logins.append(("admin", DEMO_PASSWORD, "Admin (superuser)"))
    return logins
