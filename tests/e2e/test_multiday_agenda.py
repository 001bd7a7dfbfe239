"""A visitor reads the public agenda of a two-day meeting: day two's items sit under day two's date."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.meetings.agenda_fixtures import DAY_ONE_ITEMS, DAY_TWO_ITEMS, build_two_day

pytestmark = pytest.mark.e2e


def top(locator):
    return locator.bounding_box()["y"]


def test_public_agenda_of_a_two_day_meeting_shows_day_two_items_below_the_day_two_heading(page):
    meeting = build_two_day()

    page.goto(reverse("meetings:agenda", args=[meeting.pk]))

    days = page.locator(".public-agenda-day")
    expect(days).to_have_text(["Selasa, 24 April 2018", "Rabu, 25 April 2018"])
    day_two = days.nth(1)
    expect(day_two).to_be_visible()
    for title in DAY_ONE_ITEMS:
        assert top(page.locator(".public-agenda-title", has_text=title)) < top(day_two)
    for title in DAY_TWO_ITEMS:
        assert top(page.locator(".public-agenda-title", has_text=title)) > top(day_two)
    # The session held on both days is headed again under day two, above its day-two item.
    kelas = page.locator(".public-agenda-session", has_text="Kelas Praktik")
    expect(kelas).to_have_count(2)
    assert (
        top(day_two)
        < top(kelas.nth(1))
        < top(page.locator(".public-agenda-title", has_text=DAY_TWO_ITEMS[0]))
    )

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "multiday-public-agenda.png"), full_page=True)
