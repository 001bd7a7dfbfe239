"""Two finalise requests at the same moment queue one job (PostgreSQL only).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/rakor_dev .venv/bin/python -m pytest -m postgres
"""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import IssuedDocument
from minutes.finalising import finalise_job
from minutes.models import Minutes
from tests.concurrency import POSTGRES_ONLY, run_together

pytestmark = POSTGRES_ONLY


def post_as(user, path):
    def post():
        client = Client()
        client.force_login(user)
        return client.post(path)

    return post


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_finalise_requests_queue_one_job(ready, organiser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    path = reverse("minutes:finalise", args=[ready.meeting_id])

    responses, errors = run_together([post_as(organiser, path), post_as(organiser, path)])

    assert errors == []
    assert [r.status_code for r in responses] == [302, 302]
    [job] = DBTaskResult.objects.all()
    ready.refresh_from_db()
    assert ready.finalising == Minutes.Finalising.QUEUED

    # Two workers happen to run the job at once: one issues it, the other finds it done.
    kwargs = job.args_kwargs["kwargs"]
    outcomes, errors = run_together(
        [lambda: finalise_job.call(**kwargs), lambda: finalise_job.call(**kwargs)]
    )
    assert errors == [] and sorted(outcomes) == ["done", "skipped"]
    assert IssuedDocument.objects.count() == 1 and ready.versions.count() == 1
