import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from programs.models import Program, Target
from programs.target_import import COLUMNS
from tests.factories import MembershipFactory


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(c) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("target.xlsx", out.getvalue())


@pytest.fixture
def regency_client(client, chain):
    user = MembershipFactory(agency=chain["r72"]).user
    client.force_login(user)
    return client


def _url(chain, year=2019):
    return reverse("programs:import", args=[chain["r72"].pk, year])


def _row(chain, **values):
    row = {
        "kode_nomenklatur": "2.13.04",
        "nama_program": "Administrasi Pemerintahan Desa",
        "pagu": 250000000,
        "sumber_dana": "APBD Kabupaten/Kota",
        "indikator": "Desa mandiri bertambah",
        "satuan": "desa",
        "baseline": 2,
        "target": 4,
        "id_target_induk": chain["provincial"].pk,
    }
    row.update(values)
    return row


def test_the_template_lists_the_agencys_targets_and_the_targets_it_may_support(regency_client, chain):
    response = regency_client.get(reverse("programs:import_template", args=[chain["r72"].pk, 2019]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["target"][1]] == COLUMNS
    parents = [row[0].value for row in workbook["target_induk"].iter_rows(min_row=2)]
    assert parents == [chain["provincial"].pk]


def test_an_upload_is_previewed_then_stored_all_at_once(regency_client, chain):
    rows = [
        _row(chain),
        _row(chain, indikator="Aparatur dilatih", satuan="orang", target=30, id_target_induk=""),
    ]
    response = regency_client.post(_url(chain), {"file": _xlsx(rows)})
    assert response.status_code == 200
    assert not Target.objects.filter(program__agency=chain["r72"]).exists()
    response = regency_client.post(_url(chain), {"confirm": "1", "token": response.context["token"]})
    assert response.status_code == 302
    program = Program.objects.get(agency=chain["r72"])
    assert program.parent == chain["provincial"].program
    assert program.budget == 250000000
    assert sorted(program.targets.values_list("value", flat=True)) == [4, 30]


def test_an_upload_updates_the_targets_named_by_id(regency_client, chain):
    regency_client.post(_url(chain), {"file": _xlsx([_row(chain)])})
    regency_client.post(
        _url(chain), {"confirm": "1", "token": regency_client.session["programs_import"]["token"]}
    )
    target = Target.objects.get(program__agency=chain["r72"])
    response = regency_client.post(_url(chain), {"file": _xlsx([_row(chain, id_target=target.pk, target=9)])})
    regency_client.post(_url(chain), {"confirm": "1", "token": response.context["token"]})
    target.refresh_from_db()
    assert target.value == 9
    assert Target.objects.filter(program__agency=chain["r72"]).count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kode_nomenklatur": "9.99.99"}, "kode nomenklatur 9.99.99 tidak dikenal"),
        ({"kode_nomenklatur": "2.13.04.1.01"}, "bukan kewenangan"),
        ({"target": -3}, "target tidak boleh negatif"),
        ({"target": "banyak"}, "bukan angka"),
        ({"pagu": "-1"}, "pagu tidak boleh negatif"),
        ({"satuan": ""}, "satuan wajib diisi"),
        ({"id_target_induk": 999999}, "id_target_induk 999999 tidak dikenal"),
        ({"sumber_dana": "Hibah luar negeri"}, "sumber_dana"),
    ],
)
def test_a_wrong_row_is_reported_and_nothing_is_stored(regency_client, chain, values, message):
    rows = [_row(chain), _row(chain, indikator="Kedua", **values)]
    response = regency_client.post(_url(chain), {"file": _xlsx(rows)})
    assert response.status_code == 422
    errors = " ".join(response.context["plan"].errors)
    assert "Baris 3" in errors and message in errors
    assert "token" not in response.context
    assert not Program.objects.filter(agency=chain["r72"]).exists()


def test_a_parent_from_another_province_is_a_row_error(regency_client, chain):
    from tests.programs.conftest import make_program, make_target

    foreign = make_target(make_program(chain["other_province"], name="Kalsel"), 10)
    response = regency_client.post(_url(chain), {"file": _xlsx([_row(chain, id_target_induk=foreign.pk)])})
    assert response.status_code == 422
    assert "provinsi yang sama" in " ".join(response.context["plan"].errors)
    assert not Target.objects.filter(program__agency=chain["r72"]).exists()


def test_the_import_of_another_agency_is_a_404(regency_client, chain):
    assert regency_client.get(reverse("programs:import", args=[chain["r01"].pk, 2019])).status_code == 404
