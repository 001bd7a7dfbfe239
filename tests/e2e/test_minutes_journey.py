"""A note-taker writes notes (autosaved), an organiser adds a decision and finalises; the PDF's
printed verification address opens a page that says the document is valid and signed. With a task
worker, the progress page follows the job until the PDF is there."""

import re
import subprocess
import threading

import pytest
from django.db import connections
from playwright.sync_api import expect

from documents.signing import make_demo_p12
from minutes import services
from minutes.finalising import finalise_job
from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def signing(settings, tmp_path, live_server):
    path = tmp_path / "demo-signing.p12"
    make_demo_p12(path)
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = path
    settings.RAKOR_SITE_URL = live_server.url


def test_minutes_from_notes_to_a_verified_signed_pdf(page, browser, live_server, signing, tmp_path):
    UserFactory(username="notulis", first_name="Dedi", last_name="Kurniawan", roles=[roles.NOTE_TAKER])
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    meeting = MeetingFactory(items=2, chair_name="Ahmad Fauzi", chair_title="Kepala Dinas")
    first, second = [item for item in meeting.sessions.get().items.order_by("order")]

    # The note-taker starts the minutes and types two notes; each is saved as it is typed.
    login(page, "notulis", PASSWORD)
    page.get_by_role("link", name="Notula", exact=True).first.click()
    page.get_by_role("link", name=meeting.title).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mulai notula").click()
    for item, text in ((first, "Kepala Dinas membuka rapat."), (second, "Paparan program provinsi 2019.")):
        page.locator(f"#note-{item.pk}").press_sequentially(text)
        expect(page.locator(f"#note-state-{item.pk}")).to_contain_text("Tersimpan pukul")
    page.reload()
    expect(page.locator(f"#note-{second.pk}")).to_have_value("Paparan program provinsi 2019.")
    expect(page.get_by_role("button", name=re.compile("Finalkan"))).to_have_count(0)

    # The organiser adds a decision and finalises.
    organiser = browser.new_context(base_url=live_server.url, locale="id-ID")
    organiser_page = organiser.new_page()
    organiser_page.on("dialog", lambda dialog: dialog.accept())
    login(organiser_page, "penyelenggara", PASSWORD)
    organiser_page.goto(f"/notula/{meeting.pk}/")
    organiser_page.get_by_label("Kesimpulan baru").fill("Program 2019 diselaraskan.")
    with organiser_page.expect_navigation():
        organiser_page.get_by_role("button", name="Tambah kesimpulan").click()
    with organiser_page.expect_navigation():
        organiser_page.get_by_role("button", name="Finalkan dan terbitkan PDF").click()
    # Without a worker (the ImmediateBackend) the job ran in the request: the progress page says done.
    expect(organiser_page).to_have_url(re.compile(rf"/notula/{meeting.pk}/penetapan/$"))
    expect(organiser_page.locator(".alert-success")).to_contain_text("Notula versi 1 ditetapkan")

    # Download the PDF and open the verification address printed in it.
    href = organiser_page.get_by_role("link", name="Unduh PDF").get_attribute("href")
    response = organiser.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "notula.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    address = re.search(r"(http://\S+/v/[A-Z0-9]+/)", text.replace("\n", " ")).group(1)
    organiser_page.goto(address)
    expect(organiser_page.locator("body")).to_contain_text("Ditandatangani secara elektronik")
    expect(organiser_page.locator(".badge.text-bg-success")).to_contain_text("sah")
    organiser.close()


def test_progress_page_follows_the_worker_until_the_pdf_is_issued(page, live_server, signing, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    meeting = MeetingFactory(items=1, chair_name="Ahmad Fauzi", chair_title="Kepala Dinas")
    minutes = services.start_minutes(meeting)
    services.update_details(minutes, by=None, note_taker_name="Dedi Kurniawan")
    services.add_decision(minutes, text="Program 2019 diselaraskan.")

    page.on("dialog", lambda dialog: dialog.accept())
    login(page, "penyelenggara", PASSWORD)
    page.goto(f"/notula/{meeting.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Finalkan dan terbitkan PDF").click()
    expect(page.locator("#penetapan")).to_contain_text("Notula versi 1 menunggu diproses.")

    # The worker takes the queued job (in a thread of its own: this one runs Playwright's event
    # loop, which pyHanko's signing must not share); the page, asking every 2 s, shows the result.
    [job] = DBTaskResult.objects.all()
    outcome = []

    def worker():
        try:
            outcome.append(finalise_job.call(**job.args_kwargs["kwargs"]))
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert outcome == ["done"]
    expect(page.locator(".alert-success")).to_contain_text("Notula versi 1 ditetapkan", timeout=8_000)
    expect(page.get_by_role("link", name="Unduh PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Halaman verifikasi")).to_be_visible()
