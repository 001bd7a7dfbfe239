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
from django.utils import translation
from django.utils.formats import date_format, number_format, time_format
from django_tasks import TaskResultStatus, task_backends

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
    response = client.get("/")

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
