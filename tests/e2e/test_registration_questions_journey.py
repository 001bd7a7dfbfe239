"""An organiser adds registration questions; a delegate answers them on the public form, first
forgetting a required one, and the organiser reads the answers on the registration page."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Registration
from rakor import roles
from tests.e2e.conftest import ARTIFACTS, login
from tests.factories import PASSWORD, UserFactory
from tests.meetings.factories import InvitationFactory, upcoming_meeting

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def screenshot(page, name):
    """Keep a picture of the page when RAKOR_SCREENSHOTS=1 (to look at the layout)."""
    if os.environ.get("RAKOR_SCREENSHOTS") == "1":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def add_question(page, label, kind, *, choices="", required=False):
    form = page.locator("form").filter(has=page.get_by_role("button", name="Tambah"))
    form.get_by_label("Pertanyaan", exact=False).first.fill(label)
    form.get_by_label(kind, exact=True).check()
    if choices:
        form.get_by_label("Pilihan jawaban").fill(choices)
    if required:
        form.get_by_label("Wajib dijawab").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Tambah").click()


def test_organiser_adds_questions_and_a_delegate_answers_them(page, tmp_path):
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    meeting = upcoming_meeting(title="Rakor PMD 2030")
    invitation = InvitationFactory(meeting=meeting, agency__name="DPMD Kutai Kartanegara", quota=3)
    login(page, "penyelenggara", PASSWORD)

    page.goto(reverse("meetings:staff_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Pertanyaan pendaftaran").click()
    add_question(page, "Ukuran kaos", "Pilihan", choices="S\nM\nL\nXL", required=True)
    add_question(page, "Vegetarian?", "Ya/Tidak")
    add_question(page, "Pantangan makanan", "Teks", required=True)
    add_question(page, "Surat keterangan sehat", "Berkas")
    expect(page.locator("#pertanyaan li")).to_have_count(4)
    screenshot(page, "questions-management")

    page.context.clear_cookies()
    page.goto(reverse("meetings:register", args=[invitation.token]))
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Jabatan").fill("Kepala Seksi")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    page.get_by_label("Surel").fill("siti@example.go.id")
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Surat tugas").set_input_files(str(letter))
    page.get_by_label("M", exact=True).check()
    page.get_by_label("Ya", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Daftar").click()

    field = page.locator("#pertanyaan-pendaftaran")
    expect(field).to_contain_text("Bidang ini tidak boleh kosong")
    expect(page.get_by_label("M", exact=True)).to_be_checked()  # what was typed stays
    expect(page.get_by_label("Nama lengkap")).to_have_value("Siti Aminah")
    screenshot(page, "public-form-questions")

    page.get_by_label("Pantangan makanan").fill("Alergi udang")
    page.get_by_label("Surat tugas").set_input_files(str(letter))
    with page.expect_navigation():
        page.get_by_role("button", name="Daftar").click()
    expect(page.locator(".checkin-code")).to_be_visible()

    registration = Registration.objects.get()
    login(page, "penyelenggara", PASSWORD)
    page.goto(reverse("meetings:registration_detail", args=[registration.pk]))
    answers = page.locator("#jawaban")
    expect(answers).to_contain_text("Ukuran kaos")
    expect(answers).to_contain_text("Alergi udang")
    expect(answers).to_contain_text("Ya")
    screenshot(page, "registration-detail-answers")
