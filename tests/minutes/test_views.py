import hashlib
import re
import subprocess

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import Minutes
from rakor import roles
from tests.factories import AgencyFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.querycount import assert_same_count, queries_of


@pytest.fixture
def note_taker_client(client, note_taker):
    client.force_login(note_taker)
    return client


def test_editor_shows_a_textarea_per_agenda_item(note_taker_client, minutes, items):
    response = note_taker_client.get(reverse("minutes:editor", args=[minutes.meeting_id]))
    html = response.content.decode()
    for item in items:
        assert f'id="note-{item.pk}"' in html
    assert 'hx-trigger="keyup changed delay:2s, change"' in html


def test_autosave_answers_the_new_revision_and_the_time(note_taker_client, minutes, items):
    url = reverse("minutes:note", args=[minutes.meeting_id, items[0].pk])
    response = note_taker_client.post(url, {"text": "Pembukaan.", "revision": "0"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'name="revision" value="1"' in html and "Tersimpan pukul" in html
    assert minutes.notes.get().text == "Pembukaan."


def test_a_stale_autosave_shows_the_other_text_and_keeps_both(note_taker_client, minutes, items, organiser):
    services.save_note(minutes, items[0], "Teks penyelenggara", revision=0, by=organiser)
    url = reverse("minutes:note", args=[minutes.meeting_id, items[0].pk])
    response = note_taker_client.post(url, {"text": "Teks notulis", "revision": "0"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Teks penyelenggara" in html and "telah diubah oleh" in html
    assert minutes.notes.get().text == "Teks penyelenggara"


def test_coordinator_and_checkin_clerk_get_404_on_the_editor(client, minutes, coordinator):
    url = reverse("minutes:editor", args=[minutes.meeting_id])
    clerk = UserFactory(username="petugas", roles=[roles.CHECKIN_CLERK])
    for user in (coordinator, clerk):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_anonymous_users_go_to_the_login_page(client, minutes):
    response = client.get(reverse("minutes:editor", args=[minutes.meeting_id]))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


def test_a_note_taker_cannot_finalise(note_taker_client, ready):
    response = note_taker_client.post(reverse("minutes:finalise", args=[ready.meeting_id]))
    assert response.status_code == 404
    assert Minutes.objects.get(pk=ready.pk).status == Minutes.Status.DRAFT


def test_finalising_incomplete_minutes_shows_the_reasons(organiser_client, minutes):
    response = organiser_client.post(reverse("minutes:finalise", args=[minutes.meeting_id]), follow=True)
    assert "Belum ada kesimpulan rapat." in response.content.decode()


def test_unknown_meeting_is_404(note_taker_client, db):
    assert note_taker_client.get(reverse("minutes:editor", args=[99999])).status_code == 404


def test_action_agency_must_be_invited(note_taker_client, minutes):
    stranger = AgencyFactory(name="Dinas Lain")
    url = reverse("minutes:action_add", args=[minutes.meeting_id])
    note_taker_client.post(url, {"what": "Laporan", "agency": stranger.pk, "status": "open"})
    assert not minutes.actions.exists()


def _pdf_text(data, tmp_path):
    path = tmp_path / "notula.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_served_pdf_is_the_stored_file_in_indonesian_with_sections_in_order(
    organiser_client, ready, tmp_path
):
    organiser_client.cookies["django_language"] = "en"
    organiser_client.post(reverse("minutes:finalise", args=[ready.meeting_id]), HTTP_ACCEPT_LANGUAGE="en")
    response = organiser_client.get(reverse("minutes:version_pdf", args=[ready.meeting_id, 1]))
    data = b"".join(response.streaming_content)
    version = ready.versions.get()
    assert hashlib.sha256(data).hexdigest() == version.document.sha256
    text = _pdf_text(data, tmp_path)
    labels = [
        "NOTULA",
        "Hari/Tanggal",
        "Waktu Sidang/Rapat",
        "Tempat",
        "Pimpinan Rapat",
        "Notulis",
        "Peserta",
        "Acara",
        "Pembahasan",
        "Kesimpulan",
        "Tindak Lanjut",
        "DAFTAR HADIR",
    ]
    positions = [text.index(label) for label in labels]
    assert positions == sorted(positions)
    # The number printed is the issued document's number (two attendees: not a row counter).
    assert f"Nomor: {version.document.number}" in text and version.document.number != "2"
    assert "Selasa, 24 April 2018" in text and "08.00–16.00 WITA" in text
    assert "19700101 199503 1 001" in text and "ditandatangani secara elektronik" in text
    assert "Tuesday" not in text
    # Every page carries the QR code's verification address (pages are split by form feeds).
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 1 and all(version.document.code in page for page in pages)


def test_published_notula_is_linked_on_the_public_meeting_page(organiser_client, client, ready):
    meeting = ready.meeting
    meeting.status = meeting.Status.PUBLISHED
    meeting.save()
    version = services.finalise_minutes(ready, by=None)
    services.publish_minutes(ready)
    response = client.get(reverse("meetings:public", args=[meeting.pk]))
    assert reverse("documents:download", args=[version.document.code]) in response.content.decode()


def _meeting_with_items(count, note_taker):
    meeting = MeetingFactory(items=count)
    minutes = services.start_minutes(meeting, by=note_taker)
    for item in meeting.sessions.get().items.all():
        services.save_note(minutes, item, f"Catatan {item.pk}", revision=0, by=note_taker)
    services.add_decision(minutes, text="Sepakat.", by=note_taker)
    return meeting


def test_editor_query_count_does_not_grow_with_agenda_items(note_taker_client, note_taker):
    few = _meeting_with_items(1, note_taker)
    many = _meeting_with_items(12, note_taker)
    AgendaItemFactory(session=many.sessions.get())
    assert_same_count(
        queries_of(note_taker_client, reverse("minutes:editor", args=[few.pk]), expect="Catatan"),
        queries_of(note_taker_client, reverse("minutes:editor", args=[many.pk]), expect="Catatan"),
    )


def test_minutes_list_shows_states(note_taker_client, minutes):
    html = note_taker_client.get(reverse("minutes:list")).content.decode()
    assert minutes.meeting.title in html and re.search(r"Draf", html)


def test_final_minutes_are_read_only_and_offer_reopen_and_publish(organiser_client, ready, items):
    services.finalise_minutes(ready, by=None)
    html = organiser_client.get(reverse("minutes:editor", args=[ready.meeting_id])).content.decode()
    assert f'id="note-{items[0].pk}"' not in html
    assert "Buka untuk koreksi" in html and "Terbitkan di halaman publik" in html
    assert "Finalkan dan terbitkan PDF" not in html


def test_posting_an_edit_to_final_minutes_changes_nothing(note_taker_client, ready):
    services.finalise_minutes(ready, by=None)
    url = reverse("minutes:decision_add", args=[ready.meeting_id])
    response = note_taker_client.post(url, {"text": "Tambahan"}, follow=True)
    assert "sudah final" in response.content.decode()
    assert ready.decisions.count() == 1


def test_compare_page_shows_what_changed(organiser_client, ready):
    services.finalise_minutes(ready, by=None)
    services.reopen_for_correction(ready)
    services.add_decision(ready, text="Kesimpulan tambahan.")
    services.finalise_minutes(ready, by=None)
    url = reverse("minutes:compare", args=[ready.meeting_id])
    html = organiser_client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "Kesimpulan tambahan." in html and "ditambah" in html


def test_minutes_finalised_for_wet_ink_carry_no_electronic_signature(organiser_client, ready, tmp_path):
    organiser_client.post(reverse("minutes:finalise", args=[ready.meeting_id]), {"tanda_tangan_basah": "1"})

    document = ready.versions.get().document
    assert document.signature_kind == document.SignatureKind.WET_INK
    verification = organiser_client.get(reverse("documents:detail", args=[document.code])).content.decode()
    assert "basah" in verification
    text = _pdf_text(document.file.read(), tmp_path)
    assert "ditandatangani secara elektronik" not in text and "ditandatangani basah" in text
