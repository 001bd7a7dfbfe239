"""Factories for meetings. Times are WITA (Asia/Makassar) unless said otherwise."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from meetings.models import AgendaItem, Invitation, Material, Meeting, Registration, Session
from tests.factories import AgencyFactory, region

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def wita(year, month, day, hour=0, minute=0):
    """An aware datetime in WITA."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WITA)


class OrganiserAgencyFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa {n}")
    short_name = factory.Sequence(lambda n: f"DPMPD {n}")
    region = factory.LazyFunction(lambda: region("64"))
    is_organiser = True


class MeetingFactory(factory.django.DjangoModelFactory):
    """A draft rakor on Tuesday 24 April 2018, 08.00–16.00 WITA, in Balikpapan.

    ``MeetingFactory(items=3)`` adds one plenary session with that many consecutive 30-minute
    public items from 08.00.
    """

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = Meeting.Kind.RAKOR
    title = factory.Sequence(lambda n: f"Rapat Koordinasi Pemberdayaan Masyarakat dan Desa Tahun 2018 #{n}")
    theme = "Sinkronisasi program tahun anggaran 2019"
    organiser = factory.SubFactory(OrganiserAgencyFactory)
    fiscal_year = 2019
    start = factory.LazyFunction(lambda: wita(2018, 4, 24, 8))
    end = factory.LazyFunction(lambda: wita(2018, 4, 24, 16))
    venue = "Hotel Gran Senyiur"
    address = "Jl. ARS. Muhammad No. 7"
    city = factory.LazyFunction(lambda: region("64.71"))
    default_quota = 2

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        session = SessionFactory(meeting=self, title="Pleno", order=1)
        for index in range(extracted):
            start = self.start + datetime.timedelta(minutes=30 * index)
            AgendaItemFactory(
                session=session,
                order=index + 1,
                start=start,
                end=start + datetime.timedelta(minutes=30),
                title=f"Mata acara {index + 1}",
            )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    kind = Session.Kind.PLENO
    title = factory.Sequence(lambda n: f"Sesi {n}")
    order = factory.Sequence(lambda n: n + 1)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    order = factory.Sequence(lambda n: n + 1)
    start = factory.LazyAttribute(lambda item: item.session.meeting.start)
    end = factory.LazyAttribute(lambda item: item.start + datetime.timedelta(minutes=30))
    title = factory.Sequence(lambda n: f"Paparan {n}")
    kind = AgendaItem.Kind.PAPARAN
    speaker_name = "Dr. Budi Santoso"
    speaker_title = "Kepala Bidang"
    is_public = True


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Bahan paparan {n}")
    url = "https://example.go.id/bahan.pdf"
    is_public = True


class InvitationFactory(factory.django.DjangoModelFactory):
    """An agency invited to a meeting with the meeting's default quota (2) unless ``quota`` is given."""

    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    agency = factory.SubFactory(AgencyFactory)
    quota = None

    class Params:
        # InvitationFactory(sent=True): the organiser has sent it (coordinators see only those).
        sent = factory.Trait(sent_at=factory.LazyFunction(timezone.now))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed delegate registered through an invitation (meeting and agency follow it)."""

    class Meta:
        model = Registration

    invitation = factory.SubFactory(InvitationFactory)
    meeting = factory.LazyAttribute(lambda reg: reg.invitation.meeting)
    agency = factory.LazyAttribute(lambda reg: reg.invitation.agency)
    full_name = factory.Sequence(lambda n: f"Peserta Contoh {n}")
    nip = ""
    position = "Kepala Bidang Pemberdayaan Masyarakat"
    gender = Registration.Gender.FEMALE
    phone = "081234567890"
    email = factory.Sequence(lambda n: f"peserta{n}@example.go.id")
    status = Registration.Status.CONFIRMED


def ongoing_meeting(**kwargs):
    """A meeting that began an hour ago and ends in seven: check-in is open, nothing is frozen."""
    now = timezone.now().replace(second=0, microsecond=0)
    kwargs.setdefault("start", now - datetime.timedelta(hours=1))
    kwargs.setdefault("end", now + datetime.timedelta(hours=7))
    return MeetingFactory(**kwargs)


def upcoming_meeting(days=14, **kwargs):
    """A meeting ``days`` from now, 08.00–16.00 WITA, whose registration is open today."""
    day = (datetime.datetime.now(WITA) + datetime.timedelta(days=days)).date()
    kwargs.setdefault("start", wita(day.year, day.month, day.day, 8))
    kwargs.setdefault("end", wita(day.year, day.month, day.day, 16))
    return MeetingFactory(**kwargs)


def register(meeting, agency, name, *, status=Registration.Status.CONFIRMED, checked_in=False, **fields):
    """A registration of ``agency``'s delegate (through its invitation, created when missing).

    Written directly, not through the registration service: for tests about what happens to
    existing registrations (reminders, documents). The e-mail is the first name's, unless taken.
    """
    invitation, _created = Invitation.objects.get_or_create(meeting=meeting, agency=agency)
    first = name.split()[0].lower()
    email = f"{first}@example.go.id"
    if Registration.objects.filter(meeting=meeting, email=email).exists():
        email = f"{first}.{Registration.objects.count()}@example.go.id"
    return Registration.objects.create(
        meeting=meeting,
        invitation=invitation,
        agency=agency,
        full_name=name,
        position=fields.pop("position", "Kepala Bidang Pemerintahan Desa"),
        gender=Registration.Gender.MALE,
        phone="081234567890",
        email=fields.pop("email", email),
        status=status,
        checked_in_at=timezone.now() if checked_in else None,
        **fields,
    )
