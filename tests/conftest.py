import pytest
from django.core.cache import cache
from django.utils import translation

from rakor import roles
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to throw-away folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Rate-limit counters and cached PDFs live in the cache; no test sees another's.

    The default cache is the database (shared by worker processes); tests use a memory cache so a
    test without the database can run, and tests/hardening/test_rate_limits.py checks the default.
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread; start every test in Indonesian."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Factories hash a password per user; the default PBKDF2 makes tests with many users crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def organiser(db):
    return UserFactory(username="penyelenggara", roles=[roles.ORGANISER])


@pytest.fixture
def coordinator(db):
    """A Koordinator OPD with a membership of one agency (reach it as coordinator.memberships)."""
    return MembershipFactory(user__username="koordinator").user


@pytest.fixture
def clerk(db):
    return UserFactory(username="petugas", roles=[roles.CHECKIN_CLERK])


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def site_url(settings):
    """An https site address, so tests see the absolute links mails and QR codes carry."""
    settings.RAKOR_SITE_URL = "https://rakor.example.go.id"
    return settings.RAKOR_SITE_URL


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def agency(db):
    return AgencyFactory()
