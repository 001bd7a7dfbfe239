"""Smoke test: the site opens in Indonesian and an organiser signs in through the form."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_organiser_signs_in_through_the_form_and_sees_the_dashboard(page):
    UserFactory(username="penyelenggara", first_name="Rina", last_name="Wulandari", roles=[roles.ORGANISER])

    page.goto(reverse("home"))
    expect(page.locator("html")).to_have_attribute("lang", "id")

    login(page, "penyelenggara", PASSWORD)

    assert urlparse(page.url).path == reverse("home")
    expect(page.locator("input[name=password]")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Rina Wulandari")
    expect(page.get_by_role("heading", name="Perlu perhatian Anda")).to_be_visible()
