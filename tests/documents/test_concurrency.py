"""Numbers stay gap-free and unique when documents are issued in parallel (PostgreSQL only).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/rakor_docs .venv/bin/python -m pytest -m postgres
"""

import pytest

from documents.models import IssuedDocument, NumberingRule
from tests.concurrency import POSTGRES_ONLY, run_together
from tests.factories import UserFactory

pytestmark = POSTGRES_ONLY


@pytest.mark.django_db(transaction=True)
def test_parallel_issues_get_numbers_one_to_n_without_gaps_or_duplicates(issue):
    NumberingRule.objects.create(kind="sertifikat", issuer_key="DPMPD", pattern="005/{seq}/DPMPD-II")
    count = 8
    # One subject per thread, as with attendance certificates: each is version 1 of its own subject.
    subjects = [UserFactory(username=f"subjek{n}") for n in range(count)]
    calls = [
        lambda s=s: issue(kind="sertifikat", subject=s, title=f"Sertifikat {s.username}") for s in subjects
    ]

    _documents, errors = run_together(calls)

    assert errors == []
    numbers = sorted(IssuedDocument.objects.values_list("number", flat=True))
    assert numbers == sorted(f"005/{n}/DPMPD-II" for n in range(1, count + 1))
