"""Invitations of agencies to a meeting and the registrations of their delegates.

An Invitation gives one agency a seat quota and an unguessable token link; delegates register
through it without an account. Seats are taken by *confirmed* and *pending* registrations; beyond
the quota (or the meeting's capacity) delegates wait (*waitlisted*) and are promoted in the order
they joined the waiting list. All changes go through ``meetings.services.registration`` (row locks).

The QR code of a registration encodes its check-in code only (e.g. ``"K7QX3M9A"``), so the desk
can scan it or type it.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from meetings.models.meeting import OfMeetingQuerySet
from rakor.names import validate_visible_name
from rakor.storage import private_storage
from rakor.tokens import new_checkin_code, new_token


def assignment_letter_upload_to(instance, filename):
    """A random name per meeting that keeps only the (already validated) extension."""
    suffix = Path(filename).suffix.lower()
    return f"surat-tugas/{instance.meeting_id}/{uuid.uuid4().hex}{suffix}"


class InvitationQuerySet(OfMeetingQuerySet):
    def active(self):
        """Invitations that have not been revoked (their links work)."""
        return self.filter(revoked_at__isnull=True)

    def sent(self):
        """Invitations the organiser has sent: only these exist for the invited agency's coordinator."""
        return self.filter(sent_at__isnull=False)

    def by_token(self, token):
        """The active invitation with this token, for the public link (raises DoesNotExist)."""
        return self.active().select_related("meeting", "agency").get(token=token)

    def with_counts(self):
        """Annotate seats_taken (confirmed + pending), confirmed, pending, waitlisted, checked_in."""
        status = Registration.Status
        return self.annotate(
            seats_taken=Count(
                "registrations",
                filter=Q(registrations__status__in=[status.CONFIRMED, status.PENDING]),
            ),
            confirmed_count=Count("registrations", filter=Q(registrations__status=status.CONFIRMED)),
            pending_count=Count("registrations", filter=Q(registrations__status=status.PENDING)),
            waitlisted_count=Count("registrations", filter=Q(registrations__status=status.WAITLISTED)),
            checked_in_count=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class Invitation(models.Model):
    """An agency invited to a meeting, with its seat quota (Kuota Peserta) and its private link."""

    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, related_name="invitations", verbose_name=_("rapat")
    )
    agency = models.ForeignKey(
        "agencies.Agency", models.PROTECT, related_name="invitations", verbose_name=_("instansi")
    )
    quota = models.PositiveSmallIntegerField(
        _("kuota peserta"), blank=True, help_text=_("Kosongkan untuk memakai kuota bawaan rapat.")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    # The last failure of the background send (letter or e-mail), shown on the progress page.
    send_error = models.TextField(_("galat pengiriman"), blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agency__name", "pk"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="invitation_unique_agency"),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.agency}"

    def save(self, *args, **kwargs):
        if self.quota is None:
            self.quota = self.meeting.default_quota
        super().save(*args, **kwargs)

    def registration_url(self):
        """The public registration link of this invitation (path; make it absolute for letters)."""
        return reverse("meetings:register", args=[self.token])

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class RegistrationQuerySet(OfMeetingQuerySet):
    def active(self):
        """Registrations that still count: not cancelled and not rejected."""
        return self.exclude(status__in=Registration.INACTIVE_STATUSES)

    def holding_seats(self):
        """Confirmed and pending registrations: those that take a seat."""
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def waitlisted(self):
        """The waiting list in promotion order (first joined, first promoted)."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")

    def checked_in(self):
        return self.filter(checked_in_at__isnull=False)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)

    def by_code(self, code):
        """Look a registration up by check-in code, typed loosely ("k7qx 3m9a" works)."""
        return self.get(checkin_code="".join(code.split()).upper())


class Registration(models.Model):
    """A delegate (peserta/utusan) of an agency registered for a meeting."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu Verifikasi")
        CONFIRMED = "confirmed", _("Terkonfirmasi")
        WAITLISTED = "waitlisted", _("Daftar Tunggu")
        CANCELLED = "cancelled", _("Dibatalkan")
        REJECTED = "rejected", _("Ditolak")

    class Gender(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class Role(models.TextChoices):
        """The role printed in the coloured band of the name badge."""

        PESERTA = "peserta", pgettext_lazy("peran pada tanda pengenal", "Peserta")
        PANITIA = "panitia", pgettext_lazy("peran pada tanda pengenal", "Panitia")
        NARASUMBER = "narasumber", pgettext_lazy("peran pada tanda pengenal", "Narasumber")

    SEAT_STATUSES = (Status.CONFIRMED, Status.PENDING)
    INACTIVE_STATUSES = (Status.CANCELLED, Status.REJECTED)

    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, related_name="registrations", verbose_name=_("rapat")
    )
    # Empty for walk-ins of agencies that were not invited.
    invitation = models.ForeignKey(
        Invitation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("undangan"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", models.PROTECT, related_name="registrations", verbose_name=_("instansi")
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200, validators=[validate_visible_name])
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^\d{18}$", _("NIP terdiri atas 18 angka."), code="nip")],
        help_text=_("Nomor Induk Pegawai, 18 angka. Kosongkan jika bukan ASN."),
    )
    position = models.CharField(_("jabatan"), max_length=200)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    phone = models.CharField(_("nomor HP"), max_length=30)
    # Blank only for a walk-in registered at the desk with a phone number (DelegateForm requires it).
    email = models.EmailField(_("surel"), max_length=254, blank=True)
    assignment_letter = models.FileField(
        _("surat tugas"),
        storage=private_storage,
        upload_to=assignment_letter_upload_to,
        blank=True,
        max_length=200,
    )
    assignment_letter_type = models.CharField(_("jenis berkas surat tugas"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.PESERTA)
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    checkin_code = models.CharField(
        _("kode registrasi"), max_length=12, unique=True, default=new_checkin_code, editable=False
    )
    manage_token = models.CharField(
        _("token pengelolaan"), max_length=64, unique=True, default=new_token, editable=False
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("didaftarkan oleh"),
    )
    # When the delegate joined the waiting list: the promotion order.
    waitlisted_at = models.DateTimeField(_("masuk daftar tunggu"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("waktu registrasi ulang"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas registrasi"),
    )
    # Set once the day-before reminder went out, so the command sends it once however often it runs.
    reminder_sent_at = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["manage_token"])
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agency__name", "created_at", "pk"]
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        constraints = [
            # One active registration per e-mail and meeting: backs "no second row" and double submits.
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                condition=~Q(status__in=["cancelled", "rejected"]) & ~Q(email=""),
                name="registration_unique_active_email",
                violation_error_message=_("Surel ini sudah terdaftar pada rapat ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["invitation", "status", "waitlisted_at"], name="registration_waitlist"),
            models.Index(fields=["meeting", "status"], name="registration_meeting_status"),
        ]

    def __str__(self):
        return self.full_name

    def manage_url(self):
        """The delegate's private page to edit or cancel (path; make it absolute for e-mails)."""
        return reverse("meetings:registration_manage", args=[self.manage_token])

    @property
    def is_active(self):
        return self.status not in self.INACTIVE_STATUSES

    @property
    def holds_seat(self):
        return self.status in self.SEAT_STATUSES

    @property
    def waiting_reason(self):
        """Why a waitlisted delegate waits now: "quota" (their agency's seats are taken) or
        "capacity" (the meeting is full); "" for anyone else. One query when waitlisted."""
        if self.status != self.Status.WAITLISTED or self.invitation_id is None:
            return ""
        if self.invitation.registrations.holding_seats().count() >= self.invitation.quota:
            return "quota"
        return "capacity"

    @property
    def is_editable(self):
        """Still a booking its delegate or coordinator may change: not checked in (then it is
        attendance) and its meeting has not ended (then registrations are frozen). Organisers may
        still correct it, with history."""
        return self.checked_in_at is None and not self.meeting.has_ended

    @property
    def is_checked_in(self):
        return self.checked_in_at is not None

    def qr_payload(self):
        """What the QR code says: the check-in code alone."""
        return self.checkin_code
