"""Settings: production refuses to start half-configured, passes check --deploy, and speaks Indonesian.

Production behaviour is tested in a fresh Python process, because settings are read once at start-up.
"""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format, time_format
from django_tasks import TaskResultStatus, task_backends

from rakor.clientip import client_ip
from rakor.mail import enqueue_email

BASE_DIR = Path(__file__).resolve().parent.parent
WITA = ZoneInfo("Asia/Makassar")
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP",
    "ALLOWED_HOSTS": "rakor.example.go.id",
}
# Variables the caller's shell may set that would change what these tests see.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "TASKS_BACKEND",
    "REDIS_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "BEHIND_PROXY",
    # Set by tests/e2e/conftest.py for Playwright; check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_django(code_or_args, **variables):
    """Run Python in a fresh process with only the given settings variables; return the result."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "rakor.settings"
    env.update(variables)
    if isinstance(code_or_args, str):
        code_or_args = ["-c", "import django; django.setup();" + code_or_args]
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def settings_in_fresh_process(expression, **variables):
    result = run_django(
        f"from django.conf import settings; import json; print(json.dumps({expression}, default=str))",
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    variables = {**PRODUCTION}
    del variables["SECRET_KEY"]

    result = run_django("", **variables)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    variables = {**PRODUCTION}
    del variables["ALLOWED_HOSTS"]

    result = run_django(["manage.py", "check"], **variables)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_cookies_are_secure_and_hsts_is_on():
    values = settings_in_fresh_process(
        "[settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
        " settings.SECURE_HSTS_SECONDS, settings.STORAGES['staticfiles']['BACKEND']]",
        **PRODUCTION,
    )

    assert values == [True, True, True, 31536000, "whitenoise.storage.CompressedManifestStaticFilesStorage"]


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    database = settings_in_fresh_process(
        "settings.DATABASES['default']",
        DATABASE_URL="postgres://rakor:rahasia@db.example.go.id:5433/rakor",
    )

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.example.go.id",
        5433,
        "rakor",
        "rakor",
    )
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True


def test_without_database_url_development_uses_sqlite():
    database = settings_in_fresh_process("settings.DATABASES['default']")

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].endswith("db.sqlite3")


def test_interface_is_indonesian_first_with_english_available_in_wita():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.USE_TZ is True


def test_dates_and_times_are_formatted_the_indonesian_way():
    start = datetime(2018, 4, 24, 9, 0, tzinfo=WITA)

    with translation.override("id"):
        assert date_format(start, "l, j F Y") == "Selasa, 24 April 2018"
        assert date_format(start) == "24 April 2018"
        assert time_format(start) == "09.00"


def test_numbers_are_formatted_with_a_decimal_comma_and_thousands_dots():
    with translation.override("id"):
        assert number_format(1250.5, use_l10n=True, force_grouping=True) == "1.250,5"
        assert number_format(1234567, use_l10n=True, force_grouping=True) == "1.234.567"


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("home"))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_a_background_task_runs_at_once_in_development_and_tests():
    result = enqueue_email(subject="Catatan uji", body="Tugas latar berjalan.", to=["notulis@example.go.id"])

    assert type(task_backends["default"]).__name__ == "ImmediateBackend"
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [(message.subject, message.to) for message in mail.outbox] == [
        ("Catatan uji", ["notulis@example.go.id"])
    ]


def test_production_queues_background_tasks_in_the_database():
    backend = settings_in_fresh_process(
        "type(__import__('django_tasks').task_backends['default']).__module__ + '.'"
        " + type(__import__('django_tasks').task_backends['default']).__name__",
        **PRODUCTION,
    )

    assert backend.startswith("django_tasks_db.")
    assert backend.endswith("DatabaseBackend")
    assert settings_in_fresh_process("settings.TASKS['default']['BACKEND']", **PRODUCTION) == (
        "django_tasks_db.DatabaseBackend"
    )


def test_the_task_backend_can_be_chosen_by_environment():
    chosen = settings_in_fresh_process(
        "settings.TASKS['default']['BACKEND']",
        **PRODUCTION,
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )

    assert chosen == "django_tasks.backends.immediate.ImmediateBackend"


def test_several_app_servers_share_redis_cache_and_s3_media_when_configured():
    cache, media = settings_in_fresh_process(
        "[settings.CACHES['default'], settings.STORAGES['default']]",
        **PRODUCTION,
        REDIS_URL="redis://cache.internal:6379/0",
        MEDIA_S3_BUCKET="rakor-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.go.id",
    )

    assert (cache["BACKEND"], cache["LOCATION"]) == (
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/0",
    )
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "rakor-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://s3.example.go.id"
    assert media["OPTIONS"]["default_acl"] == "private"
    img_src = settings_in_fresh_process(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        **PRODUCTION,
        MEDIA_S3_BUCKET="rakor-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.go.id/",
    )
    assert img_src == ["'self'", "data:", "blob:", "https://s3.example.go.id"]


def test_behind_a_proxy_https_and_the_client_address_come_from_its_headers():
    proxy_header, proxies = settings_in_fresh_process(
        "[settings.SECURE_PROXY_SSL_HEADER, settings.RAKOR_PROXY_COUNT]", **PRODUCTION, BEHIND_PROXY="1"
    )

    assert (proxy_header, proxies) == (["HTTP_X_FORWARDED_PROTO", "https"], 1)


def test_client_address_is_the_one_our_proxy_saw_not_what_the_client_claims(rf, settings):
    request = rf.get(reverse("home"), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")

    settings.RAKOR_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.RAKOR_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"
    settings.RAKOR_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"


def test_login_lockout_behind_a_proxy_locks_the_attacker_not_everyone(client, settings, organiser, password):
    settings.RAKOR_PROXY_COUNT = 1
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": organiser.username, "password": "salah"}, **attacker)

    good = {"username": organiser.username, "password": password}
    locked = client.post(reverse("login"), good, **attacker)
    elsewhere = client.post(reverse("login"), good, HTTP_X_FORWARDED_FOR="198.51.100.5")

    assert locked.status_code == 429
    assert "_auth_user_id" not in locked.wsgi_request.session
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_database_cache_keeps_enough_entries_for_the_public_pages_and_redis_gets_no_such_option():
    database, redis = (
        settings_in_fresh_process("settings.CACHES['default']", **PRODUCTION),
        settings_in_fresh_process(
            "settings.CACHES['default']", **PRODUCTION, REDIS_URL="redis://cache:6379/0"
        ),
    )
    assert database["OPTIONS"]["MAX_ENTRIES"] == 10000
    assert "OPTIONS" not in redis
