"""Finalising in the task runner: queued once, edits refused meanwhile, the job safe to run twice,
a failing job leaves nothing issued and no number taken."""

import pytest
from django.utils import timezone

from documents.models import IssuedDocument, NumberSequence
from documents.signing import SigningError
from minutes import finalising, services
from minutes.models import Minutes

Finalising = Minutes.Finalising


@pytest.fixture
def queue(settings):
    """The task queue as a list: jobs are queued, never run, until a test runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend.results


def run(result):
    """What the worker does with one queued job."""
    return result.task.call(*result.args, **result.kwargs)


def wrong_passphrase(settings, demo_p12):
    settings.RAKOR_SIGNING_P12 = str(demo_p12)
    settings.RAKOR_SIGNING_PASSPHRASE = "salah"


def test_requesting_finalisation_queues_one_job_for_the_next_version(ready, organiser, queue):
    minutes = finalising.request_finalisation(ready, by=organiser)

    assert minutes.finalising == Finalising.QUEUED and minutes.is_finalising
    assert minutes.finalising_version == 1 and minutes.finalising_requested_by == organiser
    assert minutes.status != Minutes.Status.FINAL and not IssuedDocument.objects.exists()
    [job] = queue
    assert job.task.name == "finalise_job" and job.kwargs == {"minutes_id": ready.pk, "version": 1}
    assert minutes.finalising_task_id == str(job.id)


def test_a_queued_finalisation_refuses_every_edit(ready, items, note_taker, organiser, queue):
    finalising.request_finalisation(ready, by=organiser)
    decision, action = ready.decisions.get(), ready.actions.get()
    edits = [
        lambda: services.save_note(ready, items[1], "x", revision=0, by=note_taker),
        lambda: services.update_details(ready, by=note_taker, opening="x"),
        lambda: services.add_decision(ready, text="x", by=note_taker),
        lambda: services.update_decision(decision, text="x", by=note_taker),
        lambda: services.delete_decision(decision, by=note_taker),
        lambda: services.add_action(ready, what="x", agency=action.agency, by=note_taker),
        lambda: services.update_action(action, what="x", by=note_taker),
        lambda: services.delete_action(action, by=note_taker),
        lambda: services.submit_for_review(ready, by=note_taker),
        lambda: services.add_review_comment(ready, text="x", by=organiser),
    ]
    for edit in edits:
        with pytest.raises(services.MinutesFinalising):
            edit()
    assert ready.decisions.get().text == decision.text and ready.actions.get().what == action.what
    assert ready.decisions.count() == 1 and ready.actions.count() == 1


def test_a_running_finalisation_refuses_edits_too(ready, note_taker, organiser, queue):
    finalising.request_finalisation(ready, by=organiser)
    Minutes.objects.filter(pk=ready.pk).update(finalising=Finalising.RUNNING)
    with pytest.raises(services.MinutesFinalising):
        services.add_decision(ready, text="x", by=note_taker)


def test_a_second_request_while_queued_queues_nothing_more(ready, organiser, queue):
    first = finalising.request_finalisation(ready, by=organiser)
    second = finalising.request_finalisation(ready, by=organiser, wet_ink=True)

    assert len(queue) == 1
    assert second.finalising_requested_at == first.finalising_requested_at
    assert second.finalising_wet_ink is False  # the first request stands


def test_a_second_request_puts_one_job_in_the_database_queue(ready, organiser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    finalising.request_finalisation(ready, by=organiser)
    finalising.request_finalisation(ready, by=organiser)

    [row] = DBTaskResult.objects.all()
    assert row.task_path == "minutes.finalising.finalise_job"
    assert row.args_kwargs["kwargs"] == {"minutes_id": ready.pk, "version": 1}


def test_a_stale_job_may_be_asked_for_again(ready, organiser, queue):
    finalising.request_finalisation(ready, by=organiser)
    Minutes.objects.filter(pk=ready.pk).update(
        finalising_requested_at=timezone.now() - finalising.STALE_AFTER - timezone.timedelta(minutes=1)
    )
    finalising.request_finalisation(ready, by=organiser)
    assert len(queue) == 2
    run(queue[0])
    assert run(queue[1]) == "skipped"  # the lost job turned up after all: one version issued
    assert IssuedDocument.objects.count() == 1 and ready.versions.count() == 1


def test_the_job_issues_the_version_and_running_it_twice_does_nothing(ready, organiser, queue):
    finalising.request_finalisation(ready, by=organiser)
    [job] = queue

    assert run(job) == "done"
    assert run(job) == "skipped"

    ready.refresh_from_db()
    assert ready.is_final and ready.current_version == 1 and ready.finalising == Finalising.DONE
    version = ready.versions.get()
    assert version.finalised_by == organiser
    assert IssuedDocument.objects.get() == version.document
    assert version.document.signature_kind == IssuedDocument.SignatureKind.ELECTRONIC
    assert NumberSequence.objects.get(kind=IssuedDocument.Kind.NOTULA).last == 1


def test_a_wet_ink_request_issues_the_notula_without_an_electronic_signature(ready, organiser, queue):
    finalising.request_finalisation(ready, by=organiser, wet_ink=True)
    run(queue[0])
    assert ready.versions.get().document.signature_kind == IssuedDocument.SignatureKind.WET_INK


def test_a_job_for_minutes_reopened_since_does_nothing(ready, organiser, queue):
    finalising.request_finalisation(ready, by=organiser)
    run(queue[0])
    services.reopen_for_correction(ready, by=organiser)

    assert run(queue[0]) == "skipped"  # a duplicate of version 1's job, after the correction opened
    ready.refresh_from_db()
    assert not ready.is_final and ready.finalising == Finalising.NONE and ready.versions.count() == 1


def test_a_job_that_cannot_sign_records_failed_with_the_reason_and_issues_nothing(
    ready, organiser, queue, settings, demo_p12
):
    finalising.request_finalisation(ready, by=organiser)
    wrong_passphrase(settings, demo_p12)  # the certificate broke while the job was queued

    assert run(queue[0]) == "failed"

    ready.refresh_from_db()
    assert ready.finalising == Finalising.FAILED and not ready.is_finalising
    assert "kata sandi salah" in ready.finalising_error  # Indonesian: pages translate it
    assert not ready.is_final and ready.current_version == 0
    assert not ready.versions.exists() and not IssuedDocument.objects.exists()
    assert NumberSequence.objects.filter(last__gt=0).count() == 0
    services.add_decision(ready, text="Masih dapat diubah.", by=organiser)  # editable again


def test_a_failed_job_takes_no_number_so_the_retry_gets_the_next_one(
    ready, organiser, queue, settings, demo_p12
):
    finalising.request_finalisation(ready, by=organiser)
    run(queue[0])
    services.reopen_for_correction(ready, by=organiser)
    finalising.request_finalisation(ready, by=organiser)
    good = settings.RAKOR_SIGNING_P12, settings.RAKOR_SIGNING_PASSPHRASE
    wrong_passphrase(settings, demo_p12)
    assert run(queue[1]) == "failed"

    settings.RAKOR_SIGNING_P12, settings.RAKOR_SIGNING_PASSPHRASE = good
    finalising.request_finalisation(ready, by=organiser)  # try again
    assert run(queue[2]) == "done"

    numbers = [doc.number for doc in IssuedDocument.objects.order_by("pk")]
    assert [number.split("/")[0] for number in numbers] == ["1", "2"]  # gap-free
    assert NumberSequence.objects.get(kind=IssuedDocument.Kind.NOTULA).last == 2


def test_incomplete_minutes_or_a_broken_certificate_queue_nothing(
    ready, organiser, queue, settings, demo_p12
):
    services.delete_decision(ready.decisions.get())
    with pytest.raises(services.MinutesIncomplete):
        finalising.request_finalisation(ready, by=organiser)
    services.add_decision(ready, text="Program diselaraskan.", by=organiser)
    wrong_passphrase(settings, demo_p12)
    with pytest.raises(SigningError):
        finalising.request_finalisation(ready, by=organiser)

    assert queue == []
    ready.refresh_from_db()
    assert ready.finalising == Finalising.NONE and ready.finalising_requested_at is None


def test_final_minutes_cannot_be_requested_again(ready, organiser, queue):
    services.finalise_minutes(ready, by=organiser)
    with pytest.raises(services.MinutesFinal):
        finalising.request_finalisation(ready, by=organiser)
    assert queue == []
