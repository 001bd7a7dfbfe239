"""Materials: uploads checked by content and size, stored under random names, staff download."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Material
from tests.meetings.factories import AgendaItemFactory, MaterialFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Paparan Program Provinsi 2019</h1>").write_pdf()


def office_file(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def stored_files(settings):
    root = settings.MEDIA_ROOT / "materials"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def upload(client, meeting, name, content, **data):
    payload = {"title": "Paparan Program Provinsi 2019", "is_public": "on", "url": "", "agenda_item": ""}
    payload.update(data)
    payload["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("meetings:material_create", args=[meeting.pk]), payload)


def test_a_real_pdf_is_stored_under_a_random_name(organiser_client, settings, real_pdf):
    meeting = MeetingFactory()

    response = upload(organiser_client, meeting, "Paparan Rahasia Kepala Dinas.pdf", real_pdf)

    assert response.status_code == 302
    material = Material.objects.get()
    assert material.original_name == "Paparan Rahasia Kepala Dinas.pdf"
    assert material.content_type == "application/pdf"
    assert material.size == len(real_pdf)
    assert material.file.name.startswith("materials/")
    assert "Rahasia" not in material.file.name
    assert material.file.name.endswith(".pdf")
    assert stored_files(settings) == [material.file.name.split(reverse("home"))[-1]]


def test_an_html_page_renamed_pdf_is_refused_and_nothing_is_stored(organiser_client, settings):
    meeting = MeetingFactory()

    response = upload(
        organiser_client, meeting, "bahan.pdf", b"<!doctype html><html><script>alert(1)</script></html>"
    )

    assert response.context["form"].errors["file"] == [
        "Isi berkas tidak sesuai dengan jenisnya (.pdf). "
        "Unggah berkas PDF, PPTX, DOCX, XLSX, JPEG, PNG yang asli."
    ]
    assert 'value="Paparan Program Provinsi 2019"' in response.content.decode()
    assert not Material.objects.exists()
    assert stored_files(settings) == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(organiser_client, settings, real_pdf):
    settings.RAKOR_MATERIAL_MAX_BYTES = 1024
    meeting = MeetingFactory()

    response = upload(organiser_client, meeting, "besar.pdf", real_pdf + b"0" * 2048)

    [error] = response.context["form"].errors["file"]
    assert error.startswith("Berkas terlalu besar")
    assert "Ukuran maksimal 1,0\xa0KB" in error or "Ukuran maksimal 1.0\xa0KB" in error
    assert not Material.objects.exists()
    assert stored_files(settings) == []


def test_an_unlisted_extension_is_refused(organiser_client):
    response = upload(organiser_client, MeetingFactory(), "skrip.exe", b"MZ\x90\x00")

    assert response.context["form"].errors["file"] == [
        "Jenis berkas tidak diizinkan. Unggah salah satu: PDF, PPTX, DOCX, XLSX, JPEG, PNG."
    ]


@pytest.mark.parametrize(
    ("name", "folder", "accepted"),
    [
        ("paparan.pptx", "ppt/", True),
        ("notula.docx", "word/", True),
        ("target.xlsx", "xl/", True),
        ("paparan.pptx", "word/", False),  # a Word file renamed .pptx
    ],
)
def test_office_files_are_recognised_by_their_folders(organiser_client, name, folder, accepted):
    upload(organiser_client, MeetingFactory(), name, office_file(folder))

    assert Material.objects.exists() is accepted


def test_a_plain_zip_renamed_docx_is_refused(organiser_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")

    upload(organiser_client, MeetingFactory(), "surat.docx", buffer.getvalue())

    assert not Material.objects.exists()


def test_a_link_instead_of_a_file(organiser_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(session__meeting=meeting)

    organiser_client.post(
        reverse("meetings:material_create", args=[meeting.pk]),
        {"title": "Permendagri 114/2014", "url": "https://peraturan.bpk.go.id/", "agenda_item": item.pk},
    )

    material = Material.objects.get()
    assert (material.url, material.agenda_item, material.is_public, material.file.name) == (
        "https://peraturan.bpk.go.id/",
        item,
        False,
        "",
    )


def test_neither_file_nor_link_is_refused(organiser_client):
    response = organiser_client.post(
        reverse("meetings:material_create", args=[MeetingFactory().pk]), {"title": "Bahan", "url": ""}
    )

    assert response.context["form"].errors["file"] == ["Isi salah satu: unggah berkas atau tautan."]
    assert not Material.objects.exists()


def test_staff_download_serves_the_file_under_its_original_name(organiser_client, real_pdf):
    meeting = MeetingFactory()
    upload(organiser_client, meeting, "Paparan Provinsi.pdf", real_pdf, is_public="")
    material = Material.objects.get()

    response = organiser_client.get(reverse("meetings:material_download", args=[material.pk]))

    assert b"".join(response.streaming_content) == real_pdf
    assert 'filename="Paparan Provinsi.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_coordinators_cannot_download_internal_materials(organiser_client, coordinator, real_pdf):
    meeting = MeetingFactory()
    upload(organiser_client, meeting, "internal.pdf", real_pdf, is_public="")
    material = Material.objects.get()
    organiser_client.force_login(coordinator)  # the same test client, now as a coordinator

    response = organiser_client.get(reverse("meetings:material_download", args=[material.pk]))

    assert response.status_code == 404


def test_deleting_a_material_removes_its_file(
    organiser_client, settings, real_pdf, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    upload(organiser_client, meeting, "paparan.pdf", real_pdf)
    material = Material.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("meetings:material_delete", args=[material.pk]))

    assert not Material.objects.exists()
    assert stored_files(settings) == []


def test_the_staff_page_lists_public_and_internal_materials(organiser_client):
    meeting = MeetingFactory()
    MaterialFactory(meeting=meeting, title="Bahan Publik", is_public=True)
    MaterialFactory(meeting=meeting, title="Bahan Internal", is_public=False)

    html = organiser_client.get(meeting.get_absolute_url()).content.decode()

    assert "Bahan Publik" in html
    assert "Bahan Internal" in html
