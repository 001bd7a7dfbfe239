"""E-mails to delegates about their registration, with the QR code and the calendar file attached.

Links in e-mails must be absolute: they are built on settings.RAKOR_SITE_URL (default
http://127.0.0.1:8000), since mails are also sent outside a request (promotions, reminders).
Templates: templates/meetings/emails/<kind>_subject.txt, <kind>.txt (the body).
"""

from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from meetings import agenda_days, ics, snapshots
from meetings.snapshots import build_snapshot, for_display
from rakor.http import site_url
from rakor.mail import enqueue_email
from rakor.qr import qr_png

KINDS = ("registered", "promoted", "approved", "rejected", "manage_link")


def published_agenda(meeting):
    """(display snapshot, stamp, sequence): the latest published agenda's public items, or the
    meeting alone (no sessions) before an agenda is published."""
    version = meeting.latest_version()
    if version is not None:
        return snapshots.public_snapshot(version), version.published_at, version.number - 1
    return {**for_display(build_snapshot(meeting)), "sessions": []}, meeting.updated_at, 0


def registration_ics(meeting, published=None) -> bytes:
    """The meeting as .ics: the latest published agenda's public items, or the meeting alone."""
    snapshot, stamp, sequence = published or published_agenda(meeting)
    host = site_url().split("://", 1)[-1].split(":")[0].split("/")[0]
    return ics.meeting_ics(
        snapshot, uid_domain=host, url=site_url(meeting.public_url()), stamp=stamp, sequence=sequence
    )


def send(kind, registration_pk):
    """Queue the ``kind`` e-mail to the delegate of this registration (called after commit).

    The message is built in the task worker, not here: its templates, QR PNG and .ics took about
    30 ms that every public registration waited for (docs/benchmarks.md). The request's language
    travels with it.
    """
    build_and_send.enqueue(kind=kind, registration_pk=registration_pk, language=translation.get_language())


@task()
def build_and_send(*, kind, registration_pk, language=None):
    """Render the ``kind`` e-mail with its QR code and .ics in ``language`` and queue it for sending."""
    with translation.override(language):
        _send(kind, registration_pk)


def _send(kind, registration_pk):
    from meetings.models import Registration

    registration = Registration.objects.select_related("meeting", "agency", "meeting__organiser").get(
        pk=registration_pk
    )
    if not registration.email:
        return  # a walk-in registered with a phone number only
    meeting = registration.meeting
    context = {
        "kind": kind,
        "registration": registration,
        "meeting": meeting,
        "manage_url": site_url(registration.manage_url()),
        "public_url": site_url(meeting.public_url()),
        "Status": Registration.Status,
    }
    attachments = []
    if registration.is_active:
        published = published_agenda(meeting)
        if agenda_days.spans_several_days(published[0]["meeting"]):
            # Over several days the mail also lists each day's items under that day's date.
            context["agenda_lines"] = ics.agenda_lines(published[0], indent="  ")
        attachments = [
            (f"qr-{registration.checkin_code}.png", qr_png(registration.qr_payload()), "image/png"),
            (f"rapat-{meeting.pk}.ics", registration_ics(meeting, published), "text/calendar"),
        ]
    subject = render_to_string(f"meetings/emails/{kind}_subject.txt", context).strip()
    body = render_to_string(f"meetings/emails/{kind}.txt", context)
    enqueue_email(subject=subject, body=body, to=[registration.email], attachments=attachments)
