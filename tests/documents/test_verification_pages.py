import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from documents.http import document_response
from documents.models import IssuedDocument
from documents.services import set_public

pytestmark = pytest.mark.django_db


def upload(client, content, name="dokumen.pdf"):
    return client.post(reverse("documents:verify"), {"file": SimpleUploadedFile(name, content)})


def test_verification_page_describes_the_document_and_its_demo_signature(client, issue):
    document = issue()

    response = client.get(reverse("documents:detail", args=[document.code]))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        document.title,
        document.number,
        "DPMPD Provinsi Kalimantan Timur",
        "Rakor Pemberdayaan Masyarakat Desa 2026",
        "Sertifikat Demo Rakor",
        "Tanda tangan demo — bukan sertifikat resmi",
        "WITA",
        document.sha256,
    ):
        assert text in page
    assert "Digantikan oleh" not in page


def test_code_is_found_whatever_its_case(client, issue):
    document = issue()

    response = client.get(reverse("documents:detail", args=[document.code.lower()]))

    assert response.status_code == 200


def test_wet_ink_document_says_it_was_signed_by_hand(client, issue):
    document = issue(wet_ink=True)

    response = client.get(reverse("documents:detail", args=[document.code]))

    assert "Ditandatangani basah" in response.content.decode()


def test_superseded_document_links_to_the_newer_version(client, issue):
    first = issue()
    second = issue(supersedes=first)

    response = client.get(reverse("documents:detail", args=[first.code]))

    page = response.content.decode()
    assert "Digantikan oleh versi 2" in page
    assert second.get_absolute_url() in page


def test_unknown_code_is_a_plain_not_found_page(client):
    response = client.get(reverse("documents:detail", args=["ZZZZZZZZZZ"]))

    assert response.status_code == 404
    assert "Dokumen tidak ditemukan" in response.content.decode()


def test_code_lookups_are_rate_limited(client, settings):
    settings.RAKOR_VERIFY_RATE = (3, 60)
    statuses = [client.get(reverse("documents:detail", args=["ZZZZZZZZZZ"])).status_code for _ in range(4)]

    assert statuses == [404, 404, 404, 429]


def test_upload_of_the_issued_file_names_the_document(client, issue):
    document = issue()

    response = upload(client, document.file.open("rb").read())

    page = response.content.decode()
    assert "Berkas identik dengan dokumen terbit" in page
    assert document.get_absolute_url() in page


def test_upload_with_one_byte_changed_is_not_identical(client, issue):
    data = bytearray(issue().file.open("rb").read())
    data[-20] ^= 0x01

    response = upload(client, bytes(data))

    assert "tidak identik" in response.content.decode()


def test_upload_that_is_not_a_pdf_gets_a_message_and_nothing_is_stored(client, settings):
    response = upload(client, b"GIF89a bukan pdf", name="foto.pdf")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Berkas ini bukan PDF."]
    assert not (settings.PRIVATE_MEDIA_ROOT / "dokumen").exists()


def test_upload_that_is_too_large_gets_a_message(client, settings):
    settings.RAKOR_VERIFY_MAX_BYTES = 100

    response = upload(client, b"%PDF-1.7\n" + b"0" * 200)

    assert response.context["form"].errors["file"] == ["Berkas terlalu besar untuk diperiksa."]


def test_uploads_are_rate_limited(client, settings):
    settings.RAKOR_VERIFY_RATE = (2, 60)
    statuses = [upload(client, b"%PDF-1.7\n").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_download_of_a_document_not_made_public_is_not_found(client, issue):
    document = issue()

    response = client.get(reverse("documents:download", args=[document.code]))

    assert response.status_code == 404


def test_sendfile_header_hands_the_file_to_nginx_without_a_body(issue, settings):
    settings.RAKOR_SENDFILE_HEADER = "X-Accel-Redirect"
    settings.RAKOR_SENDFILE_PREFIX = "/protected/"
    document = issue()

    response = document_response(RequestFactory().get(reverse("home")), document)

    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_downloads_of_a_public_document_do_not_count_but_failed_lookups_do(client, issue, settings):
    settings.RAKOR_VERIFY_RATE = (2, 60)
    document = issue()
    IssuedDocument.objects.filter(pk=document.pk).update(public=True)
    url = reverse("documents:download", args=[document.code])
    assert [client.get(url).status_code for _ in range(5)] == [200] * 5

    unknown = reverse("documents:download", args=["ZZZZZZZZZZ"])
    assert [client.get(unknown).status_code for _ in range(3)] == [404, 404, 429]
    # Over the limit, a real code is refused like any other: the answer tells nothing about codes.
    assert client.get(url).status_code == 429


def test_public_download_skips_sessions_and_users_but_keeps_the_security_headers(client, issue):
    document = issue()
    IssuedDocument.objects.filter(pk=document.pk).update(public=True)

    response = client.get(reverse("documents:download", args=[document.code.lower()]))

    assert response.getvalue() == document.file.open("rb").read()
    # Answered ahead of the session and auth middlewares: the request never got a session or a user.
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")
    assert "Cookie" not in response.get("Vary", "")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_public_download_reads_only_the_document(client, issue, django_assert_num_queries):
    document = issue()
    IssuedDocument.objects.filter(pk=document.pk).update(public=True)

    url = reverse("documents:download", args=[document.code])
    with django_assert_num_queries(1):  # the limit counter is in the (memory) cache in tests
        first = client.get(url)
    with django_assert_num_queries(0):  # then the document's served fields are cached too
        second = client.get(url)

    stored = document.file.open("rb").read()
    assert first.getvalue() == second.getvalue() == stored
    assert first["Content-Disposition"] == second["Content-Disposition"]
    assert second["Content-Disposition"].startswith("inline; filename=")


def test_a_withdrawn_document_is_no_longer_served_even_after_it_was_cached(
    client, issue, django_capture_on_commit_callbacks
):
    document = issue()
    set_public(IssuedDocument.objects.filter(pk=document.pk), True)
    url = reverse("documents:download", args=[document.code])
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        set_public(IssuedDocument.objects.filter(pk=document.pk), False)

    assert client.get(url).status_code == 404


def test_a_missing_download_goes_through_the_whole_stack_to_the_normal_404_page(client, issue):
    document = issue()  # not public

    response = client.get(reverse("documents:download", args=[document.code]))

    assert response.status_code == 404
    assert hasattr(response.wsgi_request, "user")
    assert "404.html" in [template.name for template in response.templates]
