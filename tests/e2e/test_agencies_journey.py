"""An organiser finds an agency, edits it, and sees the change on its page and in its history."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, AgencyFactory, UserFactory, region

pytestmark = pytest.mark.e2e


def test_organiser_searches_edits_and_sees_history(page):
    UserFactory(username="penyelenggara", first_name="Rina", last_name="Wulandari", roles=[roles.ORGANISER])
    kukar = region("64.02")
    AgencyFactory(
        name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai Kartanegara",
        short_name="DPMD Kukar",
        region=kukar,
        phone="0541 661000",
    )
    AgencyFactory(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda", region=region("64"))

    login(page, "penyelenggara", PASSWORD)
    page.goto(reverse("agencies:list"))
    page.get_by_role("searchbox", name="Cari").fill("kukar")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_text("1 instansi ditemukan")).to_be_visible()
    expect(page.get_by_role("link", name="Bappeda")).to_have_count(0)

    page.get_by_role("link", name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kutai").click()
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.get_by_label("Telepon", exact=True).fill("0541 669999")
    page.get_by_label("Nama kepala", exact=True).fill("Contoh Kepala Dinas")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_text("Perubahan pada Dinas Pemberdayaan Masyarakat dan Desa")).to_be_visible()
    expect(page.locator("dd", has_text="0541 669999")).to_be_visible()
    history = page.locator("#riwayat")
    expect(history.get_by_text("Riwayat Perubahan")).to_be_visible()
    latest = history.locator("tbody tr").first
    expect(latest).to_contain_text("Rina Wulandari")
    expect(latest).to_contain_text("Diubah")
    expect(latest).to_contain_text("0541 669999")
    expect(latest).to_contain_text("Contoh Kepala Dinas")
