"""A coordinator fills their agency's one seat and a waiting list; a clerk checks a delegate in."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Registration
from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, ongoing_meeting, upcoming_meeting

pytestmark = pytest.mark.e2e


def add_delegate(page, name, email):
    form = page.locator("form").filter(has=page.get_by_role("button", name="Daftarkan"))
    form.get_by_label("Nama lengkap").fill(name)
    form.get_by_label("Jabatan").fill("Kepala Seksi")
    form.get_by_label("Laki-laki").check()
    form.get_by_label("Nomor HP").fill("0812 3456 7890")
    form.get_by_label("Surel").fill(email)
    with page.expect_navigation():
        form.get_by_role("button", name="Daftarkan").click()


def test_coordinator_fills_one_seat_the_second_waits_and_moves_up_on_cancel(page):
    membership = MembershipFactory(user__username="koordinator", agency__name="DPMD Kutai Kartanegara")
    meeting = upcoming_meeting(title="Rakor PMD 2030")
    invitation = InvitationFactory(meeting=meeting, agency=membership.agency, quota=1, sent=True)
    page.on("dialog", lambda dialog: dialog.accept())  # "Batalkan pendaftaran …?"
    login(page, "koordinator", PASSWORD)

    page.goto(reverse("meetings:coordinator_invitations"))
    page.get_by_role("link", name=re.compile("Rakor PMD 2030")).click()
    add_delegate(page, "Siti Aminah", "siti@example.go.id")
    expect(page.locator("#peserta")).to_contain_text("Siti Aminah")
    expect(page.locator("#kuota")).to_contain_text("1 dari 1 kursi terisi")

    add_delegate(page, "Budi Santoso", "budi@example.go.id")
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "Budi Santoso masuk Daftar Tunggu"
    )
    expect(page.locator("#daftar-tunggu")).to_contain_text("Budi Santoso")

    with page.expect_navigation():
        page.get_by_role("button", name="Batalkan Siti Aminah").click()

    expect(page.locator("#peserta")).to_contain_text("Budi Santoso")
    expect(page.locator("#peserta")).to_contain_text("Terkonfirmasi")
    expect(page.locator("#daftar-tunggu")).to_have_count(0)
    statuses = dict(invitation.registrations.values_list("full_name", "status"))
    assert statuses == {"Siti Aminah": "cancelled", "Budi Santoso": "confirmed"}


def test_clerk_types_the_code_checks_in_and_the_count_updates(page):
    UserFactory(username="petugas", roles=[roles.CHECKIN_CLERK])
    invitation = InvitationFactory(meeting=ongoing_meeting(title="Rakor PMD 2030"))
    siti = RegistrationFactory(invitation=invitation, full_name="Siti Aminah")
    RegistrationFactory(invitation=invitation, full_name="Budi Santoso")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "petugas", PASSWORD)

    page.goto(reverse("meetings:checkin_desk", args=[invitation.meeting_id]))
    count = page.locator("#jumlah-hadir")
    expect(count).to_contain_text("Hadir 0 dari 2")
    page.get_by_label("Kode registrasi atau nama peserta").fill(siti.checkin_code.lower())
    page.get_by_label("Kode registrasi atau nama peserta").press("Enter")
    result = page.locator(f"#peserta-{siti.pk}")
    expect(result).to_contain_text("Siti Aminah")
    expect(page.locator("#hasil")).not_to_contain_text("Budi Santoso")

    result.get_by_role("button", name="Hadir").click()

    expect(page.locator(f"#peserta-{siti.pk}")).to_contain_text("tercatat hadir pukul")
    expect(page.locator("#jumlah-hadir")).to_contain_text("Hadir 1 dari 2")
    siti.refresh_from_db()
    assert siti.checked_in_at is not None
    assert Registration.objects.checked_in().count() == 1


def qr_video(path, text):
    """A Y4M video (what Chromium's fake camera plays) showing the QR code of ``text``."""
    import io

    import segno
    from PIL import Image

    buffer = io.BytesIO()
    # micro=False: phone cameras and jsQR read only regular QR codes, never Micro QR.
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _frame in range(10):
            video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_clerk_scans_the_qr_code_with_the_camera(browser, live_server, tmp_path):
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    UserFactory(username="petugas", roles=[roles.CHECKIN_CLERK])
    invitation = InvitationFactory(meeting=upcoming_meeting(title="Rakor PMD 2030"))
    siti = RegistrationFactory(invitation=invitation, full_name="Siti Aminah")
    RegistrationFactory(invitation=invitation, full_name="Budi Santoso")
    video = tmp_path / "qr.y4m"
    qr_video(video, siti.qr_payload())
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
        headless=True,
    )
    try:
        context = camera_browser.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 844}
        )
        context.grant_permissions(["camera"])
        page = context.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        login(page, "petugas", PASSWORD)
        page.goto(reverse("meetings:checkin_desk", args=[invitation.meeting_id]))

        page.get_by_role("button", name="Pindai kode QR").click()
        expect(page.get_by_label("Kode registrasi atau nama peserta")).to_have_value(siti.checkin_code)
        expect(page.locator(f"#peserta-{siti.pk}")).to_contain_text("Siti Aminah")
        expect(page.locator("[data-qr-panel]")).to_be_hidden()  # the camera is released
        assert errors == []
    finally:
        camera_browser.close()
