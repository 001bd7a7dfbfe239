"""Sending invitations by e-mail in the background, and the organiser's view of its progress.

``send_invitations`` renders each agency's mail in the request (language and objects at hand) and
queues one task per invitation. The task renders the agency's Surat Undangan (meetings/letters.py),
attaches it and sends the mail and records the outcome on the invitation:
``sent_at`` on success, ``send_error`` on failure. The progress an organiser sees ("terkirim n dari
N") is read back from those two fields for the invitations of their last batch, which the view keeps
in the session; no extra table is needed.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django_tasks import task

from meetings import letters
from meetings.models import Invitation
from rakor.http import site_url

ERROR_LENGTH = 500


@task()
def deliver_invitation(*, invitation_id, subject, body, to, language=None):
    """Send one invitation e-mail with the agency's Surat Undangan (PDF) attached (task worker).

    The letter is rendered here, not in the request, so inviting many agencies does not make the
    organiser wait for every PDF. The outcome is recorded on the invitation: ``sent_at`` or
    ``send_error`` (a failing letter as much as a failing mail server).
    """
    try:
        invitation = Invitation.objects.select_related("meeting__organiser", "meeting__city", "agency").get(
            pk=invitation_id
        )
        with translation.override(language or settings.LANGUAGE_CODE):
            pdf = letters.invitation_letter_pdf_bytes(
                invitation, link=site_url(invitation.registration_url())
            )
        message = EmailMultiAlternatives(subject, body, None, list(to))
        message.attach(letter_filename(invitation), pdf, "application/pdf")
        message.send()
    except Exception as exc:  # any failure is shown to the organiser, not lost
        Invitation.objects.filter(pk=invitation_id).update(send_error=str(exc)[:ERROR_LENGTH] or repr(exc))
        raise
    Invitation.objects.filter(pk=invitation_id).update(sent_at=timezone.now(), send_error="")


def letter_filename(invitation):
    """'surat-undangan-dpmd-kukar.pdf': the attachment's name, from the agency's short name."""
    agency = invitation.agency
    return f"surat-undangan-{slugify(agency.short_name or agency.name)[:60] or invitation.pk}.pdf"


def invitation_mail(invitation):
    """(subject, body) of the invitation e-mail: the meeting and the agency's registration link."""
    meeting = invitation.meeting
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "agency": invitation.agency,
        "registration_url": site_url(invitation.registration_url()),
    }
    subject = render_to_string("meetings/invitations/email_subject.txt", context).strip()
    body = render_to_string("meetings/invitations/email.txt", context)
    return subject, body


def send_invitations(invitations) -> list[int]:
    """Queue the invitation e-mail of each invitation (its meeting and agency selected).

    Side effects: clears each invitation's previous ``send_error``; an agency without an e-mail
    address gets ``send_error`` at once and no task; every other invitation gets one task, queued
    after commit, which sets ``sent_at`` (or ``send_error``) when the mail has gone.
    Returns the ids of the invitations in this batch (for the progress display).
    """
    ids = []
    with transaction.atomic():
        for invitation in invitations:
            if invitation.is_revoked:
                continue
            ids.append(invitation.pk)
            if not invitation.agency.email:
                Invitation.objects.filter(pk=invitation.pk).update(
                    send_error=gettext("Instansi belum punya alamat surel.")
                )
                continue
            Invitation.objects.filter(pk=invitation.pk).update(send_error="")
            subject, body = invitation_mail(invitation)
            transaction.on_commit(
                lambda pk=invitation.pk, subject=subject, body=body, to=[invitation.agency.email]: (
                    deliver_invitation.enqueue(
                        invitation_id=pk,
                        subject=subject,
                        body=body,
                        to=to,
                        language=translation.get_language(),
                    )
                )
            )
    return ids


@dataclass
class Progress:
    """How far a batch got: ``sent`` of ``total`` went out, ``failed`` failed (with the invitations)."""

    total: int
    sent: int
    failed: list
    started: datetime

    @property
    def waiting(self):
        return self.total - self.sent - len(self.failed)

    @property
    def done(self):
        return self.waiting <= 0


def batch_progress(meeting, ids, started) -> Progress:
    """The progress of the batch ``ids`` queued at ``started`` (one query)."""
    rows = list(
        Invitation.objects.filter(meeting=meeting, pk__in=ids)
        .select_related("agency")
        .only("pk", "sent_at", "send_error", "agency__name")
    )
    sent = sum(1 for row in rows if row.sent_at and row.sent_at >= started and not row.send_error)
    failed = [row for row in rows if row.send_error]
    return Progress(total=len(rows), sent=sent, failed=failed, started=started)
