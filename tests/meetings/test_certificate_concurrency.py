"""Two first downloads of one certificate at once issue it once (PostgreSQL only).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/rakor_dev .venv/bin/python -m pytest -m postgres
"""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import IssuedDocument, NumberSequence
from tests.concurrency import POSTGRES_ONLY, run_together
from tests.factories import AgencyFactory
from tests.meetings.factories import MeetingFactory, register

pytestmark = POSTGRES_ONLY


def download(path):
    def get():
        response = Client().get(path)
        return response.status_code, b"".join(response.streaming_content)

    return get


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_downloads_issue_one_certificate_with_one_number():
    meeting = MeetingFactory(chair_name="Dr. H. Surya Darma, M.Si.")  # 24 April 2018: long started
    ani = register(meeting, AgencyFactory(name="DPMD Kabupaten Paser"), "Ani Lestari", checked_in=True)
    path = reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])

    responses, errors = run_together([download(path), download(path)])

    assert errors == []
    assert [status for status, _body in responses] == [200, 200]
    document = IssuedDocument.objects.get()  # exactly one issued
    assert document.kind == IssuedDocument.Kind.SERTIFIKAT and document.subject == ani
    first, second = (body for _status, body in responses)
    assert first == second
    assert hashlib.sha256(first).hexdigest() == document.sha256
    # One number taken from the organiser's certificate sequence: the next one continues at 2.
    sequence = NumberSequence.objects.get(kind=IssuedDocument.Kind.SERTIFIKAT)
    assert sequence.last == 1
