"""The check-in desk: by code or name, one check-in only, walk-ins, self check-in at the venue."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Registration
from meetings.services import checkin
from tests.factories import AgencyFactory, MembershipFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, ongoing_meeting, upcoming_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]
Status = Registration.Status


@pytest.fixture
def delegate(db):
    invitation = InvitationFactory(meeting=ongoing_meeting(title="Rakor PMD 2030"))
    return RegistrationFactory(invitation=invitation, full_name="Siti Aminah")


def desk(meeting):
    return reverse("meetings:checkin_desk", args=[meeting.pk])


# Permissions -----------------------------------------------------------------------------------


def test_anonymous_visitors_go_to_login_and_cannot_check_in(client, delegate):
    for url in [
        reverse("meetings:checkin_index"),
        desk(delegate.meeting),
        f"{desk(delegate.meeting)}jumlah/",
        f"{desk(delegate.meeting)}tanpa-daftar/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    client.post(reverse("meetings:checkin_check_in", args=[delegate.pk]))
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_coordinators_get_404_at_the_desk(client, delegate):
    client.force_login(MembershipFactory(agency=delegate.agency).user)
    assert client.get(desk(delegate.meeting)).status_code == 404
    assert client.post(reverse("meetings:checkin_check_in", args=[delegate.pk])).status_code == 404
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_clerk_cannot_open_organiser_pages(clerk_client, delegate):
    assert clerk_client.get(reverse("meetings:registrations", args=[delegate.meeting_id])).status_code == 404


def test_organisers_may_work_the_desk(organiser_client, delegate):
    response = organiser_client.get(desk(delegate.meeting), {"q": delegate.checkin_code})
    assert "Siti Aminah" in response.content.decode()


# Desk ------------------------------------------------------------------------------------------


def test_typing_the_code_shows_name_agency_and_status(clerk_client, delegate):
    typed = delegate.checkin_code.lower()[:4] + " " + delegate.checkin_code.lower()[4:]

    response = clerk_client.get(desk(delegate.meeting), {"q": typed})

    page = response.content.decode()
    assert [r.pk for r in response.context["results"]] == [delegate.pk]
    assert "Siti Aminah" in page and delegate.agency.name in page and "Terkonfirmasi" in page


def test_search_by_name_finds_part_of_it_and_htmx_gets_the_results_only(clerk_client, delegate):
    RegistrationFactory(invitation=delegate.invitation, full_name="Budi Santoso")

    response = clerk_client.get(
        desk(delegate.meeting), {"q": "amin"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="hasil"
    )

    page = response.content.decode()
    assert "Siti Aminah" in page and "Budi Santoso" not in page
    assert "<html" not in page


def test_one_tap_checks_in_and_the_second_is_reported_not_duplicated(clerk_client, clerk, delegate):
    url = reverse("meetings:checkin_check_in", args=[delegate.pk])

    first = clerk_client.post(url, HTTP_HX_REQUEST="true").content.decode()
    delegate.refresh_from_db()
    when = timezone.localtime(delegate.checked_in_at, delegate.meeting.tzinfo).strftime("%H.%M")
    assert f"Siti Aminah tercatat hadir pukul {when}." in first
    assert delegate.checked_in_by == clerk
    assert "Hadir <strong>1</strong> dari 1" in first  # the count, swapped out of band

    second = clerk_client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert f"Siti Aminah sudah registrasi ulang pukul {when}." in second
    stamp = delegate.checked_in_at
    delegate.refresh_from_db()
    assert delegate.checked_in_at == stamp
    assert Registration.objects.checked_in().count() == 1


def test_check_in_without_javascript_redirects_back_with_a_message(clerk_client, delegate):
    response = clerk_client.post(reverse("meetings:checkin_check_in", args=[delegate.pk]), follow=True)
    assert "tercatat hadir" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"?q={delegate.checkin_code}")


def test_cancelled_and_waitlisted_delegates_are_not_checked_in(clerk_client, delegate):
    for status in (Status.CANCELLED, Status.WAITLISTED):
        other = RegistrationFactory(invitation=delegate.invitation, status=status)
        url = reverse("meetings:checkin_check_in", args=[other.pk])
        page = clerk_client.post(url, HTTP_HX_REQUEST="true")
        assert "Tidak dapat registrasi ulang" in page.content.decode()
        other.refresh_from_db()
        assert other.checked_in_at is None


def test_walk_in_is_registered_confirmed_by_the_clerk_and_checked_in(clerk_client, clerk, delegate):
    agency = AgencyFactory(name="DPMD Mahakam Ulu")
    invitation = InvitationFactory(meeting=delegate.meeting, agency=agency, quota=1)
    RegistrationFactory(invitation=invitation)  # the quota is full: walk-ins are in the room anyway
    response = clerk_client.post(
        f"{desk(delegate.meeting)}tanpa-daftar/",
        {
            "agency": agency.pk,
            "full_name": "Yohanes Lawing",
            "nip": "",
            "position": "Kepala Seksi",
            "gender": "L",
            "phone": "0812 3456 7890",
            "email": "yohanes@example.go.id",
        },
        follow=True,
    )
    walk_in = Registration.objects.get(full_name="Yohanes Lawing")
    assert (walk_in.status, walk_in.registered_by, walk_in.checked_in_by) == (Status.CONFIRMED, clerk, clerk)
    assert walk_in.checked_in_at is not None and walk_in.agency == agency
    assert walk_in.invitation == invitation
    assert "Yohanes Lawing didaftarkan dan tercatat hadir." in response.content.decode()


def test_walk_in_with_an_email_already_registered_makes_no_second_row(clerk_client, delegate):
    clerk_client.post(
        f"{desk(delegate.meeting)}tanpa-daftar/",
        {
            "agency": delegate.agency_id,
            "full_name": "Siti A.",
            "position": "Kepala Seksi",
            "gender": "P",
            "phone": "081234567890",
            "email": delegate.email.upper(),
        },
    )
    assert Registration.objects.filter(meeting=delegate.meeting).count() == 1


def test_attendance_counts_checked_in_of_expected(delegate):
    RegistrationFactory(invitation=delegate.invitation, status=Status.WAITLISTED)
    checkin.check_in(delegate)
    assert checkin.attendance(delegate.meeting) == {"present": 1, "expected": 1}


@pytest.mark.parametrize("q", ["code", "name"])
def test_desk_query_count_is_the_same_for_1_and_many_registrations(clerk_client, q):
    counts = []
    for rows in (1, 60):
        invitation = InvitationFactory(meeting=upcoming_meeting(), quota=rows)
        registrations = RegistrationFactory.create_batch(rows, invitation=invitation)
        query = registrations[0].checkin_code if q == "code" else "Peserta"
        with CaptureQueriesContext(connection) as queries:
            clerk_client.get(desk(invitation.meeting), {"q": query})
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Self check-in ---------------------------------------------------------------------------------


def test_venue_page_shows_a_qr_code_leading_to_the_self_check_in_page(organiser_client, delegate):
    response = organiser_client.get(
        reverse("meetings:checkin_venue", args=[delegate.meeting_id]), {"hours": 2}
    )
    page = response.content.decode()
    assert 'src="data:image/png;base64,' in page
    assert response.context["url"].startswith(
        f"https://rakor.example.go.id/rapat/{delegate.meeting_id}/hadir/"
    )


def test_delegate_checks_in_at_the_venue_with_their_own_link(client, delegate):
    token, _until = checkin.window_token(delegate.meeting, hours=2)
    url = reverse("meetings:self_checkin", args=[delegate.meeting_id, token])

    assert "Catat kehadiran saya" in client.get(url).content.decode()
    page = client.post(url, {"proof": delegate.manage_url()}).content.decode()

    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None and delegate.checked_in_by is None
    assert "Kehadiran Anda tercatat pukul" in page
    again = client.post(
        url, {"proof": f"https://rakor.example.go.id{delegate.manage_url()}"}
    ).content.decode()
    assert "Anda sudah registrasi ulang pukul" in again


def test_self_check_in_with_a_check_in_code_or_another_meetings_link_is_refused(client, delegate):
    """The check-in code is printed on badges and read aloud: it proves nothing at the venue."""
    other = RegistrationFactory()
    token, _until = checkin.window_token(delegate.meeting, hours=2)
    url = reverse("meetings:self_checkin", args=[delegate.meeting_id, token])

    for proof in ["ZZZZZZZZ", delegate.checkin_code, other.manage_url()]:
        page = client.post(url, {"proof": proof}).content.decode()
        assert "Tautan tidak dikenal untuk rapat ini." in page
    delegate.refresh_from_db()
    other.refresh_from_db()
    assert delegate.checked_in_at is None and other.checked_in_at is None


def test_expired_forged_or_other_meeting_window_is_404(client, delegate, monkeypatch):
    token, _until = checkin.window_token(delegate.meeting, hours=1)
    other = upcoming_meeting()
    assert client.get(reverse("meetings:self_checkin", args=[other.pk, token])).status_code == 404
    assert (
        client.get(reverse("meetings:self_checkin", args=[delegate.meeting_id, f"{token}x"])).status_code
        == 404
    )
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(reverse("meetings:self_checkin", args=[delegate.meeting_id, token])).status_code == 404


def test_self_check_in_posts_are_rate_limited(client, delegate, settings):
    settings.RAKOR_PUBLIC_POST_RATE = (3, 60)
    token, _until = checkin.window_token(delegate.meeting, hours=1)
    url = reverse("meetings:self_checkin", args=[delegate.meeting_id, token])
    statuses = [client.post(url, {"proof": f"WRONG{n:03d}"}).status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_clerks_dashboard_links_to_the_desk(clerk_client, delegate):
    html = clerk_client.get(reverse("home")).content.decode()
    assert reverse("meetings:checkin_desk", args=[delegate.meeting_id]) in html


def test_walk_in_agencies_are_the_invited_ones_and_the_organiser(clerk_client, delegate):
    stranger = AgencyFactory(name="Dinas Yang Tidak Diundang")
    response = clerk_client.get(f"{desk(delegate.meeting)}tanpa-daftar/")
    choices = {agency.pk for agency in response.context["form"].fields["agency"].queryset}
    assert choices == {delegate.agency_id, delegate.meeting.organiser_id}
    assert stranger.pk not in choices


def test_a_walk_in_without_an_e_mail_address_registers_with_a_phone_number(
    clerk_client, delegate, mailoutbox
):
    meeting = delegate.meeting
    response = clerk_client.post(
        reverse("meetings:checkin_walk_in", args=[meeting.pk]),
        {
            "agency": delegate.agency_id,
            "full_name": "Pak Darto",
            "position": "Kepala Desa",
            "gender": "L",
            "phone": "081234567899",
            "email": "",
        },
        follow=True,
    )
    walk_in = Registration.objects.get(full_name="Pak Darto")
    assert walk_in.email == "" and walk_in.checked_in_at is not None
    assert "tercatat hadir" in response.content.decode()
    second = clerk_client.post(
        reverse("meetings:checkin_walk_in", args=[meeting.pk]),
        {"agency": delegate.agency_id, "full_name": "Bu Sari", "position": "Sekdes", "gender": "P",
         "phone": "081234567898", "email": ""},
    )
    assert second.status_code == 302  # two walk-ins without e-mail do not clash
    assert Registration.objects.filter(email="", meeting=meeting).count() == 2
    assert mailoutbox == []


def test_the_public_form_still_requires_an_e_mail_address(client, delegate):
    invitation = delegate.invitation
    response = client.post(
        reverse("meetings:register", args=[invitation.token]),
        {"full_name": "Tanpa Surel", "position": "Staf", "gender": "L", "phone": "081234567890", "email": ""},
    )
    assert response.context["form"].errors["email"]
