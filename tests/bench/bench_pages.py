"""Budget: every HTML page renders server-side in under 100 ms at the median, at national scale.

Data (PostgreSQL, fresh database): the Kemendagri regions (38 provinces, 514 regencies/cities),
about 20,000 agencies, one published meeting with a 30-item agenda and 2,000 registrations spread
over 400 invited agencies. Each page is fetched through Django's test Client in this process with
DEBUG off (no query logging), after 3 warm-up requests, 30 times; the time is the whole request
(middleware, session, queries, template), i.e. the server-side render time.

Run: .venv/bin/python tests/bench/bench_pages.py [runs]
"""

import sys
import time

from common import (
    analyze,
    bulk_registrations,
    machine,
    national_agencies,
    published_meeting,
    setup,
    summary,
    timed_ms,
)

BUDGET_MS = 100


def main(runs=30):
    setup()
    from django.test import Client

    from agencies.models import Agency, Membership, Region
    from meetings.models import Registration
    from rakor import roles
    from tests.factories import UserFactory

    started = time.perf_counter()
    agency_count = national_agencies()
    meeting = published_meeting(items=30)
    invited = list(
        Agency.objects.filter(region__kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).order_by("pk")[:400]
    )
    invitations = bulk_registrations(meeting, 2000, invited)
    organiser = UserFactory(username="bench-organiser", roles=[roles.ORGANISER])
    clerk = UserFactory(username="bench-clerk", roles=[roles.CHECKIN_CLERK])
    coordinator = UserFactory(username="bench-coordinator", roles=[roles.COORDINATOR])
    Membership.objects.create(user=coordinator, agency=invitations[0].agency)
    analyze()
    print(
        f"data: {Region.objects.count()} regions, {agency_count} agencies, "
        f"{Registration.objects.count()} registrations over {len(invitations)} invitations, "
        f"30 agenda items; built in {time.perf_counter() - started:.1f}s",
        flush=True,
    )
    print(machine(), flush=True)

    code = Registration.objects.filter(meeting=meeting).order_by("-pk").first().checkin_code
    province = invited[0].region.parent_id
    pages = [
        ("agency list", organiser, "/instansi/", {}),
        ("agency list, search 'Samarinda'", organiser, "/instansi/", {"q": "Samarinda"}),
        ("agency list, last page", organiser, "/instansi/", {"page": "last"}),
        ("region list (38 provinces)", organiser, "/instansi/wilayah/", {}),
        (f"region page, province {province}", organiser, f"/instansi/wilayah/{province}/", {}),
        ("region page, regency 64.72", organiser, "/instansi/wilayah/64.72/", {}),
        ("registration list (2,000)", organiser, f"/rapat/kelola/{meeting.pk}/pendaftaran/", {}),
        (
            "registration list, status filter",
            organiser,
            f"/rapat/kelola/{meeting.pk}/pendaftaran/",
            {"status": "waitlisted"},
        ),
        ("invitations (400 agencies)", organiser, f"/rapat/kelola/{meeting.pk}/undangan/", {}),
        ("check-in search by code", clerk, f"/rapat/meja-registrasi/{meeting.pk}/", {"q": code}),
        ("check-in search by name", clerk, f"/rapat/meja-registrasi/{meeting.pk}/", {"q": "Santoso"}),
        ("coordinator invitation", coordinator, f"/rapat/instansi-saya/undangan/{invitations[0].pk}/", {}),
        ("public meeting page", None, f"/rapat/{meeting.pk}/", {}),
        ("public agenda (30 items)", None, f"/rapat/{meeting.pk}/acara/", {}),
        ("home (organiser dashboard)", organiser, "/", {}),
    ]
    all_met = True
    for name, user, url, data in pages:
        client = Client()
        if user is not None:
            client.force_login(user)

        def fetch(client=client, url=url, data=data, name=name):
            response = client.get(url, data)
            if response.status_code != 200:
                sys.exit(f"{name}: {url} answered {response.status_code}")

        all_met &= summary(name, timed_ms(fetch, runs), BUDGET_MS)
    print("all budgets met" if all_met else "SOME BUDGETS MISSED", flush=True)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
