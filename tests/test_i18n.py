"""English is the second interface language: the catalogue is complete and the pages use it."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import AgencyFactory
from tests.meetings.agenda_fixtures import build_rakor

EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """LocaleMiddleware leaves the request's language active in the thread; without this, tests run
    after these would see English in code that translates outside a request (forms, services)."""
    yield
    translation.deactivate()


def page(client, url, language=None, **headers):
    """The page's HTML, asking for ``language`` through the cookie the language switcher sets."""
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def column_headers(html):
    return re.findall(r'<th scope="col"[^>]*>\s*([^<]*?)\s*</th>', html)


def fact_labels(html):
    """The labels of the public summary (Date, Time, ...): the text of each <dt> after its icon."""
    return re.findall(r"<dt>(?:<i [^>]*></i>)?\s*([^<]*?)\s*</dt>", html)


# --- the catalogue ------------------------------------------------------------------------------


def parse_po(path):
    """The entries of a .po file as dicts: keyword (msgid, msgid_plural, msgstr, msgstr[0], ...) to
    text, plus "flags" (the set from "#," lines). Continuation lines are joined; obsolete "#~" entries
    are left out, since gettext ignores them."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"flags": set()}, None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_po_parser_handles_multi_line_plural_and_flagged_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid ""\n"Halo "\n"%(name)s"\nmsgstr "Hello %(name)s"\n\n'
        '#~ msgid "Lama"\n#~ msgstr ""\n\n'
        'msgid "%(n)s rapat"\nmsgid_plural "%(n)s rapat"\nmsgstr[0] "%(n)s meeting"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    header, greeting, plural = parse_po(po)
    assert header["msgstr"] == "Language: en\n"
    assert greeting["msgid"] == "Halo %(name)s" and greeting["flags"] == {"fuzzy", "python-format"}
    assert plural["msgstr[0]"] == "%(n)s meeting" and plural["msgstr[1]"] == ""


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in parse_po(EN_PO) if entry["msgid"]]  # the header has msgid ""
    assert len(entries) > 400
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not all(text.strip() for key, text in entry.items() if key.startswith("msgstr"))
        or not any(key.startswith("msgstr") for key in entry)
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == [], "translate these in locale/en/LC_MESSAGES/django.po"
    assert fuzzy == [], "check these translations, then remove their fuzzy flag"


def test_plural_entries_have_both_english_forms():
    plurals = [entry for entry in parse_po(EN_PO) if "msgid_plural" in entry]
    assert plurals
    for entry in plurals:
        assert entry["msgstr[0]"].strip() and entry["msgstr[1]"].strip(), entry["msgid"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_english_catalogue_passes_msgfmt_check(tmp_path):
    """msgfmt --check catches placeholders that differ from the msgid and broken headers."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(EN_PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


# --- pages --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_in_english_when_the_language_cookie_says_en(client):
    html = page(client, reverse("login"), language="en")
    assert '<html lang="en">' in html
    assert '<h1 class="mb-3">Sign in</h1>' in html
    assert "Username" in html and "Password" in html
    assert "Forgotten your password?" in html
    assert "Meeting delegates do not need an account" in html
    assert "Kata sandi" not in html and "Lupa kata sandi?" not in html


@pytest.mark.django_db
def test_login_page_in_english_when_the_browser_asks_for_english(client):
    html = page(client, reverse("login"), headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<h1 class="mb-3">Sign in</h1>' in html
    assert "Forgotten your password?" in html


@pytest.mark.django_db
def test_login_page_in_indonesian_by_default_and_with_the_cookie_id(client):
    for language in (None, "id"):
        html = page(client, reverse("login"), language=language)
        assert '<html lang="id">' in html
        assert '<h1 class="mb-3">Masuk</h1>' in html
        assert "Kata sandi" in html and "Lupa kata sandi?" in html
        assert "Sign in" not in html and "Password" not in html


@pytest.mark.django_db
def test_agency_list_column_headers_in_english_for_an_organiser(organiser_client):
    AgencyFactory(name="Dinas Pemberdayaan Masyarakat dan Desa Kutai Kartanegara")
    html = page(organiser_client, reverse("agencies:list"), language="en")
    assert column_headers(html) == ["Name", "Level", "Region", "Members"]
    assert "Dinas Pemberdayaan Masyarakat dan Desa Kutai Kartanegara" in html  # data is not translated
    assert "Regency/city" in html
    assert "1 agency found" in html


@pytest.mark.django_db
def test_agency_list_column_headers_in_indonesian_by_default(organiser_client):
    AgencyFactory()
    html = page(organiser_client, reverse("agencies:list"))
    assert column_headers(html) == ["Nama", "Tingkat", "Wilayah", "Anggota"]


@pytest.mark.django_db
def test_public_agenda_of_a_published_meeting_has_english_labels(client):
    meeting = build_rakor()
    html = page(client, reverse("meetings:agenda", args=[meeting.pk]), language="en")
    assert meeting.title in html  # the meeting's own words stay as the organiser wrote them
    assert fact_labels(html) == ["Date", "Time", "Venue", "Organiser"]
    assert '<p class="public-kind text-body-secondary mb-1">Agenda</p>' in html
    for text in ("Calendar (.ics)", "Version 1, published", "Tuesday, 24 April 2018", "08.00–16.00 WITA"):
        assert text in html, text
    for text in ("Hari/Tanggal", "Kalender (.ics)", "Versi 1", "pukul", "Selasa"):
        assert text not in html, text


@pytest.mark.django_db
def test_public_agenda_of_a_published_meeting_has_indonesian_labels_by_default(client):
    meeting = build_rakor()
    html = page(client, reverse("meetings:agenda", args=[meeting.pk]))
    assert fact_labels(html) == ["Hari/Tanggal", "Waktu", "Tempat", "Penyelenggara"]
    for text in ("Susunan Acara", "Versi 1, diterbitkan", "Selasa, 24 April 2018", "pukul 08.00–16.00 WITA"):
        assert text in html, text
