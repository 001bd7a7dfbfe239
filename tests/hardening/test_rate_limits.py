"""Rate limits hold across worker processes; password resets are limited and reveal nothing."""

import importlib
import os

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from rakor import ratelimit

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rakor_cache"}
}


def test_without_redis_the_default_cache_is_the_database_shared_by_all_workers(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    import rakor.settings as module

    fresh = importlib.reload(module)
    try:
        assert fresh.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    finally:
        os.environ.pop("REDIS_URL", None)
        importlib.reload(module)


@pytest.mark.django_db
def test_two_workers_count_against_one_limit(settings):
    """Each gunicorn worker has its own cache connection; with the database cache they share counts."""
    settings.CACHES = DATABASE_CACHE
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    worker_a, worker_b = caches.create_connection("default"), caches.create_connection("default")
    worker_a.clear()

    allowed = [ratelimit.hit("ratelimit:test:1.2.3.4", 3, 60, using=cache) for cache in
               (worker_a, worker_b, worker_a, worker_b, worker_a)]

    assert allowed == [True, True, True, False, False]


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(client, organiser, settings):
    settings.RAKOR_PASSWORD_RESET_RATE = (3, 3600)
    settings.RAKOR_PUBLIC_POST_RATE = (100, 60)
    for _ in range(25):
        response = client.post(reverse("password_reset"), {"email": organiser.email}, follow=True)
        assert "Jika alamat tersebut terdaftar" in response.content.decode()

    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_client_address(client, organiser, settings):
    settings.RAKOR_PUBLIC_POST_RATE = (5, 60)
    statuses = [
        client.post(reverse("password_reset"), {"email": f"orang{n}@example.go.id"}).status_code
        for n in range(8)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429] * 3


@pytest.mark.django_db
def test_password_reset_answers_the_same_whether_or_not_the_address_exists(client, organiser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    known = client.post(reverse("password_reset"), {"email": organiser.email})
    unknown = client.post(reverse("password_reset"), {"email": "tidak.ada@example.go.id"})

    # The same redirect, and the same work in the request: one queued look-up each.
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [r.task.name for r in default_task_backend.results] == ["send_password_reset"] * 2
