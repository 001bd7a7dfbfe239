"""The shared layout: navigation by role, language switch, home page and dashboard, error pages, CSP."""

import re

import pytest
from django.template import loader
from django.urls import reverse

from rakor import dashboard, roles
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def nav(html):
    return re.search(r'<nav class="navbar.*?</nav>', html, re.S).group(0)


def test_navbar_shows_agencies_to_an_organiser(organiser_client):
    html = nav(organiser_client.get(reverse("home")).content.decode())

    assert f'href="{reverse("agencies:list")}"' in html
    assert "Instansi" in html
    assert "Ganti kata sandi" in html
    assert "Keluar" in html


def test_navbar_shows_regions_to_organisers_and_coordinators(organiser_client, coordinator):
    regions_url = reverse("agencies:regions")
    assert f'href="{regions_url}"' in nav(organiser_client.get(reverse("home")).content.decode())
    organiser_client.force_login(coordinator)
    assert f'href="{regions_url}"' in nav(organiser_client.get(reverse("home")).content.decode())


def test_navbar_shows_meetings_to_organisers_only(organiser_client, coordinator):
    meetings_url = reverse("meetings:staff_list")
    assert f'href="{meetings_url}"' in nav(organiser_client.get(reverse("home")).content.decode())
    organiser_client.force_login(coordinator)
    assert f'href="{meetings_url}"' not in nav(organiser_client.get(reverse("home")).content.decode())


def test_navbar_shows_invitations_to_coordinators_only(organiser_client, coordinator):
    invitations_url = reverse("meetings:coordinator_invitations")
    assert f'href="{invitations_url}"' not in nav(organiser_client.get(reverse("home")).content.decode())
    organiser_client.force_login(coordinator)
    html = nav(organiser_client.get(reverse("home")).content.decode())
    assert f'href="{invitations_url}"' in html and "Undangan" in html
    assert reverse("meetings:checkin_index") not in html


def test_navbar_shows_the_checkin_desk_to_clerks_and_organisers(client, organiser):
    desk_url = reverse("meetings:checkin_index")
    client.force_login(UserFactory(roles=[roles.CHECKIN_CLERK]))
    html = nav(client.get(reverse("home")).content.decode())
    assert f'href="{desk_url}"' in html and "Meja Registrasi" in html
    assert reverse("meetings:staff_list") not in html
    client.force_login(organiser)
    assert f'href="{desk_url}"' in nav(client.get(reverse("home")).content.decode())


def test_checkin_desk_page_marks_its_link_not_the_meetings_link(organiser_client):
    html = nav(organiser_client.get(reverse("meetings:checkin_index")).content.decode())
    assert f'href="{reverse("meetings:checkin_index")}" aria-current="page"' in html
    assert f'href="{reverse("meetings:staff_list")}" aria-current="page"' not in html


def test_region_page_marks_the_regions_link_as_current(organiser_client):
    from tests.factories import region

    html = nav(organiser_client.get(reverse("agencies:region", args=[region("64").code])).content.decode())
    assert f'href="{reverse("agencies:regions")}" aria-current="page"' in html
    assert f'href="{reverse("agencies:list")}" aria-current="page"' not in html


def test_navbar_hides_staff_pages_from_anonymous_visitors(client):
    html = nav(client.get(reverse("home")).content.decode())

    assert reverse("agencies:list") not in html
    assert "Keluar" not in html
    assert reverse("admin:index") not in html
    assert reverse("meetings:checkin_index") not in html
    assert reverse("meetings:coordinator_invitations") not in html
    assert f'href="{reverse("login")}"' in html


def test_navbar_shows_admin_only_to_staff(client, organiser):
    organiser.is_staff = True
    organiser.save()
    client.force_login(organiser)
    assert f'href="{reverse("admin:index")}"' in nav(client.get(reverse("home")).content.decode())

    clerk = UserFactory(roles=[roles.CHECKIN_CLERK])
    client.force_login(clerk)
    html = nav(client.get(reverse("home")).content.decode())
    assert reverse("admin:index") not in html
    assert reverse("agencies:list") not in html


def test_page_has_landmarks_skip_link_and_viewport(client):
    html = client.get(reverse("home")).content.decode()

    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<html lang="id">' in html
    assert 'href="#content"' in html and 'id="content"' in html
    for landmark in ("<header", "<main", "<footer", 'aria-label="Navigasi utama"'):
        assert landmark in html


def test_language_switch_to_english_sets_the_language_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()


def test_language_switch_is_a_form_that_works_without_javascript(client):
    html = client.get(reverse("home")).content.decode()
    form = re.search(r'<form class="language-form.*?</form>', html, re.S).group(0)

    assert f'action="{reverse("set_language")}"' in form
    assert 'method="post"' in form
    assert '<option value="en"' in form and '<option value="id"' in form
    assert 'type="submit"' in form


def test_home_for_anonymous_visitors_shows_the_empty_list_of_upcoming_meetings(client):
    html = client.get(reverse("home")).content.decode()

    assert "Rapat mendatang" in html
    assert "Belum ada rapat terbuka yang dijadwalkan." in html
    assert "Cara masuk" in html
    assert "Perlu perhatian Anda" not in html


def test_home_for_an_organiser_shows_reference_data_counts(organiser_client):
    AgencyFactory.create_batch(3)

    response = organiser_client.get(reverse("home"))

    html = response.content.decode()
    assert "Perlu perhatian Anda" in html
    assert "Data referensi" in html
    [reference] = [s for s in response.context["sections"]["overview"] if s.title == "Data referensi"]
    assert reference.items[0].count == 3
    assert f'href="{reverse("agencies:list")}"' in html


