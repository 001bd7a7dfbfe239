"""The check-in lookups by code and by manage token use an index on PostgreSQL (issue 4).

The plans are read with EXPLAIN after 2,000 registrations and ANALYZE, so the planner sees a
realistic table rather than an empty one (where a sequential scan is cheaper and proves nothing).
"""

import pytest
from django.db import connection

from meetings.models import Registration
from tests.meetings.test_scale import bulk_meeting

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
    pytest.mark.django_db,
]


@pytest.fixture
def large_meeting():
    meeting, _invitations = bulk_meeting(2000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Registration._meta.db_table}")
    return meeting


def plan(queryset):
    return queryset.explain()


def test_checkin_lookup_by_code_uses_an_index_scan(large_meeting):
    code = Registration.objects.filter(meeting=large_meeting).order_by("-pk").first().checkin_code
    # The desk's query (meetings.services.checkin.search) and the model's by_code lookup.
    desk = Registration.objects.filter(meeting=large_meeting, checkin_code=code).select_related(
        "agency", "checked_in_by"
    )

    for queryset in (desk, Registration.objects.filter(checkin_code=code)):
        text = plan(queryset)
        assert "Index Scan" in text and "checkin_code" in text, text
        assert "Seq Scan on meetings_registration" not in text, text


def test_self_checkin_lookup_by_manage_token_uses_an_index_scan(large_meeting):
    token = Registration.objects.filter(meeting=large_meeting).first().manage_token

    text = plan(Registration.objects.filter(meeting=large_meeting, manage_token=token))

    assert "Index Scan" in text and "manage_token" in text, text
    assert "Seq Scan on meetings_registration" not in text, text
