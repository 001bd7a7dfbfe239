"""Organisers' invitation and registration pages: inviting, quotas, sending, filters, exports."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import Agency
from meetings.models import Invitation, Registration
from rakor import roles
from tests.factories import AgencyFactory, MembershipFactory, UserFactory, region
from tests.meetings.agenda_fixtures import pdf_text
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]
Status = Registration.Status


@pytest.fixture
def meeting(db):
    return upcoming_meeting(title="Rakor PMD 2030", default_quota=3)


def page_urls(meeting, invitation, registration):
    return [
        reverse("meetings:invitations", args=[meeting.pk]),
        reverse("meetings:invitations_progress", args=[meeting.pk]),
        reverse("meetings:registrations", args=[meeting.pk]),
        reverse("meetings:registrations_export", args=[meeting.pk, "csv"]),
        reverse("meetings:registrations_export", args=[meeting.pk, "xlsx"]),
        reverse("meetings:registration_reject", args=[registration.pk]),
        reverse("meetings:checkin_venue", args=[meeting.pk]),
    ]


def post_urls(meeting, invitation, registration):
    return [
        (reverse("meetings:invite", args=[meeting.pk]), {"agencies": [invitation.agency_id], "quota": 9}),
        (reverse("meetings:invitations_send", args=[meeting.pk]), {"semua": "1"}),
        (reverse("meetings:invitation_quota", args=[invitation.pk]), {"quota": 9}),
        (reverse("meetings:registration_approve", args=[registration.pk]), {}),
        (reverse("meetings:registration_reject", args=[registration.pk]), {"reason": "x"}),
    ]


# Permissions -----------------------------------------------------------------------------------


def test_anonymous_visitors_go_to_login_and_change_nothing(client, meeting):
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting), status=Status.PENDING)
    for url in page_urls(meeting, registration.invitation, registration):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    for url, data in post_urls(meeting, registration.invitation, registration):
        client.post(url, data)
    registration.refresh_from_db()
    registration.invitation.refresh_from_db()
    assert registration.status == Status.PENDING
    assert registration.invitation.quota == 3
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("role", ["coordinator", "clerk"])
def test_coordinators_and_clerks_get_404_on_organiser_pages(client, meeting, role):
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting), status=Status.PENDING)
    if role == "coordinator":
        user = MembershipFactory(agency=registration.agency).user
    else:
        user = UserFactory(roles=[roles.CHECKIN_CLERK])
    client.force_login(user)
    for url in page_urls(meeting, registration.invitation, registration):
        assert client.get(url).status_code == 404, url
    for url, data in post_urls(meeting, registration.invitation, registration):
        assert client.post(url, data).status_code == 404, url
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


# Inviting --------------------------------------------------------------------------------------


def kaltim_agencies():
    """Two regency agencies of Kalimantan Timur, one of Kalimantan Utara, one provincial of Kaltim."""
    kutai = AgencyFactory(name="DPMD Kutai Kartanegara", region=region("64.02"))
    berau = AgencyFactory(name="DPMK Berau", region=region("64.03"))
    other = AgencyFactory(name="DPMD Bulungan", region=region("65.01"))
    provincial = AgencyFactory(name="Bappeda Kaltim", region=region("64"))
    return kutai, berau, other, provincial


def test_picker_lists_regency_agencies_of_one_province_not_yet_invited(organiser_client, meeting):
    kutai, berau, other, provincial = kaltim_agencies()
    InvitationFactory(meeting=meeting, agency=berau)

    response = organiser_client.get(
        reverse("meetings:invitations", args=[meeting.pk]), {"tingkat": "regency", "wilayah": "64"}
    )

    assert [agency.name for agency in response.context["candidates"]] == ["DPMD Kutai Kartanegara"]
    assert "DPMD Bulungan" not in response.content.decode()


def test_inviting_checked_agencies_creates_invitations_with_the_quota(organiser_client, meeting):
    kutai, berau, other, provincial = kaltim_agencies()

    response = organiser_client.post(
        reverse("meetings:invite", args=[meeting.pk]), {"agencies": [kutai.pk, berau.pk], "quota": 4}
    )

    assert response.status_code == 302
    invitations = Invitation.objects.filter(meeting=meeting).order_by("agency__name")
    assert [(i.agency.name, i.quota) for i in invitations] == [
        ("DPMD Kutai Kartanegara", 4),
        ("DPMK Berau", 4),
    ]
    assert all(len(i.token) >= 40 for i in invitations)
    page = organiser_client.get(reverse("meetings:invitations", args=[meeting.pk])).content.decode()
    assert "2 instansi diundang" in page
    assert f"https://rakor.example.go.id/rapat/undangan/{invitations[0].token}/" in page


def test_inviting_nothing_checked_says_so(organiser_client, meeting):
    response = organiser_client.post(
        reverse("meetings:invite", args=[meeting.pk]), {"quota": 2}, follow=True
    )
    assert "Centang paling sedikit satu instansi." in response.content.decode()
    assert not Invitation.objects.exists()


def test_raising_the_quota_promotes_the_waiting_list(organiser_client, meeting):
    invitation = InvitationFactory(meeting=meeting, quota=1)
    RegistrationFactory(invitation=invitation)
    waiting = RegistrationFactory(invitation=invitation, status=Status.WAITLISTED)

    response = organiser_client.post(
        reverse("meetings:invitation_quota", args=[invitation.pk]), {"quota": 2}, follow=True
    )

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert "1 peserta dari daftar tunggu naik menjadi peserta." in response.content.decode()


# Sending ---------------------------------------------------------------------------------------


def test_sending_to_all_mails_each_agency_its_link_and_marks_sent(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    first = InvitationFactory(meeting=meeting, agency=AgencyFactory(email="dpmd.kukar@example.go.id"))
    second = InvitationFactory(meeting=meeting, agency=AgencyFactory(email="dpmk.berau@example.go.id"))

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("meetings:invitations_send", args=[meeting.pk]), {"semua": "1"})

    assert sorted(message.to[0] for message in mail.outbox) == [
        "dpmd.kukar@example.go.id",
        "dpmk.berau@example.go.id",
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    body = by_address["dpmd.kukar@example.go.id"].body
    assert f"https://rakor.example.go.id/rapat/undangan/{first.token}/" in body
    assert "Rakor PMD 2030" in by_address["dpmd.kukar@example.go.id"].subject
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.sent_at and second.sent_at
    page = organiser_client.get(reverse("meetings:invitations", args=[meeting.pk])).content.decode()
    assert "Terkirim 2 dari 2" in page


def test_invitation_mail_carries_the_agencys_invitation_letter_as_pdf(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    agency = AgencyFactory(
        name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Berau",
        short_name="DPMK Berau",
        email="dpmk.berau@example.go.id",
    )
    invitation = InvitationFactory(meeting=meeting, agency=agency)

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("meetings:invitations_send", args=[meeting.pk]), {"semua": "1"})

    [message] = mail.outbox
    [(filename, content, mimetype)] = message.attachments
    assert filename == "surat-undangan-dpmk-berau.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    flat = " ".join(text.split())
    assert "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Berau" in flat
    assert f"https://rakor.example.go.id/rapat/undangan/{invitation.token}/" in text.replace("\n", "")
    assert "Surat undangan resmi terlampir (PDF)." in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at and not invitation.send_error


def test_sending_only_the_checked_invitations_and_reporting_failures(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    checked = InvitationFactory(meeting=meeting, agency=AgencyFactory(email="a@example.go.id"))
    no_address = InvitationFactory(meeting=meeting, agency=AgencyFactory(name="Dinas Tanpa Surel", email=""))
    unchecked = InvitationFactory(meeting=meeting, agency=AgencyFactory(email="c@example.go.id"))

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            reverse("meetings:invitations_send", args=[meeting.pk]), {"undangan": [checked.pk, no_address.pk]}
        )

    assert [message.to for message in mail.outbox] == [["a@example.go.id"]]
    unchecked.refresh_from_db()
    no_address.refresh_from_db()
    assert unchecked.sent_at is None
    assert no_address.sent_at is None and no_address.send_error
    progress_url = reverse("meetings:invitations_progress", args=[meeting.pk])
    progress = organiser_client.get(progress_url).content.decode()
    assert "Terkirim 1 dari 2" in progress
    assert "Dinas Tanpa Surel" in progress and "Instansi belum punya alamat surel." in progress


def test_invitation_page_query_count_does_not_grow_with_agencies(
    organiser_client, meeting, django_assert_num_queries
):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            organiser_client.get(reverse("meetings:invitations", args=[meeting.pk]), {"tingkat": "regency"})
        return len(queries)

    RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
    few = count()
    for _index in range(15):
        RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
        AgencyFactory()
    assert count() == few


# Registrations ---------------------------------------------------------------------------------


def registrations_fixture(meeting):
    kutai = InvitationFactory(
        meeting=meeting, agency=AgencyFactory(name="DPMD Kutai Kartanegara", region=region("64.02"))
    )
    berau = InvitationFactory(
        meeting=meeting, agency=AgencyFactory(name="DPMK Berau", region=region("64.03"))
    )
    silent = InvitationFactory(
        meeting=meeting, agency=AgencyFactory(name="DPMD Paser", region=region("64.01"))
    )
    RegistrationFactory(invitation=kutai, full_name="Siti Aminah", status=Status.CONFIRMED)
    RegistrationFactory(invitation=kutai, full_name="Budi Santoso", status=Status.PENDING)
    RegistrationFactory(invitation=berau, full_name="Rahmat Hidayat", status=Status.WAITLISTED)
    return kutai, berau, silent


def test_registration_list_filters_by_agency_region_and_status(organiser_client, meeting):
    kutai, berau, silent = registrations_fixture(meeting)
    url = reverse("meetings:registrations", args=[meeting.pk])

    def names(**query):
        response = organiser_client.get(url, query)
        return sorted(r.full_name for r in response.context["registrations"])

    assert names() == ["Budi Santoso", "Rahmat Hidayat", "Siti Aminah"]
    assert names(instansi="kutai kartanegara") == ["Budi Santoso", "Siti Aminah"]  # name search
    assert names(wilayah="64.03") == ["Rahmat Hidayat"]
    assert names(status="pending") == ["Budi Santoso"]


def test_counts_per_agency_and_region_include_agencies_without_registrations(organiser_client, meeting):
    registrations_fixture(meeting)

    response = organiser_client.get(reverse("meetings:registrations", args=[meeting.pk]))

    assert [i.agency.name for i in response.context["without_registrations"]] == ["DPMD Paser"]
    rows = {row["code"]: row for row in response.context["region_counts"]}
    assert rows["64.02"]["registered"] == 2 and rows["64.02"]["without"] == 0
    assert rows["64.01"]["registered"] == 0 and rows["64.01"]["without"] == 1
    assert "Belum mendaftar" in response.content.decode()


def test_approving_a_pending_registration_mails_the_delegate(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting), status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("meetings:registration_approve", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[registration.email]]


def test_rejecting_needs_a_reason_which_is_mailed(
    organiser_client, meeting, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=meeting))
    url = reverse("meetings:registration_reject", args=[registration.pk])

    response = organiser_client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, {"reason": "Surat tugas tidak ditandatangani."})

    registration.refresh_from_db()
    assert registration.status == Status.REJECTED
    assert registration.rejection_reason == "Surat tugas tidak ditandatangani."
    assert "Surat tugas tidak ditandatangani." in mail.outbox[-1].body


def test_csv_export_has_the_filtered_rows(organiser_client, meeting):
    kutai, berau, silent = registrations_fixture(meeting)

    response = organiser_client.get(
        reverse("meetings:registrations_export", args=[meeting.pk, "csv"]), {"instansi": "Kutai"}
    )

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["No", "Nama", "NIP", "Jabatan", "Instansi"]
    assert sorted(row[1] for row in rows[1:]) == ["Budi Santoso", "Siti Aminah"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_xlsx_export_has_the_rows(organiser_client, meeting):
    registrations_fixture(meeting)

    response = organiser_client.get(reverse("meetings:registrations_export", args=[meeting.pk, "xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][1] == "Nama"
    assert sorted(row[1] for row in values[1:]) == ["Budi Santoso", "Rahmat Hidayat", "Siti Aminah"]
    assert {row[8] for row in values[1:]} == {"Terkonfirmasi", "Menunggu Verifikasi", "Daftar Tunggu"}


def test_exports_name_each_delegates_badge_role(organiser_client, meeting):
    kutai, _berau, _silent = registrations_fixture(meeting)
    speaker = Registration.objects.filter(invitation=kutai).first()
    Registration.objects.filter(pk=speaker.pk).update(role=Registration.Role.NARASUMBER)

    response = organiser_client.get(reverse("meetings:registrations_export", args=[meeting.pk, "xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = [row for row in sheet.iter_rows(values_only=True)]
    assert header[9] == "Peran"
    roles = {row[1]: row[9] for row in rows}
    assert roles[speaker.full_name] == "Narasumber"
    assert sorted(roles.values()) == ["Narasumber", "Peserta", "Peserta"]


def bulk_registrations(meeting, count):
    invitation = InvitationFactory(meeting=meeting, quota=count)
    Registration.objects.bulk_create(
        [
            Registration(
                meeting=meeting,
                invitation=invitation,
                agency=invitation.agency,
                full_name=f"Peserta {n:04d}",
                position="Staf",
                gender="L",
                phone="0812000000",
                email=f"bulk{meeting.pk}-{n}@example.go.id",
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("meetings:registrations", []),
        ("meetings:registrations_export", ["csv"]),
        ("meetings:registrations_export", ["xlsx"]),
    ],
)
def test_registration_pages_query_count_is_the_same_for_1_and_250_rows(organiser_client, name, extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for rows in (1, 250):
        meeting = upcoming_meeting()
        bulk_registrations(meeting, rows)
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(reverse(name, args=[meeting.pk, *extra]))
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_unknown_export_format_falls_back_to_csv(organiser_client, meeting):
    response = organiser_client.get(reverse("meetings:registrations_export", args=[meeting.pk, "txt"]))
    assert response["Content-Type"].startswith("text/csv")
    assert Agency.objects.count() >= 1


def test_organisers_dashboard_lists_meetings_with_pending_registrations(organiser_client, meeting):
    RegistrationFactory(invitation=InvitationFactory(meeting=meeting), status=Status.PENDING)
    html = organiser_client.get(reverse("home")).content.decode()
    assert "Pendaftaran menunggu verifikasi" in html
    assert reverse("meetings:registrations", args=[meeting.pk]) + "?status=pending" in html


# Pages of 50 at national scale -----------------------------------------------------------------


def many_invitations(meeting, count):
    """``count`` invited agencies named "Dinas Banyak 000".. (sorted as created), the first sent."""
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Dinas Banyak {n:03d}", region=region("64.02"), level="regency") for n in range(count)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, agency=agency, quota=2) for agency in agencies
    )
    Invitation.objects.filter(pk=invitations[0].pk).update(sent_at="2030-01-01T08:00:00+08:00")
    return invitations


def test_invitations_page_shows_50_agencies_a_page_with_totals_over_all(organiser_client, meeting):
    invitations = many_invitations(meeting, 120)
    RegistrationFactory(invitation=invitations[0], status=Status.CONFIRMED)
    RegistrationFactory(invitation=invitations[119], status=Status.WAITLISTED)
    url = reverse("meetings:invitations", args=[meeting.pk])

    first = organiser_client.get(url)
    last = organiser_client.get(url, {"halaman": 3, "tingkat": "regency"})

    assert [i.agency.name for i in first.context["invitations"]][:2] == [
        "Dinas Banyak 000",
        "Dinas Banyak 001",
    ]
    assert len(first.context["invitations"]) == 50 and len(last.context["invitations"]) == 20
    for response in (first, last):
        page = response.content.decode()
        assert "120 instansi diundang" in page and "1 dari 120" in page  # sent, over all pages
        totals = response.context["totals"]
        assert (totals["quota"], totals["confirmed_count"], totals["waitlisted_count"]) == (240, 1, 1)
    assert "Halaman 1 dari 3" in first.content.decode()
    # The page links keep the picker's filters; paging alone does not run the picker.
    assert "tingkat=regency&amp;halaman=2" in last.content.decode()
    assert (
        not first.context["picker"].is_bound
        and not organiser_client.get(url, {"halaman": 2}).context["picker"].is_bound
    )


def test_changing_a_quota_returns_to_the_page_it_was_changed_on(organiser_client, meeting):
    invitation = many_invitations(meeting, 60)[55]
    back = reverse("meetings:invitations", args=[meeting.pk]) + "?halaman=2"

    response = organiser_client.post(
        reverse("meetings:invitation_quota", args=[invitation.pk]), {"quota": 7, "next": back}
    )
    elsewhere = organiser_client.post(
        reverse("meetings:invitation_quota", args=[invitation.pk]),
        {"quota": 7, "next": "https://example.com/"},
    )

    assert response["Location"] == f"{back}#undangan-{invitation.pk}"
    assert (
        elsewhere["Location"]
        == reverse("meetings:invitations", args=[meeting.pk]) + f"#undangan-{invitation.pk}"
    )
    invitation.refresh_from_db()
    assert invitation.quota == 7


def test_registration_list_shows_counts_of_50_agencies_a_page_and_searches_agencies_by_name(
    organiser_client, meeting
):
    invitations = many_invitations(meeting, 70)
    RegistrationFactory(invitation=invitations[65], full_name="Peserta Enam Lima")
    url = reverse("meetings:registrations", args=[meeting.pk])

    first = organiser_client.get(url)
    second = organiser_client.get(url, {"halaman_instansi": 2, "status": "confirmed"})
    found = organiser_client.get(url, {"instansi": "banyak 065"})

    assert len(first.context["invitations"]) == 50 and len(second.context["invitations"]) == 20
    assert len(first.context["without_registrations"]) == 69  # over all agencies, not the page
    assert "Dinas Banyak 065" in second.content.decode()
    assert "status=confirmed&amp;halaman_instansi=1" in second.content.decode()
    assert [r.full_name for r in found.context["registrations"]] == ["Peserta Enam Lima"]
    assert 'type="search" name="instansi"' in found.content.decode()