def test_home_for_a_coordinator_lists_their_agencies_only(client):
    mine = MembershipFactory(agency__name="Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser")
    AgencyFactory(name="Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau")
    client.force_login(mine.user)

    html = client.get(reverse("home")).content.decode()

    assert "Instansi Anda" in html
    assert "Kabupaten Paser" in html
    assert "Kabupaten Berau" not in html
    assert "Data referensi" not in html


def test_home_for_a_user_with_nothing_to_do_says_so(client):
    client.force_login(UserFactory(roles=[roles.NOTE_TAKER]))

    html = client.get(reverse("home")).content.decode()

    assert "Tidak ada yang perlu Anda tindak lanjuti saat ini." in html


def sample_sections(user):
    yield dashboard.Section(
        title="Pendaftaran menunggu verifikasi",
        items=[dashboard.Item("Rakor PMD 2027", url=reverse("meetings:public", args=[1]), badge="3")],
    )


def test_an_app_adds_a_dashboard_card_through_the_registry(organiser_client, monkeypatch):
    monkeypatch.setattr(dashboard, "SECTION_PROVIDERS", list(dashboard.SECTION_PROVIDERS))
    dashboard.register_sections(sample_sections)

    html = organiser_client.get(reverse("home")).content.decode()

    assert "Pendaftaran menunggu verifikasi" in html
    assert f'href="{reverse("meetings:public", args=[1])}"' in html


def test_registering_a_provider_twice_shows_its_card_once(monkeypatch):
    monkeypatch.setattr(dashboard, "SECTION_PROVIDERS", [])
    dashboard.register_sections(sample_sections)
    dashboard.register_sections(sample_sections)

    assert dashboard.SECTION_PROVIDERS == [sample_sections]


def test_the_apps_register_their_cards_and_upcoming_meetings_when_django_starts():
    from agencies import dashboard as agencies_dashboard
    from meetings import dashboard as meetings_dashboard
    from meetings import registration_dashboard

    assert {
        agencies_dashboard.sections,
        meetings_dashboard.sections,
        registration_dashboard.sections,
    } <= set(dashboard.SECTION_PROVIDERS)
    assert meetings_dashboard.upcoming in dashboard.UPCOMING_PROVIDERS


@pytest.mark.parametrize("agencies", [1, 30])
def test_home_query_count_for_an_organiser_does_not_grow_with_agencies(
    organiser_client, agencies, django_assert_max_num_queries
):
    AgencyFactory.create_batch(agencies)

    # 8, plus 1 for the programs card (the latest fiscal year; none here, so no card), plus 2 for
    # the minutes' cards (follow-up counts; minutes not yet final).
    with django_assert_max_num_queries(11):
        organiser_client.get(reverse("home"))


@pytest.mark.parametrize("memberships", [1, 10])
def test_home_query_count_for_a_coordinator_does_not_grow_with_agencies(
    client, coordinator, memberships, django_assert_max_num_queries
):
    for _ in range(memberships - 1):
        MembershipFactory(user=coordinator)
    client.force_login(coordinator)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("home"))

    assert len(response.context["sections"]["overview"][0].items) == memberships


def test_home_query_count_for_anonymous_visitors_is_small(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("home"))

    assert response.context["upcoming"] == []


PAGES = ["home", "login", "password_reset"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_carry_a_csp_without_inline_scripts(client, name):
    response = client.get(reverse(name))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert_no_inline_code(response.content.decode())


def test_signed_in_pages_have_no_inline_scripts(organiser_client):
    for url in (reverse("home"), reverse("password_change")):
        assert_no_inline_code(organiser_client.get(url).content.decode())


def assert_no_inline_code(html):
    scripts = re.findall(r"<script\b[^>]*>", html, re.I)
    assert scripts, "the page loads its scripts"
    assert all(" src=" in tag for tag in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "no on*= handlers"
    assert not re.search(r"\sstyle\s*=", html, re.I), "no style= attributes"
    assert "<style" not in html


def test_messages_show_as_bootstrap_alerts(rf, organiser):
    from django.contrib.messages import constants, get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get(reverse("home"))
    request.user = organiser
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.ERROR, "Instansi tidak dapat dihapus.")
    request._messages.add(constants.SUCCESS, "Instansi disimpan.")

    html = render_to_string("base.html", {"messages": get_messages(request)}, request=request)

    assert re.search(r'class="alert alert-danger[^"]*"\s+role="alert">\s*Instansi tidak dapat dihapus.', html)
    assert re.search(r'class="alert alert-success[^"]*"\s+role="status">\s*Instansi disimpan.', html)


def test_not_found_page_is_indonesian(client):
    response = client.get("/halaman-yang-tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_forbidden_page_is_indonesian_and_keeps_the_navigation(rf, organiser):
    from django.views.defaults import permission_denied

    request = rf.get("/rahasia/")
    request.user = organiser

    response = permission_denied(request, Exception())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in html
    assert 'aria-label="Navigasi utama"' in html


def test_server_error_page_renders_without_a_request_or_database():
    html = loader.get_template("500.html").render({})

    assert "Terjadi kesalahan pada server" in html
    assert "bootstrap.min.css" in html


def test_csrf_failure_page_explains_in_indonesian(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.content.decode()
