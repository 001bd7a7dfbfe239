import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agencies.demo import DEMO_PASSWORD, create_demo, load_demo
from agencies.models import Agency, Level, Membership, Region

pytestmark = pytest.mark.django_db


def counts():
    return (
        Agency.objects.count(),
        Agency.history.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
        Region.objects.count(),
    )


def test_demo_loader_is_idempotent_and_seats_ten_regency_agencies_under_kaltim():
    logins = load_demo()
    first = counts()
    assert load_demo() == logins
    assert counts() == first

    regency_agencies = Agency.objects.filter(level=Level.REGENCY, region__parent_id="64")
    assert regency_agencies.count() == 10
    assert sorted(regency_agencies.values_list("region_id", flat=True)) == [
        "64.01",
        "64.02",
        "64.03",
        "64.07",
        "64.08",
        "64.09",
        "64.11",
        "64.71",
        "64.72",
        "64.74",
    ]
    names = set(regency_agencies.values_list("short_name", flat=True))
    assert {"DPMD Kukar", "DPMK Kubar", "DPMK Berau", "DPMK Mahulu"} <= names


def test_demo_organiser_has_its_letterhead():
    load_demo()
    organiser = Agency.objects.organisers().get()
    assert organiser.short_name == "DPMPD Kaltim" and organiser.region_id == "64"
    assert organiser.letterhead_lines[:3] == [
        "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        "DINAS PEMBERDAYAAN MASYARAKAT DAN PEMERINTAHAN DESA",
        "Jalan M.T. Haryono, Samarinda, Kalimantan Timur",
    ]
    assert Agency.objects.get(short_name="Bappeda Kaltim").level == Level.PROVINCIAL
    assert (
        Agency.objects.get(name__startswith="Direktorat Jenderal Bina Pemerintahan Desa").level
        == Level.NATIONAL
    )


def login(username):
    user = get_user_model().objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    return user


def test_demo_users_log_in_with_their_roles():
    logins = create_demo()
    assert [(u, label) for u, _, label in logins] == [
        ("penyelenggara", "Penyelenggara"),
        ("notulis", "Notulis"),
        ("petugas", "Petugas Registrasi"),
        ("koordinator", "Koordinator OPD"),
        ("admin", "Admin (superuser)"),
    ]
    assert login("penyelenggara").has_perm("meetings.manage")
    coordinator = login("koordinator")
    assert coordinator.has_perm("meetings.coordinate")
    assert [a.short_name for a in Agency.objects.visible_to(coordinator)] == ["DPMD Kukar"]
    assert login("admin").is_superuser


def test_load_demo_command_prints_the_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "penyelenggara" in out and DEMO_PASSWORD in out and "Koordinator OPD" in out
    assert out.index("Akun demo") < out.index("penyelenggara") < out.index("Contoh tautan undangan")


def test_demo_agencies_have_e_mail_addresses_so_sending_to_all_works(db):
    from agencies import demo
    from agencies.models import Agency

    demo.create_demo()

    names = [name for _code, name, _short in demo.REGENCY_AGENCIES]
    regency_agencies = Agency.objects.filter(name__in=names)
    assert regency_agencies.count() == len(demo.REGENCY_AGENCIES)
    assert not regency_agencies.filter(email="").exists()
    addresses = set(regency_agencies.values_list("email", flat=True))
    assert "bag.pemerintahan.setda.samarinda@demo.kaltimprov.go.id" in addresses
