"""Programs fixtures: the bundled nomenclature, a province with three regencies, and builders."""

from decimal import Decimal

import pytest

from agencies.models import Level
from documents.signing import make_demo_p12
from programs.models import FundingSource, Nomenclature, Program, Target
from programs.nomenclature import load_bundled
from tests.factories import AgencyFactory, region


@pytest.fixture
def nomenclature(db):
    load_bundled()
    return Nomenclature.objects.all()


def code(value, level):
    """The nomenclature row of ``value`` that fits a program of ``level``."""
    return Nomenclature.objects.fitting(level).filter(code=value).order_by("authority").first()


def make_program(agency, *, year=2019, nomenclature="2.13.04", name="Program uji", parent=None, budget=0):
    program = Program(
        agency=agency,
        fiscal_year=year,
        nomenclature=code(nomenclature, agency.level),
        name=name,
        budget=Decimal(budget),
        funding_source=FundingSource.OTHER,
        parent=parent,
    )
    program.level = agency.level
    program.full_clean()
    program.save()
    return program


def make_target(program, value, *, unit="desa", parent=None, indicator="Desa mandiri bertambah"):
    target = Target(program=program, indicator=indicator, unit=unit, value=Decimal(value), parent=parent)
    target.full_clean()
    target.save()
    return target


@pytest.fixture
def world(nomenclature):
    """A ministry, province 64 with its agency, and agencies of 64.01, 64.02 and 64.72; province 63 too."""
    for c in ("64.01", "64.02", "64.72", "63.01"):
        region(c)
    from agencies.models import Region

    Region.objects.filter(code="64.72").update(kind=Region.Kind.CITY)
    return {
        "ministry": AgencyFactory(region=None, short_name="Kemendagri"),
        "province": AgencyFactory(region=region("64"), short_name="DPMPD"),
        "other_province": AgencyFactory(region=region("63"), short_name="DPMD Kalsel"),
        "r01": AgencyFactory(region=region("64.01"), short_name="DPMD 01"),
        "r02": AgencyFactory(region=region("64.02"), short_name="DPMD 02"),
        "r72": AgencyFactory(region=region("64.72"), short_name="Kota 72"),
        "other_regency": AgencyFactory(region=region("63.01"), short_name="DPMD 63.01"),
    }


@pytest.fixture
def chain(world):
    """National -> provincial -> two regency targets (2019)."""
    national = make_target(make_program(world["ministry"], name="Nasional"), 5000)
    provincial_program = make_program(world["province"], name="Provinsi", parent=national.program)
    provincial = make_target(provincial_program, 80, parent=national)
    t01 = make_target(make_program(world["r01"], name="Kab 01"), 12, parent=provincial)
    t02 = make_target(make_program(world["r02"], name="Kab 02"), 20, parent=provincial)
    return {**world, "national": national, "provincial": provincial, "t01": t01, "t02": t02}


@pytest.fixture(scope="session")
def demo_p12(tmp_path_factory):
    path = tmp_path_factory.mktemp("signing") / "demo-signing.p12"
    make_demo_p12(path)
    return path


@pytest.fixture
def signing(settings, demo_p12, tmp_path):
    """Sign with the session's demo certificate and store issued files in a temporary folder."""
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = demo_p12
    settings.RAKOR_SITE_URL = "https://rakor.example.go.id"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def meeting(chain):
    """The 2018 rakor (fiscal year 2019) organised by the province's agency."""
    from tests.meetings.factories import MeetingFactory

    return MeetingFactory(organiser=chain["province"], fiscal_year=2019)


__all__ = ["Level", "code", "make_program", "make_target"]
