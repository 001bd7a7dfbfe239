"""Registration questions in the delegate import (one column per question, checked per row) and in
the CSV/XLSX registration lists (one column per question, texts safe from formulas)."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Registration, RegistrationAnswer, RegistrationQuestion
from meetings.services import questions
from tests.factories import AgencyFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
Kind = RegistrationQuestion.Kind
HEADER = "nama,nip,jabatan,jenis_kelamin,telepon,surel,instansi"


def add(meeting, label, kind=Kind.TEXT, required=False, choices=""):
    return questions.add_question(meeting, label=label, kind=kind, required=required, choices=choices)


@pytest.fixture
def meeting(db):
    meeting = upcoming_meeting(title="Rakor PMD 2030")
    InvitationFactory(meeting=meeting, agency=AgencyFactory(name="Dinas PMD Kutai", short_name="DPMD Kukar"))
    return meeting


@pytest.fixture
def asked(meeting):
    return {
        "size": add(meeting, "Ukuran Kaos", Kind.CHOICE, required=True, choices="S\nM\nL"),
        "vegetarian": add(meeting, "Vegetarian", Kind.YES_NO),
        "diet": add(meeting, "Pantangan makanan"),
        "proof": add(meeting, "Bukti vaksin", Kind.FILE, required=True),
    }


def csv_file(*lines, header):
    return SimpleUploadedFile("peserta.csv", "\n".join([header, *lines]).encode(), content_type="text/csv")


def row(name, email, *answers):
    return ",".join([name, "", "Staf", "P", "081234567890", email, "DPMD Kukar", *answers])


def import_url(meeting):
    return reverse("meetings:registrations_import", args=[meeting.pk])


def test_the_template_has_one_column_per_question_but_not_for_files(organiser_client, meeting, asked):
    template = reverse("meetings:registrations_import_template", args=[meeting.pk, "xlsx"])
    response = organiser_client.get(template)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, example = (list(r) for r in sheet.iter_rows(values_only=True))
    assert header[7:] == ["ukuran_kaos", "vegetarian", "pantangan_makanan"]
    assert example[7:9] == ["S", "ya"]

    text = organiser_client.get(
        reverse("meetings:registrations_import_template", args=[meeting.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER + ",ukuran_kaos,vegetarian,pantangan_makanan"


def test_the_import_page_explains_the_question_columns_and_that_files_are_not_imported(
    organiser_client, meeting, asked
):
    html = organiser_client.get(import_url(meeting)).content.decode()
    assert "ukuran_kaos" in html and "Salah satu: S, M, L." in html
    assert "Tidak diimpor: pertanyaan berkas" in html


def test_answers_are_imported_with_the_delegates(
    organiser_client, meeting, asked, django_capture_on_commit_callbacks
):
    header = HEADER + ",ukuran_kaos,vegetarian,pantangan_makanan"
    upload = csv_file(
        row("Siti Aminah", "siti@example.go.id", "m", "Ya", "Alergi udang"),
        row("Budi Santoso", "budi@example.go.id", "L", "", ""),
        header=header,
    )
    preview = organiser_client.post(import_url(meeting), {"file": upload})
    assert preview.status_code == 200, preview.context["plan"].errors
    assert "Ukuran Kaos: M" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(import_url(meeting), {"confirm": "1", "token": preview.context["token"]})

    siti = Registration.objects.get(full_name="Siti Aminah")
    answers = {a.question.label: a.display() for a in siti.answers.select_related("question")}
    assert answers == {"Ukuran Kaos": "M", "Vegetarian": "Ya", "Pantangan makanan": "Alergi udang"}
    budi = Registration.objects.get(full_name="Budi Santoso")
    assert list(budi.answers.values_list("value", flat=True)) == ["L"]


def test_wrong_answers_are_reported_per_row_and_nothing_is_imported(organiser_client, meeting, asked):
    header = HEADER + ",ukuran_kaos,vegetarian,pantangan_makanan"
    upload = csv_file(
        row("Siti Aminah", "siti@example.go.id", "XXL", "mungkin", ""),
        row("Budi Santoso", "budi@example.go.id", "", "ya", ""),
        row("Citra Lestari", "citra@example.go.id", "S", "tidak", ""),
        header=header,
    )

    response = organiser_client.post(import_url(meeting), {"file": upload})

    errors = [str(e) for e in response.context["plan"].errors]
    assert response.status_code == 422
    assert errors == [
        "Baris 2: ukuran_kaos: Pilih salah satu: S, M, L.",
        "Baris 2: vegetarian: Jawab ya atau tidak.",
        "Baris 3: ukuran_kaos wajib diisi.",
    ]
    assert not Registration.objects.exists()


def test_a_file_without_the_column_of_a_required_question_is_refused(organiser_client, meeting, asked):
    upload = csv_file(row("Siti Aminah", "siti@example.go.id"), header=HEADER)

    response = organiser_client.post(import_url(meeting), {"file": upload})

    assert response.status_code == 422
    assert "Kolom wajib tidak ada: ukuran_kaos." in response.content.decode()


# Exports ---------------------------------------------------------------------------------------


@pytest.fixture
def answered(meeting, asked):
    registration = RegistrationFactory(invitation=meeting.invitations.get(), full_name="Siti Aminah")
    RegistrationAnswer.objects.create(registration=registration, question=asked["size"], value="M")
    RegistrationAnswer.objects.create(registration=registration, question=asked["vegetarian"], value="tidak")
    RegistrationAnswer.objects.create(
        registration=registration, question=asked["diet"], value='=HYPERLINK("http://evil.example")'
    )
    RegistrationAnswer.objects.create(
        registration=registration, question=asked["proof"], file="jawaban/x.pdf"
    )
    return registration


def test_csv_export_has_one_column_per_question_with_safe_texts(organiser_client, meeting, answered):
    response = organiser_client.get(reverse("meetings:registrations_export", args=[meeting.pk, "csv"]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, values = list(csv.reader(io.StringIO(text)))
    assert header[13:] == ["Ukuran Kaos", "Vegetarian", "Pantangan makanan", "Bukti vaksin"]
    assert values[13:] == ["M", "Tidak", "'=HYPERLINK(\"http://evil.example\")", "Berkas terlampir"]


def test_xlsx_export_has_one_column_per_question_as_text(organiser_client, meeting, answered):
    response = organiser_client.get(reverse("meetings:registrations_export", args=[meeting.pk, "xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, values = (list(r) for r in sheet.iter_rows(values_only=True))
    assert header[13:] == ["Ukuran Kaos", "Vegetarian", "Pantangan makanan", "Bukti vaksin"]
    assert values[13:] == ["M", "Tidak", "'=HYPERLINK(\"http://evil.example\")", "Berkas terlampir"]
    assert sheet.cell(2, 16).data_type == "s"


def test_export_query_count_does_not_grow_with_rows_or_answers(organiser_client, meeting, asked):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    invitation = meeting.invitations.get()
    counts = []
    for total in (1, 30):
        while invitation.registrations.count() < total:
            registration = RegistrationFactory(invitation=invitation)
            RegistrationAnswer.objects.create(registration=registration, question=asked["size"], value="S")
        url = reverse("meetings:registrations_export", args=[meeting.pk, "csv"])
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(url)
            b"".join(response.streaming_content)
        counts.append(len(queries))
    assert counts[0] == counts[1]
