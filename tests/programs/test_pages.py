from django.urls import reverse

from programs.demo import load_demo
from programs.models import Program, Target
from tests.programs.conftest import make_program


def test_the_tree_draws_each_level_as_svg_without_inline_styles(organiser_client, chain):
    html = organiser_client.get(reverse("programs:tree", args=["64", 2019])).content.decode()
    assert "<svg" in html
    assert html.count('class="tree-node level-regency"') == 2
    assert html.count('class="tree-node level-provincial"') == 1
    assert html.count('class="tree-node level-national"') == 1
    assert "style=" not in html[html.index("<svg") : html.index("</svg>")]


def test_the_province_page_lists_its_targets_and_their_supporters(organiser_client, chain):
    html = organiser_client.get(reverse("programs:province", args=["64", 2019])).content.decode()
    assert "Provinsi" in html and "DPMD 01" in html and "DPMD 02" in html


def test_the_regency_page_says_when_it_has_no_commitment(organiser_client, chain):
    html = organiser_client.get(reverse("programs:regency", args=["64.72", 2019])).content.decode()
    assert "belum memiliki komitmen" in html
    html = organiser_client.get(reverse("programs:regency", args=["64.01", 2019])).content.decode()
    assert "Kab 01" in html


def test_the_list_filters_by_level_and_region(organiser_client, chain):
    url = reverse("programs:list")
    response = organiser_client.get(url, {"tahun": 2019, "tingkat": "regency", "wilayah": "64.01"})
    assert [p.name for p in response.context["programs"]] == ["Kab 01"]


def test_organisers_home_shows_the_gaps_and_coordinators_their_targets(client, organiser, chain):
    from tests.factories import MembershipFactory

    chain["province"].is_organiser = True
    chain["province"].save()
    from agencies.models import Membership

    Membership.objects.create(user=organiser, agency=chain["province"], role=Membership.Role.STAFF)
    make_program(chain["province"], name="Penunjang", nomenclature="2.13.01")
    client.force_login(organiser)
    html = client.get(reverse("home")).content.decode()
    assert "Celah keselarasan program 2019" in html
    assert reverse("programs:matrix", args=["64", 2019]) in html
    client.force_login(MembershipFactory(agency=chain["r01"]).user)
    html = client.get(reverse("home")).content.decode()
    assert "Target instansi Anda 2019" in html and "Desa mandiri bertambah" in html


def test_the_demo_loads_once_and_leaves_mahakam_ulu_without_commitment(db):
    from agencies.demo import load_demo as load_agencies

    load_agencies()
    lines = load_demo()
    counts = (Program.objects.count(), Target.objects.count(), Program.history.count())
    assert load_demo() == lines
    assert (Program.objects.count(), Target.objects.count(), Program.history.count()) == counts
    from agencies.models import Region
    from programs.matrix import build_matrix

    matrix = build_matrix(Region.objects.get(code="64"), 2019)
    assert [r.name for r in matrix.uncommitted] == ["Kabupaten Mahakam Ulu"]
    assert matrix.unsupported and matrix.unlinked


def test_the_home_page_runs_the_same_queries_for_few_and_many_targets(client, organiser, chain):
    from agencies.models import Membership
    from tests.factories import AgencyFactory, region
    from tests.querycount import assert_same_count, queries_of

    chain["province"].is_organiser = True
    chain["province"].save()
    Membership.objects.create(user=organiser, agency=chain["province"], role=Membership.Role.STAFF)
    client.force_login(organiser)
    few = queries_of(client, reverse("home"))
    for i in range(5):
        agency = AgencyFactory(region=region(f"64.{60 + i}"))
        program = make_program(agency, name=f"P{i}")
        for j in range(10):
            from tests.programs.conftest import make_target

            make_target(program, j, parent=chain["provincial"], indicator=f"I{j}")
    many = queries_of(client, reverse("home"))
    assert_same_count(few, many)


def test_the_demo_signs_agreements_issues_the_berita_acara_reports_and_records_aspirations(signing, db):
    from agencies.demo import load_demo as load_agencies
    from meetings.demo import load_demo as load_meetings
    from programs.agreements import berita_acara_documents
    from programs.models import Agreement, Aspiration, Realization

    load_agencies()
    load_meetings()
    lines = load_demo()
    assert load_demo() == lines
    rakor = Agreement.objects.first().meeting
    assert Agreement.objects.count() == 4
    assert berita_acara_documents(rakor).count() == 1
    assert Realization.objects.filter(target__program__fiscal_year=2019).count() == 9
    assert Aspiration.objects.count() == 4
    assert Aspiration.objects.filter(programs__isnull=False).distinct().count() == 2
