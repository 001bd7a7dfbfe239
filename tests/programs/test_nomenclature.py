from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Level
from programs.models import Nomenclature, NomenclatureEdition
from programs.nomenclature import load_bundled
from tests.programs.conftest import make_program

HEADER = "code,level,name,authority,source,note\n"
GOOD = HEADER + (
    "2,urusan,Urusan Wajib,both,,\n2.13,bidang,PMD,both,,\n"
    "2.13.04,program,PROGRAM ADMINISTRASI PEMERINTAHAN DESA (BARU),both,,\n"
    "2.13.04.2.01,kegiatan,Pembinaan Administrasi Desa,kabkota,,BELUM DIVERIFIKASI\n"
)


def test_loading_the_bundled_list_twice_changes_nothing(db):
    edition, count = load_bundled()
    assert count == 33
    before = list(Nomenclature.objects.values_list("pk", "code", "authority", "parent_id"))
    load_bundled()
    assert list(Nomenclature.objects.values_list("pk", "code", "authority", "parent_id")) == before
    assert NomenclatureEdition.objects.count() == 1


def test_rows_marked_unverified_in_the_source_stay_marked(nomenclature):
    penunjang = Nomenclature.objects.filter(code="2.13.01")
    assert {n.authority for n in penunjang} == {"provinsi", "kabkota"}
    assert all(n.unverified for n in penunjang)
    assert not Nomenclature.objects.get(code="2.13.04").unverified


def test_activities_hang_under_the_program_of_their_authority(nomenclature):
    activity = Nomenclature.objects.get(code="2.13.01.1.01")
    assert (activity.parent.code, activity.parent.authority) == ("2.13.01", "provinsi")
    assert Nomenclature.objects.get(code="2.13.04.2.01").parent.authority == "both"


def test_the_unverified_mark_is_shown_in_the_list(organiser_client, nomenclature):
    response = organiser_client.get(reverse("programs:nomenclature"))
    assert "belum diverifikasi" in response.content.decode()


def test_a_newer_edition_is_imported_and_older_programs_keep_their_codes(organiser_client, world):
    program = make_program(world["r01"], year=2019)
    old_code = program.nomenclature_id
    upload = SimpleUploadedFile("nomenklatur.csv", GOOD.encode(), content_type="text/csv")
    url = reverse("programs:nomenclature_import")
    response = organiser_client.post(
        url, {"regulation": "Kepmendagri 900.1.15.5-1317/2023", "year": 2024, "file": upload}
    )
    assert response.status_code == 200
    token = response.context["token"]
    response = organiser_client.post(url, {"confirm": "1", "token": token})
    assert response.status_code == 302
    edition = NomenclatureEdition.objects.get(year=2024)
    assert edition.rows.count() == 4
    assert edition.rows.get(code="2.13.04.2.01").unverified
    program.refresh_from_db()
    assert program.nomenclature_id == old_code
    assert (
        Nomenclature.objects.for_year(2024)
        .fitting(Level.REGENCY)
        .filter(code="2.13.04")
        .get()
        .name.endswith("(BARU)")
    )
    assert Nomenclature.objects.for_year(2020).first().edition.year == 2019


def test_an_import_with_wrong_rows_stores_nothing(organiser_client, nomenclature):
    bad = (
        HEADER
        + "2,urusan,U,both,,\n2.13.x,bidang,B,both,,\n2.13.04,programm,P,both,,\n2.13.05,program,P,semua,,\n"
    )
    bad += "2.13.09.2.01,kegiatan,K,kabkota,,\n"
    upload = SimpleUploadedFile("n.csv", bad.encode(), content_type="text/csv")
    response = organiser_client.post(
        reverse("programs:nomenclature_import"), {"regulation": "Baru", "year": 2025, "file": upload}
    )
    assert response.status_code == 422
    errors = response.context["plan"].errors
    text = " ".join(errors)
    assert "Baris 3" in text and "Baris 4" in text and "Baris 5" in text
    assert "Baris 6: induk 2.13.09" in text
    assert not NomenclatureEdition.objects.filter(year=2025).exists()


def test_only_organisers_import_the_nomenclature(coordinator_client, nomenclature):
    assert coordinator_client.get(reverse("programs:nomenclature_import")).status_code == 404
    assert coordinator_client.get(reverse("programs:nomenclature")).status_code == 200
