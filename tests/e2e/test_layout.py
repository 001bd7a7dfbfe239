"""The shared layout in a real browser: no CSP violations, the phone menu, the language switch."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rakor import roles
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def collect_console(page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def test_pages_load_their_scripts_and_styles_without_csp_violations(page):
    UserFactory(username="penyelenggara", roles=[roles.ORGANISER])
    messages = collect_console(page)

    page.goto(reverse("home"))
    page.goto(reverse("login"))
    login(page, "penyelenggara", PASSWORD)

    # rakor.js ran (it marks <html>), and Bootstrap and htmx loaded from our own origin.
    expect(page.locator("html")).to_have_class("js")
    assert page.evaluate("typeof window.bootstrap === 'object' && typeof window.htmx === 'object'")
    assert not [text for text in messages if "Content Security Policy" in text or "Refused" in text], messages


def test_phone_menu_opens_and_user_signs_out_from_it(page):
    UserFactory(username="petugas", first_name="Dewi", last_name="Lestari", roles=[roles.CHECKIN_CLERK])
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "petugas", PASSWORD)

    menu_button = page.get_by_role("button", name="Buka menu")
    expect(page.get_by_role("link", name="Beranda", exact=True)).to_be_hidden()
    menu_button.click()
    expect(page.get_by_role("link", name="Beranda", exact=True)).to_be_visible()
    # Bootstrap animates the collapse; a click on the user menu during it can be lost.
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator("#main-nav")).not_to_have_class(re.compile(r"\bcollapsing\b"))

    page.get_by_role("button", name="Dewi Lestari").click()
    sign_out = page.get_by_role("button", name="Keluar")
    expect(sign_out).to_be_visible()
    with page.expect_navigation():
        sign_out.click()

    expect(page.get_by_role("heading", name="Rapat mendatang")).to_be_visible()


def test_choosing_a_language_switches_at_once(page):
    page.goto(reverse("home"))

    with page.expect_navigation():
        page.get_by_label("Bahasa").select_option("en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Ganti bahasa")).to_be_hidden()


def test_htmx_requests_carry_the_csrf_token(page):
    page.goto(reverse("home"))

    # A POST that Django refuses without the token; htmx takes it from <meta name="csrf-token">.
    status = page.evaluate(
        """() => new Promise((resolve) => {
            const done = (e) => resolve(e.detail.xhr.status);
            document.body.addEventListener("htmx:afterRequest", done, {once: true});
            htmx.ajax("POST", "/i18n/setlang/", {values: {language: "en", next: "/"}, swap: "none"});
        })"""
    )

    assert status == 200
    assert {c["name"]: c["value"] for c in page.context.cookies()}["django_language"] == "en"


def test_data_confirm_asks_before_submitting(page):
    page.goto(reverse("home"))
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
            '<form action="/akun/login/" method="get" data-confirm="Hapus sesi ini?">'
            + '<button type="submit" id="uji-konfirmasi">Hapus</button></form>')"""
    )
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.click("#uji-konfirmasi")
    page.wait_for_timeout(300)

    assert questions == ["Hapus sesi ini?"]
    assert page.url.endswith(reverse("home"))  # cancelled: still on the home page
