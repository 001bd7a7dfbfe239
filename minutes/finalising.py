"""Finalising in the task runner: the page asks, the worker renders, signs and issues.

Rendering a large notula takes seconds (500 attendees, 30 items: about 3 s), too long for a
request. ``request_finalisation`` checks what can be checked at once (the minutes complete, the
signing certificate usable), marks the minutes ``queued`` and queues ``finalise_job``; the page
then polls the state (views.finalising_progress). While the job is queued or running every edit is
refused (services.MinutesFinalising).

The job is queued in the same transaction that marks the minutes: with the database queue
(django_tasks_db) the task row commits with the ``queued`` state or not at all. With the
ImmediateBackend (development, tests) it runs right there, so the request ends with the minutes
final. A job may run twice (a retry, a duplicate); the second one finds the version issued and
does nothing.

The document number is taken inside the issuing transaction (documents.issue_document): a job
that fails rolls its number back with everything else, so the sequence stays gap-free.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from documents.signing import SigningError, load_credentials
from minutes import services
from minutes.models import Minutes

logger = logging.getLogger(__name__)

# A job queued or running longer than this is taken for lost (no worker, a crash): the page offers
# to ask again. Asking again is safe even if the job is still alive (it would then do nothing).
STALE_AFTER = datetime.timedelta(minutes=10)

Finalising = Minutes.Finalising


def is_stale(minutes, *, now=None) -> bool:
    """The job is queued or running for longer than STALE_AFTER."""
    return bool(
        minutes.is_finalising
        and minutes.finalising_requested_at
        and (now or timezone.now()) - minutes.finalising_requested_at > STALE_AFTER
    )


def request_finalisation(minutes, *, by, wet_ink=False) -> Minutes:
    """Queue the finalisation of ``minutes`` (as services.finalise_minutes, in the task runner).

    Locks the Minutes row. Raises MinutesFinal if final, MinutesIncomplete (with the reasons)
    without chair, note-taker or a decision, documents' SigningError (message for people) when an
    electronic signature is asked for and the certificate cannot sign; nothing changes then.
    A job already queued or running is left alone (no second job) unless it is stale.
    Side effects: the minutes ``queued`` for version current_version + 1, with who asked, when
    and ``wet_ink`` (history), the previous failure forgotten; one ``finalise_job`` queued (with
    the ImmediateBackend it has run when this returns). Returns the minutes as they are now.
    """
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.is_final:
            raise services.MinutesFinal
        if locked.is_finalising and not is_stale(locked):
            return locked
        reasons = services.missing_for_final(locked)
        if reasons:
            raise services.MinutesIncomplete(reasons)
        if not wet_ink:
            load_credentials()  # raises SigningError now rather than in the worker
        locked.finalising = Finalising.QUEUED
        locked.finalising_version = locked.current_version + 1
        locked.finalising_requested_at = timezone.now()
        locked.finalising_requested_by = by
        locked.finalising_wet_ink = wet_ink
        locked.finalising_error = ""
        locked._history_user = by
        locked.save(
            update_fields=[
                "finalising",
                "finalising_version",
                "finalising_requested_at",
                "finalising_requested_by",
                "finalising_wet_ink",
                "finalising_error",
                "updated_at",
            ]
        )
        result = finalise_job.enqueue(minutes_id=locked.pk, version=locked.finalising_version)
        Minutes.objects.filter(pk=locked.pk).update(finalising_task_id=str(result.id)[:64])
    locked.refresh_from_db()
    return locked


def _job_of(minutes_id, version):
    """The locked minutes if the job for ``version`` is still to be done, else None."""
    minutes = Minutes.objects.select_for_update().filter(pk=minutes_id).first()
    if (
        minutes is None
        or not minutes.is_finalising
        or minutes.finalising_version != version
        or minutes.current_version >= version
    ):
        return None
    return minutes


def _fail(minutes_id, version, message):
    with transaction.atomic():
        if _job_of(minutes_id, version) is not None:
            Minutes.objects.filter(pk=minutes_id).update(
                finalising=Finalising.FAILED, finalising_error=message
            )


@task()
def finalise_job(minutes_id, version):
    """Finalise the minutes as ``version`` (services.finalise_minutes) and record how it went.

    Runs in the task worker (``manage.py db_worker``) in production, at once in development and
    tests. Does nothing unless the minutes wait for this version (already issued, reopened, or
    another run is at it). Side effects: the minutes ``running``, then ``done`` with the version
    issued (services.finalise_minutes), or ``failed`` with the reason in Indonesian (a msgid that
    pages translate) and nothing issued. Unexpected errors are logged and raised again after the
    minutes say ``failed``, so the worker records the traceback. Returns "done", "failed" or
    "skipped".
    """
    with translation.override("id"):
        with transaction.atomic():
            if _job_of(minutes_id, version) is None:
                return "skipped"
            Minutes.objects.filter(pk=minutes_id).update(finalising=Finalising.RUNNING)
        try:
            with transaction.atomic():
                minutes = _job_of(minutes_id, version)
                if minutes is None:
                    return "skipped"
                services.finalise_minutes(
                    minutes, by=minutes.finalising_requested_by, wet_ink=minutes.finalising_wet_ink
                )
                Minutes.objects.filter(pk=minutes_id).update(finalising=Finalising.DONE, finalising_error="")
        except services.MinutesIncomplete as incomplete:
            _fail(minutes_id, version, "\n".join(str(reason) for reason in incomplete.reasons))
            return "failed"
        except SigningError as error:
            _fail(minutes_id, version, str(error))
            return "failed"
        except Exception:
            logger.exception("Finalising minutes %s as version %s failed", minutes_id, version)
            _fail(minutes_id, version, _("Terjadi kesalahan tak terduga saat menerbitkan notula."))
            raise
    return "done"
