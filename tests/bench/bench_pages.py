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
from django.urls import reverse

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
    desk = reverse("meetings:checkin_desk", args=[meeting.pk])
    own_invitation = reverse("meetings:coordinator_invitation", args=[invitations[0].pk])
    pages = [
        ("agency list", organiser, reverse("agencies:list"), {}),
        ("agency list, search 'Samarinda'", organiser, reverse("agencies:list"), {"q": "Samarinda"}),
        ("agency list, last page", organiser, reverse("agencies:list"), {"page": "last"}),
        ("region list (38 provinces)", organiser, reverse("agencies:regions"), {}),
        (f"region page, province {province}", organiser, reverse("agencies:region", args=[province]), {}),
        ("region page, regency 64.72", organiser, reverse("agencies:region", args=["64.72"]), {}),
        ("registration list (2,000)", organiser, reverse("meetings:registrations", args=[meeting.pk]), {}),
        (
            "registration list, status filter",
            organiser,
            reverse("meetings:registrations", args=[meeting.pk]),
            {"status": "waitlisted"},
        ),
        ("invitations (400 agencies)", organiser, reverse("meetings:invitations", args=[meeting.pk]), {}),
        ("check-in search by code", clerk, desk, {"q": code}),
        ("check-in search by name", clerk, desk, {"q": "Santoso"}),
        ("coordinator invitation", coordinator, own_invitation, {}),
        ("public meeting page", None, reverse("meetings:public", args=[meeting.pk]), {}),
        ("public agenda (30 items)", None, reverse("meetings:agenda", args=[meeting.pk]), {}),
        ("home (organiser dashboard)", organiser, reverse("home"), {}),
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
