"""A regency coordinator links a target to the province's and the matrix cell turns from gap to filled."""

import pytest
from playwright.sync_api import expect

from agencies.models import Membership
from programs.nomenclature import load_bundled
from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, AgencyFactory, UserFactory, region
from tests.programs.conftest import make_program, make_target

pytestmark = pytest.mark.e2e


def test_coordinator_links_a_target_and_the_matrix_cell_fills(page):
    load_bundled()
    ministry = AgencyFactory(region=None, short_name="Kemendagri")
    province = AgencyFactory(region=region("64"), short_name="DPMPD Kaltim")
    paser = AgencyFactory(region=region("64.01"), short_name="DPMD Paser")
    national = make_target(make_program(ministry, name="Pembinaan Pemerintahan Desa"), 5000)
    provincial = make_target(
        make_program(province, name="Administrasi Pemerintahan Desa", parent=national.program),
        80,
        parent=national,
    )
    program = make_program(paser, name="Program Administrasi Pemerintahan Desa Paser")
    user = UserFactory(username="koordinator-paser", roles=[roles.COORDINATOR])
    Membership.objects.create(user=user, agency=paser)

    login(page, "koordinator-paser", PASSWORD)
    page.goto("/program/matriks/64/2019/")
    cell = page.locator(f'tr[data-target="{provincial.pk}"] td[data-region="64.01"]')
    expect(cell).to_have_class("matrix-cell cell-empty")
    expect(page.get_by_text("belum memiliki komitmen target tahun ini")).to_be_visible()

    page.goto(f"/program/{program.pk}/")
    page.get_by_role("link", name="Tambah target").click()
    page.get_by_label("Indikator").fill("Desa mandiri bertambah")
    page.get_by_label("Satuan").fill("desa")
    page.get_by_label("Nilai target").fill("12")
    page.get_by_label("Target induk").select_option(str(provincial.pk))
    page.get_by_role("button", name="Simpan target").click()
    expect(page.get_by_text("Target disimpan.")).to_be_visible()

    page.goto("/program/matriks/64/2019/")
    cell = page.locator(f'tr[data-target="{provincial.pk}"] td[data-region="64.01"]')
    expect(cell).to_have_class("matrix-cell cell-filled")
    expect(cell).to_contain_text("12")
    expect(cell).to_contain_text("belum disepakati")
    expect(page.get_by_text("belum memiliki komitmen target tahun ini")).to_have_count(0)
