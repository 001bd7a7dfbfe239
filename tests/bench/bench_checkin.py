"""Issue 4: the check-in lookup by code (indexed) and the name search, at 2,000 and 20,000 registrations.

Data (PostgreSQL, fresh database): two published meetings, one with 2,000 and one with 20,000
registrations (bulk_create, spread over 100 and 1,000 invited agencies), ANALYZEd. For each meeting:
the lookup itself (meetings.services.checkin.search, the desk's query, with the database round trip) and the
whole desk page (Django test Client, DEBUG off), each 200 times after a warm-up. The EXPLAIN plan of
the code lookup is printed too.

Run: .venv/bin/python tests/bench/bench_checkin.py [runs]
"""

import random
import sys

from common import analyze, bulk_registrations, machine, published_meeting, setup, summary, timed_ms
from django.urls import reverse

BUDGET_MS = 100


def main(runs=200):
    setup()
    from django.test import Client

    from agencies.models import Agency, Level, Region
    from meetings.models import Registration
    from meetings.services import checkin
    from rakor import roles
    from tests.factories import UserFactory

    regencies = list(Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]))
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Dinas Uji {n:04d}", region=regencies[n % len(regencies)], level=Level.REGENCY)
        for n in range(1000)
    )
    meetings = {}
    for size, invited in ((2000, 100), (20000, 1000)):
        meeting = published_meeting(items=5)
        bulk_registrations(meeting, size, agencies[:invited], name=f"Delegasi{size}")
        meetings[size] = meeting
    analyze()
    clerk = UserFactory(username="bench-clerk", roles=[roles.CHECKIN_CLERK])
    client = Client()
    client.force_login(clerk)
    print(machine(), flush=True)
    print(f"data: {Registration.objects.count()} registrations in 2 meetings (2,000 and 20,000)", flush=True)

    rng = random.Random(4)
    all_met = True
    for size, meeting in meetings.items():
        codes = list(Registration.objects.filter(meeting=meeting).values_list("checkin_code", flat=True))
        print(f"-- {size} registrations; plan of the code lookup:", flush=True)
        plan = Registration.objects.filter(meeting=meeting, checkin_code=codes[0]).explain()
        print("   " + plan.replace("\n", "\n   "), flush=True)

        def by_code(meeting=meeting, codes=codes):
            assert len(checkin.search(meeting, rng.choice(codes))) == 1

        def by_name(meeting=meeting):
            # A surname shared by one delegate in fifteen: the desk shows the first 20 matches.
            assert checkin.search(meeting, "Santoso")

        def by_full_name(meeting=meeting, size=size):
            n = rng.randrange(size)
            assert checkin.search(meeting, f"Delegasi{size} {n:05d}")

        def desk(meeting=meeting, codes=codes, query=None):
            url = reverse("meetings:checkin_desk", args=[meeting.pk])
            response = client.get(url, {"q": query or rng.choice(codes)})
            assert response.status_code == 200

        all_met &= summary(f"lookup by code, n={size}", timed_ms(by_code, runs), BUDGET_MS)
        all_met &= summary(f"name search 'Santoso', n={size}", timed_ms(by_name, runs), BUDGET_MS)
        all_met &= summary(f"name search full name, n={size}", timed_ms(by_full_name, runs), BUDGET_MS)
        all_met &= summary(f"desk page by code, n={size}", timed_ms(desk, runs), BUDGET_MS)
        all_met &= summary(
            f"desk page by name, n={size}",
            timed_ms(lambda m=meeting: desk(m, query="Santoso"), runs),
            BUDGET_MS,
        )
    print("all budgets met" if all_met else "SOME BUDGETS MISSED", flush=True)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
