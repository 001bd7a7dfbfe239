"""The day-before reminder e-mail to confirmed delegates (run by ``manage.py send_reminders``).

Window: a delegate is reminded from 00.00 of the day before the meeting's first day (in the
meeting's own time zone) until the meeting starts. A scheduler running the command daily (say at
07.00) therefore reminds everyone on the day before; running it hourly changes nothing but the
hour. Registration.reminder_sent_at is the marker: each delegate is claimed by a conditional
UPDATE before the mail is queued, so overlapping or repeated runs never send twice.
"""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from meetings.models import Meeting, Registration
from rakor.http import site_url
from rakor.mail import enqueue_email


def is_due(meeting, now):
    """True from 00.00 of the day before the meeting (its own zone) until it starts."""
    if meeting.start <= now:
        return False
    return meeting.local_start.date() - timezone.localtime(now, meeting.tzinfo).date() <= datetime.timedelta(
        days=1
    )


def due_registrations(now):
    """Confirmed, not yet reminded delegates of published meetings whose reminder is due."""
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            meeting__status=Meeting.Status.PUBLISHED,
            email__gt="",  # walk-ins registered with a phone number only get no mail
            # At most two days ahead: the day before in any zone lies within 48 hours of now.
            meeting__start__gt=now,
            meeting__start__lte=now + datetime.timedelta(hours=48),
        )
        .select_related("meeting__organiser", "meeting__city", "agency")
        .order_by("meeting__start", "pk")
    )
    return [registration for registration in candidates if is_due(registration.meeting, now)]


def reminder_message(registration):
    """(subject, body) of the reminder, in the active language."""
    context = {
        "registration": registration,
        "meeting": registration.meeting,
        "manage_url": site_url(registration.manage_url()),
        "public_url": site_url(registration.meeting.public_url()),
    }
    subject = render_to_string("meetings/emails/reminder_subject.txt", context).strip()
    return subject, render_to_string("meetings/emails/reminder.txt", context)


def send_reminders(now=None):
    """Queue the day-before reminder to every delegate that is due; returns how many were queued.

    Side effects: sets Registration.reminder_sent_at and queues one e-mail per delegate, both in
    one transaction per delegate (a failure to queue leaves the delegate for the next run). A row
    another run has claimed meanwhile is skipped.
    """
    now = now or timezone.now()
    sent = 0
    for registration in due_registrations(now):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True, status=Registration.Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            subject, body = reminder_message(registration)
            enqueue_email(subject=subject, body=body, to=[registration.email])
            sent += 1
    return sent
