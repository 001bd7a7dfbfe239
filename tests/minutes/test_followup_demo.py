"""The demo: 2018 certificates issued, progress reported, open actions carried into the next rakor."""

import pytest

from agencies import demo as agencies_demo
from documents.models import IssuedDocument
from meetings import demo as meetings_demo
from meetings.models import Registration
from minutes import demo, followup
from minutes.models import ActionProgress, Minutes

pytestmark = pytest.mark.django_db


def test_demo_issues_certificates_reports_progress_and_offers_the_carry_over():
    agencies_demo.load_demo()
    meetings_demo.load_demo()
    demo.load_demo()
    meetings_demo.load_demo()
    demo.load_demo()  # twice: nothing is added

    rakor = meetings_demo.Meeting.objects.get(title=meetings_demo.RAKOR_TITLE)
    checked_in = Registration.objects.checked_in().filter(meeting=rakor).count()
    assert checked_in > 0
    assert IssuedDocument.objects.filter(kind=IssuedDocument.Kind.SERTIFIKAT).count() == checked_in
    assert {p.status for p in ActionProgress.objects.all()} == {"done", "in_progress"}
    assert ActionProgress.objects.exclude(evidence="").count() == 1
    upcoming = meetings_demo.upcoming_rakor()
    assert followup.carry_over_count(upcoming) == 3
    carried = Minutes.objects.get(meeting=upcoming).actions.exclude(carried_from=None)
    assert carried.count() == 3
