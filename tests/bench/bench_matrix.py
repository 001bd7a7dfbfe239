"""Budget: the alignment matrix of one province renders in under 100 ms at the median, at national scale.

Data (PostgreSQL, fresh database): the Kemendagri regions (38 provinces, 514 regencies/cities), one
agency per province and per regency/city plus a ministry, and for fiscal year 2027 about 10,000
targets: 100 national targets, 40 per province (each supporting a national one) and 16 per
regency/city (each supporting one of its province's). First only Kaltim's share is built and its
matrix timed; then the rest of the country is added and the same matrix timed again. The figure
should not grow with the other provinces' data.

Run: .venv/bin/python tests/bench/bench_matrix.py [runs]
"""

import sys
from decimal import Decimal

from common import analyze, machine, setup, summary, timed_ms

BUDGET_MS = 100
YEAR = 2027
NATIONAL, PER_PROVINCE, PER_REGENCY = 100, 40, 16


def build(province_codes):
    """Agencies, programs and targets of ``province_codes`` (and the national level, once)."""
    from agencies.models import Agency, Level, Region
    from programs.models import Nomenclature, Program, Target

    code = Nomenclature.objects.filter(code="2.13.04").get()
    national = list(Target.objects.filter(program__level=Level.NATIONAL))
    if not national:
        ministry = Agency.objects.create(name="Kementerian (bench)")
        program = Program.objects.create(
            agency=ministry, level=Level.NATIONAL, fiscal_year=YEAR, nomenclature=code, name="Nasional"
        )
        national = Target.objects.bulk_create(
            Target(program=program, indicator=f"Nasional {i}", unit="desa", value=Decimal(1000))
            for i in range(NATIONAL)
        )
    made = 0
    for province in Region.objects.filter(code__in=province_codes):
        agency = Agency.objects.create(name=f"Dinas PMD {province.name} (bench)", region=province)
        program = Program.objects.create(
            agency=agency, level=Level.PROVINCIAL, fiscal_year=YEAR, nomenclature=code, name="Provinsi"
        )
        upper = Target.objects.bulk_create(
            Target(
                program=program,
                indicator=f"Provinsi {i}",
                unit="desa",
                value=Decimal(100),
                parent=national[i % NATIONAL],
            )
            for i in range(PER_PROVINCE)
        )
        made += len(upper)
        regencies = Region.objects.filter(parent=province, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])
        for regency in regencies:
            agency = Agency.objects.create(name=f"DPMD {regency.name} (bench)", region=regency)
            program = Program.objects.create(
                agency=agency,
                level=Level.REGENCY,
                fiscal_year=YEAR,
                nomenclature=code,
                name="Kab/Kota",
                parent=upper[0].program,
            )
            made += len(
                Target.objects.bulk_create(
                    Target(
                        program=program,
                        indicator=f"Kab {i}",
                        unit="desa",
                        value=Decimal(i),
                        parent=upper[i % PER_PROVINCE],
                    )
                    for i in range(PER_REGENCY)
                )
            )
    return made


def time_matrix(client, runs, label):
    from django.urls import reverse

    url = reverse("programs:matrix", args=["64", YEAR])

    def fetch():
        response = client.get(url)
        assert response.status_code == 200

    return summary(label, timed_ms(fetch, runs), BUDGET_MS)


def main(runs=30):
    setup()
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from agencies.models import Region
    from programs.models import Target
    from programs.nomenclature import load_bundled
    from rakor import roles

    load_bundled()
    user = User.objects.create_user("bench-organiser")
    user.groups.add(Group.objects.get(name=roles.ORGANISER))
    client = Client()
    client.force_login(user)

    build(["64"])
    analyze()
    print(f"Kaltim only: {Target.objects.count()} targets")
    met_small = time_matrix(client, runs, "matrix 64 (Kaltim data only)")

    others = list(Region.objects.provinces().exclude(code="64").values_list("code", flat=True))
    build(others)
    analyze()
    regencies = Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).count()
    print(f"National: {Target.objects.count()} targets, {regencies} regencies/cities")
    met_large = time_matrix(client, runs, "matrix 64 (national data)")
    print(machine())
    return 0 if met_small and met_large else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
