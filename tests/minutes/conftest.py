import pytest

from documents.signing import make_demo_p12
from meetings.models import Registration
from minutes import services
from rakor import roles
from tests.factories import AgencyFactory, UserFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory, RegistrationFactory, wita


@pytest.fixture(scope="session")
def demo_p12(tmp_path_factory):
    path = tmp_path_factory.mktemp("signing") / "demo-signing.p12"
    make_demo_p12(path)
    return path


@pytest.fixture(autouse=True)
def _signing_settings(settings, demo_p12):
    """Sign with the session's demo certificate, never with a file in the real ./private."""
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = demo_p12
    settings.RAKOR_SITE_URL = "https://rakor.example.go.id"


@pytest.fixture
def note_taker(db):
    return UserFactory(username="notulis", first_name="Dedi", last_name="Kurniawan", roles=[roles.NOTE_TAKER])


@pytest.fixture
def meeting(db):
    """A meeting with three agenda items, one invited agency and two delegates checked in."""
    meeting = MeetingFactory(items=3, chair_name="Dr. Ir. H. Ahmad Fauzi, M.Si.", chair_title="Kepala Dinas")
    invitation = InvitationFactory(meeting=meeting, agency=AgencyFactory(name="DPMD Kabupaten Paser"))
    for name in ("Yohanes Lete", "Siti Maryam"):
        RegistrationFactory(invitation=invitation, full_name=name, nip="198110022006041011")
    Registration.objects.filter(meeting=meeting).update(checked_in_at=wita(2018, 4, 24, 7, 45))
    return meeting


@pytest.fixture
def items(meeting):
    return [item for session in meeting.sessions.all() for item in session.items.order_by("order")]


@pytest.fixture
def minutes(meeting, note_taker):
    return services.start_minutes(meeting, by=note_taker)


@pytest.fixture
def ready(minutes, items, note_taker):
    """Minutes that can be finalised: chair, note-taker, a note and a decision, an action."""
    services.update_details(
        minutes, by=note_taker, note_taker_name="Dedi Kurniawan", chair_nip="197001011995031001"
    )
    services.save_note(minutes, items[0], "Kepala Dinas membuka rapat.", revision=0, by=note_taker)
    services.add_decision(minutes, text="Program 2019 provinsi dan kabupaten diselaraskan.", by=note_taker)
    agency = minutes.meeting.invitations.first().agency
    services.add_action(minutes, what="Menyampaikan RKA 2019", agency=agency, by=note_taker)
    minutes.refresh_from_db()
    return minutes
