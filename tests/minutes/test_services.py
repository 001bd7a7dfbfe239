import pytest

from minutes import services
from minutes.compare import compare_versions
from minutes.models import Minutes
from tests.factories import UserFactory


def test_start_minutes_prefills_the_chair_from_the_meeting(minutes, meeting):
    assert (minutes.chair_name, minutes.chair_title) == (meeting.chair_name, meeting.chair_title)
    assert minutes.status == Minutes.Status.DRAFT


def test_finalise_without_chair_note_taker_or_decision_is_refused_with_reasons(minutes, note_taker):
    services.update_details(minutes, by=note_taker, chair_name="", note_taker_name="")
    with pytest.raises(services.MinutesIncomplete) as refused:
        services.finalise_minutes(minutes, by=note_taker)
    assert refused.value.reasons == [
        "Nama pimpinan rapat belum diisi.",
        "Nama notulis belum diisi.",
        "Belum ada kesimpulan rapat.",
    ]
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT and not minutes.versions.exists()


def test_every_edit_of_final_minutes_is_refused_by_the_service(ready, items, note_taker):
    services.finalise_minutes(ready, by=note_taker)
    decision, action = ready.decisions.get(), ready.actions.get()
    edits = [
        lambda: services.save_note(ready, items[1], "x", revision=0, by=note_taker),
        lambda: services.update_details(ready, by=note_taker, opening="x"),
        lambda: services.add_decision(ready, text="x", by=note_taker),
        lambda: services.update_decision(decision, text="x", by=note_taker),
        lambda: services.delete_decision(decision, by=note_taker),
        lambda: services.add_action(ready, what="x", agency=action.agency, by=note_taker),
        lambda: services.update_action(action, what="x", by=note_taker),
        lambda: services.delete_action(action, by=note_taker),
        lambda: services.submit_for_review(ready, by=note_taker),
        lambda: services.add_review_comment(ready, text="x", by=note_taker),
        lambda: services.finalise_minutes(ready, by=note_taker),
    ]
    for edit in edits:
        with pytest.raises(services.MinutesFinal):
            edit()
    assert ready.decisions.get().text == decision.text and ready.actions.get().what == action.what


def test_a_stale_note_is_refused_and_the_second_writer_is_told_what_the_first_wrote(
    minutes, items, note_taker
):
    other = UserFactory(username="penulis-lain", first_name="Siti")
    first = services.save_note(minutes, items[0], "Teks penulis pertama", revision=0, by=other)
    with pytest.raises(services.StaleNote) as stale:
        services.save_note(minutes, items[0], "Teks penulis kedua", revision=0, by=note_taker)
    assert stale.value.note.text == "Teks penulis pertama"
    assert stale.value.note.updated_by == other
    first.refresh_from_db()
    assert (first.text, first.revision) == ("Teks penulis pertama", 1)


def test_saving_from_the_current_revision_moves_the_revision_on(minutes, items, note_taker):
    note = services.save_note(minutes, items[0], "a", revision=0, by=note_taker)
    note = services.save_note(minutes, items[0], "ab", revision=note.revision, by=note_taker)
    assert (note.text, note.revision) == ("ab", 2)


def test_finalise_freezes_a_numbered_snapshot_and_issues_the_notula(ready, note_taker, items):
    version = services.finalise_minutes(ready, by=note_taker)
    ready.refresh_from_db()
    assert (version.number, ready.current_version, ready.status) == (1, 1, Minutes.Status.FINAL)
    snapshot = version.snapshot
    assert snapshot["items"][0]["note"] == "Kepala Dinas membuka rapat."
    assert [d["text"] for d in snapshot["decisions"]] == ["Program 2019 provinsi dan kabupaten diselaraskan."]
    assert snapshot["attendance"]["total"] == 2
    assert snapshot["attendance"]["per_agency"] == [{"agency": "DPMD Kabupaten Paser", "count": 2}]
    document = version.document
    assert (document.kind, document.subject, document.version) == ("notula", ready.meeting, 1)
    assert document.signature_valid is True


def test_correction_issues_version_2_which_supersedes_1_and_1_stays(ready, note_taker, client):
    first = services.finalise_minutes(ready, by=note_taker)
    services.reopen_for_correction(ready, by=note_taker)
    services.add_decision(ready, text="Kesimpulan tambahan.", by=note_taker)
    second = services.finalise_minutes(ready, by=note_taker)
    assert second.number == 2
    assert second.document.supersedes == first.document and second.document.version == 2
    response = client.get(first.document.get_absolute_url())
    assert response.status_code == 200
    assert "Digantikan oleh versi 2" in response.content.decode()


def test_compare_versions_lists_added_and_changed_lines(ready, note_taker, items):
    first = services.finalise_minutes(ready, by=note_taker)
    services.reopen_for_correction(ready, by=note_taker)
    note = ready.notes.get(agenda_item=items[0])
    services.save_note(
        ready, items[0], "Kepala Dinas membuka rapat pukul 08.00.", revision=note.revision, by=note_taker
    )
    services.add_decision(ready, text="Kesimpulan tambahan.", by=note_taker)
    second = services.finalise_minutes(ready, by=note_taker)
    sections = {section["title"]: section for section in compare_versions(first, second)}
    assert sections["Kesimpulan"]["added"] == ["2. Kesimpulan tambahan."]
    discussion = sections[f"Pembahasan: {items[0].title}"]
    assert discussion["changed"] == [
        ("Kepala Dinas membuka rapat.", "Kepala Dinas membuka rapat pukul 08.00.")
    ]


def test_publishing_makes_the_final_document_public_and_unpublishing_withdraws_it(ready, note_taker):
    version = services.finalise_minutes(ready, by=note_taker)
    services.publish_minutes(ready, by=note_taker)
    version.document.refresh_from_db()
    assert version.document.public and Minutes.objects.get(pk=ready.pk).is_published
    services.unpublish_minutes(ready, by=note_taker)
    version.document.refresh_from_db()
    assert not version.document.public


def test_draft_minutes_cannot_be_published(minutes, note_taker):
    with pytest.raises(services.MinutesNotFinal):
        services.publish_minutes(minutes, by=note_taker)


def test_demo_gives_the_2018_rakor_final_signed_minutes_and_is_idempotent(db, settings):
    from agencies import demo as agencies_demo
    from meetings import demo as meetings_demo
    from minutes import demo

    agencies_demo.load_demo()
    meetings_demo.load_demo()
    lines = demo.load_demo()
    assert any("Notula final" in line for line in lines)
    rakor = Minutes.objects.get(meeting__title=meetings_demo.RAKOR_TITLE)
    version = rakor.versions.get()
    assert rakor.is_final and rakor.is_published and version.document.signature_valid
    assert 3 <= len(version.snapshot["decisions"]) <= 5
    assert rakor.actions.filter(status="done").exists() and rakor.actions.overdue().exists()
    upcoming = Minutes.objects.exclude(pk=rakor.pk).get()
    assert upcoming.status == Minutes.Status.DRAFT and upcoming.notes.exists()
    demo.load_demo()
    assert Minutes.objects.count() == 2
