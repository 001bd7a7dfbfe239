"""Registration pages run the same number of queries for 1 registration and for 2,000 (issue 4).

The rows are made with bulk_create (the factories would take minutes); each Registration gets its
own check-in code and manage token from the model defaults. The large meeting spreads its delegates
over 100 invited agencies in 10 regencies, with every status and some check-ins, and invites 20 more
agencies that registered nobody, so the counts per agency and region are exercised too.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Level
from meetings.models import Invitation, Registration
from rakor import roles
from tests.factories import MembershipFactory, UserFactory, region
from tests.meetings.factories import upcoming_meeting
from tests.querycount import assert_same_count, queries_of

pytestmark = pytest.mark.django_db
Status = Registration.Status
STATUSES = [Status.CONFIRMED, Status.CONFIRMED, Status.PENDING, Status.WAITLISTED, Status.CANCELLED]
LARGE = 2000


def bulk_meeting(registrations, *, agencies=None, idle_agencies=0, own_agency=None):
    """A meeting with ``registrations`` delegates spread over ``agencies`` invited agencies.

    ``own_agency`` (a coordinator's agency) takes the first invitation, so all delegates land in it
    when ``agencies`` is 1. Returns the meeting and its invitations (with delegates first).
    """
    meeting = upcoming_meeting()
    agencies = agencies or max(1, registrations // 20)
    regencies = [region(f"64.{n:02d}") for n in range(1, 11)]
    made = Agency.objects.bulk_create(
        Agency(
            name=f"Dinas Skala {meeting.pk}-{n:04d}",
            short_name=f"DS {n}",
            region=regencies[n % len(regencies)],
            level=Level.REGENCY,
        )
        for n in range(agencies + idle_agencies - (1 if own_agency else 0))
    )
    invited = ([own_agency] if own_agency else []) + made
    invitations = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, agency=agency, quota=max(2, registrations), sent_at=timezone.now())
        for agency in invited
    )
    with_delegates = itertools.cycle(invitations[:agencies])
    now = timezone.now()
    rows = []
    for n in range(registrations):
        invitation = next(with_delegates)
        status = STATUSES[(n // agencies) % len(STATUSES)]  # every agency gets every status
        rows.append(
            Registration(
                meeting=meeting,
                invitation=invitation,
                agency=invitation.agency,
                full_name=f"Peserta Skala {n:05d}",
                position="Kepala Seksi",
                gender="P" if n % 2 else "L",
                phone="081234567890",
                email=f"skala{meeting.pk}-{n}@example.go.id",
                status=status,
                waitlisted_at=now if status == Status.WAITLISTED else None,
                checked_in_at=now if status == Status.CONFIRMED and n % 3 == 0 else None,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    assert Registration.objects.filter(meeting=meeting).count() == registrations
    assert len({row.checkin_code for row in rows}) == registrations
    return meeting, invitations






# Organisers: the registration list with its counts per agency and region -----------------------


@pytest.mark.parametrize(
    "filters",
    [{}, {"status": "confirmed"}, {"wilayah": "64.01"}, {"halaman": "3"}],
    ids=["all", "status", "region", "page-3"],
)
def test_registration_list_runs_the_same_queries_for_1_and_2000_registrations(organiser_client, filters):
    small, _invitations = bulk_meeting(1, idle_agencies=1)
    large, _invitations = bulk_meeting(LARGE, idle_agencies=20)

    few = queries_of(organiser_client, reverse("meetings:registrations", args=[small.pk]), filters)
    many = queries_of(
        organiser_client,
        reverse("meetings:registrations", args=[large.pk]),
        filters,
        expect="Dinas Skala",
    )

    assert_same_count(few, many)


def test_registration_list_counts_2000_delegates_per_agency_and_region(organiser_client):
    meeting, _invitations = bulk_meeting(LARGE, idle_agencies=20)

    context = organiser_client.get(reverse("meetings:registrations", args=[meeting.pk])).context

    regions = context["region_counts"]
    assert len(regions) == 10
    assert sum(row["agencies"] for row in regions) == 120
    assert sum(row["without"] for row in regions) == 20
    assert len(context["without_registrations"]) == 20
    # Cancelled delegates (one in five) are not counted as registered.
    assert sum(row["registered"] for row in regions) == LARGE * 4 // 5
    assert context["totals"]["confirmed_count"] == LARGE * 2 // 5
    assert context["page_obj"].paginator.count == LARGE


def test_registration_export_runs_the_same_queries_for_1_and_2000_registrations(organiser_client):
    small, _invitations = bulk_meeting(1)
    large, _invitations = bulk_meeting(LARGE)

    def export(meeting):
        url = reverse("meetings:registrations_export", args=[meeting.pk, "csv"])
        with CaptureQueriesContext(connection) as captured:
            response = organiser_client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        return [query["sql"] for query in captured.captured_queries], body.decode("utf-8-sig")

    few, _text = export(small)
    many, text = export(large)

    assert_same_count(few, many)
    assert "Peserta Skala 01999" in text


def test_invitation_page_runs_the_same_queries_for_1_and_120_invited_agencies(organiser_client):
    small, _invitations = bulk_meeting(1)
    large, _invitations = bulk_meeting(LARGE, idle_agencies=20)

    few = queries_of(organiser_client, reverse("meetings:invitations", args=[small.pk]))
    many = queries_of(
        organiser_client, reverse("meetings:invitations", args=[large.pk]), expect="Dinas Skala"
    )

    assert_same_count(few, many)


# Agency coordinators -------------------------------------------------------------------------


@pytest.fixture
def coordinator_agency(coordinator):
    agency = coordinator.memberships.get().agency
    agency.region = region("64.01")
    agency.save()
    return agency


def test_coordinator_invitation_page_runs_the_same_queries_for_1_and_2000_delegates(
    coordinator_client, coordinator_agency
):
    _small, (own_small, *_rest) = bulk_meeting(1, agencies=1, own_agency=coordinator_agency)
    _large, (own_large, *_rest) = bulk_meeting(LARGE, agencies=1, own_agency=coordinator_agency)

    few = queries_of(coordinator_client, reverse("meetings:coordinator_invitation", args=[own_small.pk]))
    many = queries_of(
        coordinator_client,
        reverse("meetings:coordinator_invitation", args=[own_large.pk]),
        expect="Peserta Skala 01999",
    )

    assert_same_count(few, many)


def test_coordinator_invitation_list_runs_the_same_queries_for_1_and_2000_delegates(client):
    agency_small, agency_large = (
        MembershipFactory(user=UserFactory(roles=[roles.COORDINATOR])) for _index in range(2)
    )
    bulk_meeting(1, agencies=1, own_agency=agency_small.agency)
    bulk_meeting(LARGE, agencies=1, own_agency=agency_large.agency)

    client.force_login(agency_small.user)
    few = queries_of(client, reverse("meetings:coordinator_invitations"))
    client.force_login(agency_large.user)
    many = queries_of(client, reverse("meetings:coordinator_invitations"), expect=agency_large.agency.name)

    assert_same_count(few, many)


# The check-in desk ---------------------------------------------------------------------------


def first_delegate(meeting):
    return Registration.objects.filter(meeting=meeting).order_by("pk").first()


@pytest.mark.parametrize("by", ["code", "name", "name-one", "nothing"])
def test_checkin_search_runs_the_same_queries_for_1_and_2000_registrations(clerk_client, by):
    small, _invitations = bulk_meeting(1)
    large, _invitations = bulk_meeting(LARGE)

    def search(meeting):
        delegate = first_delegate(meeting)
        query = {
            "code": delegate.checkin_code,
            "name": "peserta skala",  # matches every delegate; the desk shows the first 20
            "name-one": delegate.full_name,
            "nothing": "Tidak Ada Orang Ini",
        }[by]
        return queries_of(clerk_client, reverse("meetings:checkin_desk", args=[meeting.pk]), {"q": query})

    assert_same_count(search(small), search(large))


def test_checkin_search_by_code_finds_one_delegate_among_2000(clerk_client):
    meeting, _invitations = bulk_meeting(LARGE)
    delegate = Registration.objects.filter(meeting=meeting).order_by("-pk").first()

    response = clerk_client.get(
        reverse("meetings:checkin_desk", args=[meeting.pk]), {"q": delegate.checkin_code.lower()}
    )

    assert [found.pk for found in response.context["results"]] == [delegate.pk]
    assert delegate.full_name in response.content.decode()


def test_checkin_search_by_name_shows_at_most_20_of_2000(clerk_client):
    meeting, _invitations = bulk_meeting(LARGE)

    response = clerk_client.get(reverse("meetings:checkin_desk", args=[meeting.pk]), {"q": "Skala 0"})

    names = [found.full_name for found in response.context["results"]]
    assert names == [f"Peserta Skala {n:05d}" for n in range(20)]


def test_attendance_count_runs_the_same_queries_for_1_and_2000_registrations(clerk_client):
    small, _invitations = bulk_meeting(1)
    large, _invitations = bulk_meeting(LARGE)

    few = queries_of(clerk_client, reverse("meetings:checkin_count", args=[small.pk]))
    many = queries_of(clerk_client, reverse("meetings:checkin_count", args=[large.pk]))

    assert_same_count(few, many)
