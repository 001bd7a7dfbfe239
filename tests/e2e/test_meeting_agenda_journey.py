"""An organiser builds a three-item agenda, publishes it, sees it public, then changes it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.e2e

ITEMS = [
    ("Pembukaan dan laporan panitia", "2018-04-24T08:00", "2018-04-24T08:30"),
    ("Sambutan Kepala DPMPD", "2018-04-24T08:30", "2018-04-24T09:00"),
    ("Paparan program provinsi 2019", "2018-04-24T09:00", "2018-04-24T10:00"),
]


def add_item(page, title, start, end, *, again):
    page.get_by_label("Judul").fill(title)
    page.get_by_label("Mulai").fill(start)
    page.get_by_label("Selesai").fill(end)
    button = "Simpan dan tambah lagi" if again else "Simpan"
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_organiser_builds_publishes_and_changes_an_agenda(page):
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    meeting = MeetingFactory(title="Rapat Koordinasi Pemberdayaan Masyarakat Tahun 2018")
    page.on("dialog", lambda dialog: dialog.accept())  # "Terbitkan agenda …?"
    login(page, "penyelenggara", PASSWORD)

    # A plenary session, then three items through the form.
    page.goto(reverse("meetings:staff_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Tambah sesi").click()
    page.get_by_label("Judul").fill("Sesi Pleno I")
    page.get_by_label("Ruang").fill("Ballroom")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah mata acara").click()
    for index, (title, start, end) in enumerate(ITEMS):
        add_item(page, title, start, end, again=index < len(ITEMS) - 1)

    agenda = page.locator("#agenda")
    expect(agenda.locator("tbody tr")).to_have_count(3)
    expect(agenda).to_contain_text("Total: 2 jam")

    # Reorder with the down button (an htmx swap): the remarks now come before the opening.
    agenda.get_by_role("button", name="Turunkan Pembukaan dan laporan panitia").click()
    expect(agenda.locator("tbody tr").first).to_contain_text("Sambutan Kepala DPMPD")
    expect(agenda.locator("tbody tr").first).to_contain_text("08.00–08.30")

    # Publish, then read the public agenda without logging in.
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".alert-success")).to_contain_text("Agenda versi 1 diterbitkan")
    public = page.context.browser.new_context(base_url=page.url.split("/rapat/")[0], locale="id-ID")
    visitor = public.new_page()
    visitor.goto(reverse("meetings:agenda", args=[meeting.pk]))
    for title, _start, _end in ITEMS:
        expect(visitor.get_by_text(title)).to_be_visible()
    expect(visitor.get_by_text("Perubahan jadwal")).to_have_count(0)

    # A change after publishing: the provincial presentation starts half an hour later.
    page.goto(reverse("meetings:staff_detail", args=[meeting.pk]))
    page.locator("#agenda tr", has_text="Paparan program provinsi 2019").get_by_role(
        "link", name=re.compile("^Ubah")
    ).click()
    page.get_by_label("Mulai").fill("2018-04-24T09:30")
    page.get_by_label("Selesai").fill("2018-04-24T10:30")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_text("Ada perubahan belum diterbitkan")).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".alert-success")).to_contain_text("Agenda versi 2 diterbitkan")

    visitor.goto(reverse("meetings:agenda", args=[meeting.pk]))
    changes = visitor.locator("section.public-changes")
    expect(changes).to_contain_text("Perubahan jadwal")
    expect(changes).to_contain_text(
        "Mata acara 'Paparan program provinsi 2019' dipindah dari 09.00 ke 09.30 WITA."
    )
    public.close()
