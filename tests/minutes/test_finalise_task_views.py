"""The finalise button queues the job and shows a progress page: queued, running, done, failed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import IssuedDocument
from minutes import finalising, services
from minutes.models import Minutes
from tests.factories import UserFactory

Finalising = Minutes.Finalising


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend.results


def finalise_url(minutes):
    return reverse("minutes:finalise", args=[minutes.meeting_id])


def progress_url(minutes):
    return reverse("minutes:finalising", args=[minutes.meeting_id])


def test_without_a_worker_finalising_completes_in_the_request_and_the_page_shows_done(
    organiser_client, ready
):
    response = organiser_client.post(finalise_url(ready))
    assert response.status_code == 302 and response["Location"] == progress_url(ready)

    page = organiser_client.get(progress_url(ready)).content.decode()
    version = ready.versions.get()
    assert "Notula versi 1 ditetapkan dan diterbitkan." in page
    assert reverse("minutes:version_pdf", args=[ready.meeting_id, 1]) in page
    assert version.document.get_absolute_url() in page and version.document.code in page
    assert 'hx-trigger="every 2s"' not in page  # nothing left to wait for
    ready.refresh_from_db()
    assert ready.is_final and ready.finalising == Finalising.DONE


def test_queued_page_polls_every_two_seconds_and_answers_htmx_with_the_card(organiser_client, ready, queue):
    organiser_client.post(finalise_url(ready))
    assert len(queue) == 1

    page = organiser_client.get(progress_url(ready)).content.decode()
    assert "Notula versi 1 menunggu diproses." in page and "Dalam antrean" in page
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{progress_url(ready)}"' in page

    card = organiser_client.get(progress_url(ready), HTTP_HX_REQUEST="true").content.decode()
    assert card.lstrip().startswith("<section") and "<html" not in card
    assert 'hx-trigger="every 2s"' in card


def test_running_page_says_the_notula_is_being_issued(organiser_client, ready, queue):
    organiser_client.post(finalise_url(ready))
    Minutes.objects.filter(pk=ready.pk).update(finalising=Finalising.RUNNING)

    page = organiser_client.get(progress_url(ready)).content.decode()
    assert "sedang disusun, ditandatangani dan diterbitkan" in page and 'hx-trigger="every 2s"' in page


def test_when_the_worker_is_done_the_polled_card_shows_the_pdf_and_stops_polling(
    organiser_client, ready, queue
):
    organiser_client.post(finalise_url(ready))
    queue[0].task.call(**queue[0].kwargs)

    card = organiser_client.get(progress_url(ready), HTTP_HX_REQUEST="true").content.decode()
    assert "Notula versi 1 ditetapkan dan diterbitkan." in card and "Unduh PDF" in card
    assert "hx-trigger" not in card


def test_failed_page_gives_the_reason_translated_and_a_button_to_try_again(
    organiser_client, ready, queue, settings, demo_p12
):
    organiser_client.post(finalise_url(ready))
    settings.RAKOR_SIGNING_P12, settings.RAKOR_SIGNING_PASSPHRASE = str(demo_p12), "salah"
    queue[0].task.call(**queue[0].kwargs)

    page = organiser_client.get(progress_url(ready)).content.decode()
    assert "kata sandi salah atau berkas rusak" in page
    assert "tidak ada nomor yang terpakai" in page and "Coba lagi" in page
    assert 'hx-trigger="every 2s"' not in page
    english = organiser_client.get(progress_url(ready), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "wrong password or damaged file" in english  # the stored msgid, translated on display

    # The certificate is fixed; trying again queues the job again and it issues version 1.
    settings.RAKOR_SIGNING_P12 = ""
    organiser_client.post(finalise_url(ready))
    assert len(queue) == 2
    queue[1].task.call(**queue[1].kwargs)
    assert "Notula versi 1 ditetapkan" in organiser_client.get(progress_url(ready)).content.decode()
    assert IssuedDocument.objects.count() == 1


def test_a_broken_certificate_is_said_at_once_and_nothing_is_queued(
    organiser_client, ready, queue, settings, demo_p12
):
    settings.RAKOR_SIGNING_P12, settings.RAKOR_SIGNING_PASSPHRASE = str(demo_p12), "salah"

    response = organiser_client.post(finalise_url(ready), follow=True)

    assert "kata sandi salah" in response.content.decode()
    assert queue == [] and not IssuedDocument.objects.exists()
    ready.refresh_from_db()
    assert ready.finalising == Finalising.NONE


def test_a_double_click_queues_one_job_and_both_land_on_the_progress_page(organiser_client, ready, queue):
    first = organiser_client.post(finalise_url(ready))
    second = organiser_client.post(finalise_url(ready))

    assert first["Location"] == second["Location"] == progress_url(ready)
    assert len(queue) == 1


def test_edits_posted_while_finalising_are_refused_with_the_reason(organiser_client, ready, queue):
    organiser_client.post(finalise_url(ready))

    response = organiser_client.post(
        reverse("minutes:decision_add", args=[ready.meeting_id]), {"text": "Baru"}, follow=True
    )

    assert "Notula sedang difinalkan" in response.content.decode()
    assert ready.decisions.count() == 1
    editor = organiser_client.get(ready.get_absolute_url()).content.decode()
    assert "Lihat kemajuan" in editor and "Tambah kesimpulan" not in editor
    assert "Finalkan dan terbitkan PDF" not in editor


def test_a_stale_job_offers_to_ask_again(organiser_client, ready, queue):
    organiser_client.post(finalise_url(ready))
    Minutes.objects.filter(pk=ready.pk).update(
        finalising_requested_at=timezone.now() - finalising.STALE_AFTER - timezone.timedelta(minutes=1)
    )
    page = organiser_client.get(progress_url(ready)).content.decode()
    assert "pemroses tugas mungkin tidak berjalan" in page and "Coba lagi" in page


def test_nothing_requested_says_so(organiser_client, ready):
    page = organiser_client.get(progress_url(ready)).content.decode()
    assert "Belum ada permintaan penetapan" in page


def test_only_organisers_see_the_progress_page(client, ready, note_taker, coordinator, clerk):
    services.finalise_minutes(ready, by=None)
    assert client.get(progress_url(ready)).status_code == 302  # anonymous: the login page
    for user in (note_taker, coordinator, clerk, UserFactory()):
        client.force_login(user)
        assert client.get(progress_url(ready)).status_code == 404
    assert client.get(reverse("minutes:finalising", args=[ready.meeting_id + 999])).status_code == 404


def test_a_note_taker_cannot_finalise_and_nothing_is_queued(client, ready, note_taker, queue):
    client.force_login(note_taker)
    assert client.post(finalise_url(ready)).status_code == 404
    assert queue == []
