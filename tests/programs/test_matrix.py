from decimal import Decimal

from django.urls import reverse

from agencies.models import Region
from programs.matrix import build_matrix
from tests.factories import AgencyFactory, region
from tests.programs.conftest import make_program, make_target
from tests.querycount import assert_same_count, queries_of


def _matrix(year=2019):
    return build_matrix(Region.objects.get(code="64"), year)


def _row(matrix, target):
    return next(row for group in matrix.groups for row in group.rows if row.target.pk == target.pk)


def test_contributions_are_summed_against_the_target_above(chain):
    row = _row(_matrix(), chain["provincial"])
    assert row.total == Decimal(32)
    assert row.allocation == Decimal("40.0")  # 32 of 80
    values = {cell.region.code: cell.value for cell in row.cells}
    assert values == {"64.01": Decimal(12), "64.02": Decimal(20), "64.72": None}


def test_a_national_row_shows_regency_contributions_through_the_province(chain):
    row = _row(_matrix(), chain["national"])
    assert {c.region.code: c.value for c in row.cells if c.filled} == {"64.01": 12, "64.02": 20}
    assert row.total == Decimal(80)  # what the province commits
    assert row.allocation == Decimal("1.6")


def test_a_contribution_in_another_unit_is_flagged_and_not_added(chain):
    make_target(make_program(chain["r72"], name="Kota"), 7, unit="kelurahan", parent=chain["provincial"])
    row = _row(_matrix(), chain["provincial"])
    assert row.unit_warning
    assert row.total == Decimal(32)
    cell = next(c for c in row.cells if c.region.code == "64.72")
    assert cell.filled and cell.unit_mismatch


def test_a_provincial_target_no_regency_supports_is_a_gap(chain):
    lonely = make_target(chain["provincial"].program, 5, indicator="Profil desa", parent=chain["national"])
    matrix = _matrix()
    assert matrix.unsupported == [lonely]
    assert not _row(matrix, lonely).supported


def test_a_regency_without_commitment_is_a_gap(chain):
    assert [r.code for r in _matrix().uncommitted] == ["64.72"]


def test_a_program_linked_to_nothing_is_a_gap(chain):
    alone = make_program(chain["province"], name="Penunjang", nomenclature="2.13.01")
    make_program(chain["other_regency"], name="Other province's")
    assert _matrix().unlinked == [alone]


def test_the_matrix_page_shows_gaps_and_agreement_placeholder(organiser_client, chain):
    response = organiser_client.get(reverse("programs:matrix", args=["64", 2019]))
    html = response.content.decode()
    assert "belum disepakati" in html
    assert "belum memiliki komitmen" in html
    assert 'data-region="64.72"' in html


def test_filters_limit_rows_and_columns(organiser_client, chain):
    url = reverse("programs:matrix", args=["64", 2019])
    response = organiser_client.get(url, {"program": chain["provincial"].program_id, "wilayah": "64.02"})
    matrix = response.context["matrix"]
    assert [g.program for g in matrix.groups] == [chain["provincial"].program]
    assert [r.code for r in matrix.regions] == ["64.02"]


def _grow(chain, regencies, targets_each):
    provincial = chain["provincial"]
    for i in range(regencies):
        code = f"64.{50 + i:02d}"
        agency = AgencyFactory(region=region(code))
        program = make_program(agency, name=f"P{i}")
        for j in range(targets_each):
            make_target(program, j, parent=provincial, indicator=f"I{j}")
    for j in range(targets_each):
        make_target(provincial.program, 1, parent=chain["national"], indicator=f"Prov {j}")


def test_the_matrix_runs_the_same_queries_for_ten_regencies_with_200_targets(organiser_client, chain):
    url = reverse("programs:matrix", args=["64", 2019])
    few = queries_of(organiser_client, url)
    _grow(chain, 10, 20)
    many = queries_of(organiser_client, url, expect="Prov 19")
    assert_same_count(few, many)
