"""Follow-up across meetings: progress reports, evidence, the overview and its export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from minutes import followup, services
from minutes.models import ActionItem, ActionProgress
from rakor import roles
from tests.factories import AgencyFactory, MembershipFactory, UserFactory, region
from tests.querycount import assert_same_count, queries_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PAST = datetime.date(2018, 5, 31)
FAR = datetime.date(2100, 1, 1)


@pytest.fixture
def paser():
    return AgencyFactory(name="Dinas PMD Kabupaten Paser", short_name="DPMD Paser", region=region("64.01"))


@pytest.fixture
def berau():
    return AgencyFactory(name="Dinas PMK Kabupaten Berau", short_name="DPMK Berau", region=region("64.05"))


@pytest.fixture
def final(ready, note_taker, organiser, paser, berau):
    """Final minutes with actions: Paser overdue, Paser far ahead, Berau overdue, Berau done."""
    services.add_action(ready, what="Menyampaikan profil desa", agency=paser, due_date=PAST, by=note_taker)
    services.add_action(ready, what="Menyusun RPJMDes", agency=paser, due_date=FAR, by=note_taker)
    services.add_action(
        ready, what="Mengusulkan peserta pelatihan", agency=berau, due_date=PAST, by=note_taker
    )
    services.add_action(
        ready, what='=HYPERLINK("http://x")', agency=berau, due_date=PAST, status="done", by=note_taker
    )
    services.finalise_minutes(ready, by=organiser)
    return ready


def coordinator_of(agency, username):
    return MembershipFactory(agency=agency, user__username=username).user


def action_of(final, what):
    return final.actions.get(what=what)


def test_coordinator_sees_only_their_agencys_open_actions(client, final, paser):
    client.force_login(coordinator_of(paser, "paser"))
    page = client.get(reverse("minutes:followup_mine")).content.decode()
    assert "Menyampaikan profil desa" in page and "Menyusun RPJMDes" in page
    assert "Mengusulkan peserta pelatihan" not in page


def test_coordinator_posts_progress_on_their_agencys_action(client, final, paser):
    user = coordinator_of(paser, "paser")
    client.force_login(user)
    action = action_of(final, "Menyampaikan profil desa")
    url = reverse("minutes:followup_action", args=[action.pk])
    response = client.post(url, {"status": "in_progress", "note": "Data 60 desa sudah masuk."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.IN_PROGRESS
    progress = ActionProgress.objects.get(action=action)
    assert progress.by == user and progress.note == "Data 60 desa sudah masuk."
    assert "Data 60 desa sudah masuk." in client.get(url).content.decode()


def test_coordinator_of_another_agency_gets_404_on_the_action_and_its_evidence(client, final, paser, berau):
    action = action_of(final, "Menyampaikan profil desa")
    progress = followup.post_progress(
        action, status="done", evidence=SimpleUploadedFile("bukti.pdf", PDF), by=None
    )
    client.force_login(coordinator_of(berau, "berau"))
    url = reverse("minutes:followup_action", args=[action.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "open"}).status_code == 404
    evidence = reverse("minutes:followup_evidence", args=[action.pk, progress.pk])
    assert client.get(evidence).status_code == 404
    assert ActionProgress.objects.count() == 1


def test_evidence_is_downloadable_by_the_agencys_coordinator_and_organisers(client, final, paser, organiser):
    action = action_of(final, "Menyampaikan profil desa")
    progress = followup.post_progress(
        action, status="done", evidence=SimpleUploadedFile("bukti.pdf", PDF), by=None
    )
    url = reverse("minutes:followup_evidence", args=[action.pk, progress.pk])
    for user in (coordinator_of(paser, "paser"), organiser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
    client.force_login(UserFactory(username="notulis2", roles=[roles.NOTE_TAKER]))
    assert client.get(url).status_code == 404


def test_disguised_evidence_is_refused_with_a_message_and_nothing_is_stored(client, final, paser, settings):
    client.force_login(coordinator_of(paser, "paser"))
    action = action_of(final, "Menyampaikan profil desa")
    fake = SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        reverse("minutes:followup_action", args=[action.pk]), {"status": "done", "evidence": fake}
    )
    assert response.status_code == 200
    assert "Isi berkas tidak sesuai dengan jenisnya" in response.content.decode()
    assert not ActionProgress.objects.exists()
    action.refresh_from_db()
    assert action.status == ActionItem.Status.OPEN
    folder = settings.PRIVATE_MEDIA_ROOT / "tindak-lanjut"
    assert not folder.exists() or not any(folder.iterdir())


def test_evidence_written_before_a_failed_transaction_is_removed(final, settings):
    action = action_of(final, "Menyampaikan profil desa")
    with pytest.raises(ValueError):
        followup.post_progress(
            action, status="no-such-status", evidence=SimpleUploadedFile("b.pdf", PDF), by=None
        )
    ActionItem.objects.filter(pk=action.pk).delete()
    with pytest.raises(ActionItem.DoesNotExist):
        followup.post_progress(action, status="done", evidence=SimpleUploadedFile("b.pdf", PDF), by=None)
    folder = settings.PRIVATE_MEDIA_ROOT / "tindak-lanjut"
    assert not folder.exists() or not any(folder.iterdir())


def test_overview_counts_per_agency_and_region_and_filters(organiser_client, final, paser, berau):
    url = reverse("minutes:followup_overview")
    response = organiser_client.get(url)
    totals = response.context["totals"]
    # The fixture's own action ("Menyampaikan RKA 2019", no due date) is open too.
    assert (totals["open"], totals["overdue"], totals["done"], totals["total"]) == (4, 2, 1, 5)
    per_agency = {row["agency__name"]: row for row in response.context["per_agency"]}
    assert per_agency[paser.name]["overdue"] == 1 and per_agency[berau.name]["done"] == 1
    per_region = {row["agency__region_id"]: row for row in response.context["per_region"]}
    assert per_region["64.05"]["total"] == 2

    only_overdue = organiser_client.get(url, {"lewat": "1"}).content.decode()
    assert "Menyampaikan profil desa" in only_overdue and "Menyusun RPJMDes" not in only_overdue
    berau_page = organiser_client.get(url, {"wilayah": "64.05"}).content.decode()
    assert "Mengusulkan peserta pelatihan" in berau_page and "Menyampaikan profil desa" not in berau_page
    done = organiser_client.get(url, {"status": "done", "instansi": berau.pk})
    assert [a.agency_id for a in done.context["actions"]] == [berau.pk]


def test_overview_is_for_organisers_only(client, final, paser):
    client.force_login(coordinator_of(paser, "paser"))
    assert client.get(reverse("minutes:followup_overview")).status_code == 404
    assert client.get(reverse("minutes:followup_xlsx")).status_code == 404


def test_overview_query_count_does_not_grow_with_actions(
    organiser_client, final, paser, note_taker, organiser
):
    url = reverse("minutes:followup_overview")
    few = queries_of(organiser_client, url)
    services.reopen_for_correction(final, by=organiser)
    for number in range(30):
        services.add_action(
            final, what=f"Tindak lanjut {number}", agency=AgencyFactory(region=region("64.02")), by=note_taker
        )
    services.finalise_minutes(final, by=organiser)
    many = queries_of(organiser_client, url)
    assert_same_count(few, many)


def test_xlsx_export_neutralises_formulas(organiser_client, final):
    response = organiser_client.get(reverse("minutes:followup_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert "Menyampaikan profil desa" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
