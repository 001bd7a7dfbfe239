"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Use the ``page`` fixture: a fresh Playwright ``Page`` in its own browser context whose base URL is the
live server, so ``page.goto(reverse("agencies:list"))`` works. Log in with
``login(page, username, password)``
(also available as the ``login`` fixture). Every test in tests/e2e is marked ``e2e`` automatically.

``live_server`` needs a transactional database: create the rows a test needs inside the test (the
factories in tests/factories.py work as usual). The role groups come from a data migration; when
a transactional test flushes the tables, agencies' post_migrate handler puts them back.

Without /usr/bin/chromium the browser tests are skipped, unless RAKOR_REQUIRE_BROWSER=1 (as in
.ci/run), where a missing browser is a failure. A failing test leaves a full-page screenshot in
test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

# Playwright's sync API runs an asyncio event loop in this thread; Django would otherwise refuse
# ORM calls from tests ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
E2E_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so the page fixture knows whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _browser_unavailable(reason):
    if os.environ.get("RAKOR_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (RAKOR_REQUIRE_BROWSER=1: browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run the browser tests")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _browser_unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("Playwright for Python is not installed")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            print(f"Could not save a screenshot: {exc}")
    page.close()


def login(page, username, password):
    """Sign in through the login form, as a user would, and wait for the page after it."""
    page.goto(reverse("login"))
    form = page.locator("form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    return page


@pytest.fixture(name="login")
def login_fixture():
    """The ``login`` helper as a fixture, for tests that prefer not to import it."""
    return login
