import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import Meeting
from programs.aspirations import similar_aspirations
from programs.models import Aspiration
from programs.models.aspirations import village_label
from tests.factories import MembershipFactory, region
from tests.meetings.factories import MeetingFactory


@pytest.fixture
def visit(chain):
    return MeetingFactory(
        organiser=chain["province"], kind=Meeting.Kind.KIPRAH_DESA, title="Kiprah Desa Berau"
    )


@pytest.fixture
def villages(db):
    berau = region("64.03.01.2001")  # Kabupaten Berau: a desa is a kampung
    paser = region("64.01.01.2001")
    return {"berau": berau, "paser": paser}


def _data(visit, village, text, **extra):
    return {
        "meeting": visit.pk,
        "village": village.code,
        "field": "pembangunan",
        "text": text,
        "status": "diterima",
        "reason": "",
        **extra,
    }


def test_villages_are_called_kampung_in_berau_and_desa_elsewhere(villages):
    assert str(village_label(villages["berau"])) == "Kampung"
    assert str(village_label(villages["paser"])) == "Desa"


def test_a_similar_aspiration_of_the_same_village_is_suggested_before_saving(
    organiser_client, visit, villages, chain
):
    Aspiration.objects.create(
        meeting=visit,
        village=villages["berau"],
        field="pembangunan",
        text="Perbaikan jalan usaha tani menuju kebun sawit warga",
    )
    url = reverse("programs:aspiration_create")
    data = _data(
        visit,
        villages["berau"],
        "Mohon perbaikan jalan usaha tani ke kebun sawit",
        programs=[chain["t01"].program_id],
    )
    response = organiser_client.post(url, data)
    assert response.status_code == 200
    assert [a.text for a in response.context["similar"]] == [
        "Perbaikan jalan usaha tani menuju kebun sawit warga"
    ]
    assert "Kampung" in response.content.decode()
    assert Aspiration.objects.count() == 1
    confirmed = organiser_client.post(url, {**data, "confirm_new": "1"})
    assert confirmed.status_code == 302
    saved = Aspiration.objects.get(text__startswith="Mohon")
    assert list(saved.programs.all()) == [chain["t01"].program]


def test_a_different_text_or_another_village_is_not_suggested(visit, villages):
    Aspiration.objects.create(
        meeting=visit,
        village=villages["berau"],
        field="pembangunan",
        text="Perbaikan jalan usaha tani menuju kebun sawit",
    )
    assert similar_aspirations(villages["berau"], "Pelatihan BUMDes pengelolaan keuangan") == []
    assert similar_aspirations(villages["paser"], "Perbaikan jalan usaha tani menuju kebun sawit") == []


def test_not_accommodated_needs_a_reason(organiser_client, visit, villages):
    url = reverse("programs:aspiration_create")
    response = organiser_client.post(
        url, _data(visit, villages["paser"], "Air bersih", status="tidak_diakomodasi")
    )
    assert response.status_code == 422
    assert "reason" in response.context["form"].errors
    assert not Aspiration.objects.exists()
    aspiration = Aspiration(
        meeting=visit, village=villages["paser"], field="lainnya", text="x", status="tidak_diakomodasi"
    )
    with pytest.raises(ValidationError):
        aspiration.full_clean()
    ok = organiser_client.post(
        url,
        _data(
            visit, villages["paser"], "Air bersih", status="tidak_diakomodasi", reason="Kewenangan kabupaten"
        ),
    )
    assert ok.status_code == 302


def test_only_kiprah_desa_visits_take_aspirations(visit, villages, chain):
    rakor = MeetingFactory(organiser=chain["province"])
    aspiration = Aspiration(meeting=rakor, village=villages["paser"], field="lainnya", text="x")
    with pytest.raises(ValidationError):
        aspiration.full_clean()


def test_coordinators_read_but_do_not_record_aspirations(client, chain):
    client.force_login(MembershipFactory(agency=chain["r01"]).user)
    assert client.get(reverse("programs:aspirations")).status_code == 200
    assert client.get(reverse("programs:aspiration_create")).status_code == 404


def test_the_list_filters_and_counts_per_regency(organiser_client, visit, villages):
    Aspiration.objects.create(meeting=visit, village=villages["berau"], field="pembangunan", text="Jalan")
    Aspiration.objects.create(meeting=visit, village=villages["berau"], field="ekonomi", text="BUMDes")
    Aspiration.objects.create(meeting=visit, village=villages["paser"], field="ekonomi", text="Pasar desa")
    response = organiser_client.get(reverse("programs:aspirations"))
    assert [(r.code, n) for r, n in response.context["counts"]] == [("64.01", 1), ("64.03", 2)]
    filtered = organiser_client.get(
        reverse("programs:aspirations"), {"wilayah": "64.03", "bidang": "ekonomi"}
    )
    assert [a.text for a in filtered.context["aspirations"]] == ["BUMDes"]


def test_the_xlsx_export_neutralises_formulas(organiser_client, visit, villages):
    Aspiration.objects.create(
        meeting=visit,
        village=villages["paser"],
        field="lainnya",
        text='=HYPERLINK("http://evil.example","klik")',
    )
    response = organiser_client.get(reverse("programs:aspirations_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = [cell.value for cell in sheet[2]]
    assert '\'=HYPERLINK("http://evil.example","klik")' in texts
    assert all(
        not (isinstance(v, str) and v.startswith("="))
        for row in sheet.iter_rows(values_only=True)
        for v in row
    )
