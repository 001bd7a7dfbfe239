"""Shared set-up of the benchmarks: a fresh PostgreSQL database, production-like settings, data.

Every benchmark script starts with ``setup()``, which drops and recreates the benchmark database
(``BENCH_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/rakor_bench``), sets the
environment a production server has (DEBUG off, SECRET_KEY, ALLOWED_HOSTS, manifest static files
in a temporary STATIC_ROOT), starts Django, migrates and collects static files. Nothing here
touches the development or test databases.
"""

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rakor_bench"


def bench_env(database_url, workdir):
    """The environment of a production-like process (also handed to gunicorn)."""
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "RAKOR_PUBLIC_POST_LIMIT": "1000000",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def fresh_database(url):
    """Drop and create the database named in ``url`` (it must not be a development database)."""
    import psycopg2

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to recreate {name!r}: benchmark databases must have 'bench' in their name.")
    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup():
    """Fresh database, production-like settings, Django started, migrated, static files collected.

    Returns the environment (for subprocesses such as gunicorn).
    """
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    workdir = Path(tempfile.mkdtemp(prefix="rakor-bench-"))
    env = bench_env(url, workdir)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
    sys.path.insert(0, str(ROOT))
    fresh_database(url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    # The default cache is a database table (rate-limit counters, cached public pages and PDFs).
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from agencies.services import load_regions

    load_regions()
    return env


def machine():
    """One line about this machine, PostgreSQL and the versions, for docs/benchmarks.md."""
    import django
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    ram_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"commit {commit}; {os.cpu_count()} CPUs ({cpu}), {ram_kb / 1024 / 1024:.1f} GiB RAM; "
        f"PostgreSQL {pg}; Python {platform.python_version()}; Django {django.get_version()}"
    )


def summary(name, samples_ms, budget_ms=None, extra=""):
    """``name: runs=30 median=12.3ms p95=20.1ms max=25.0ms (budget 100ms: met)``; returns met."""
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    line = f"{name}: runs={len(ordered)} median={median:.1f}ms p95={p95:.1f}ms max={ordered[-1]:.1f}ms"
    met = True
    if budget_ms is not None:
        met = median < budget_ms
        line += f" (budget median<{budget_ms}ms: {'met' if met else 'MISSED'})"
    print(line + (f" {extra}" if extra else ""), flush=True)
    return met


def timed_ms(function, runs, warmup=3):
    """Run ``function`` ``warmup`` times untimed, then ``runs`` times; returns milliseconds each."""
    for _index in range(warmup):
        function()
    samples = []
    for _index in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# Data ------------------------------------------------------------------------------------------


def national_agencies(per_province=40, per_regency=36, national=100):
    """About 20,000 agencies: national units, per province and per regency/city (bulk_create)."""
    from agencies.models import Agency, Level, Region

    rows = [
        Agency(name=f"Kementerian Unit {n:04d}", short_name=f"KU {n}", level=Level.NATIONAL)
        for n in range(national)
    ]
    for province in Region.objects.provinces():
        rows += [
            Agency(
                name=f"Dinas Provinsi {province.code} Nomor {n:03d}",
                short_name=f"DP {n}",
                region=province,
                level=Level.PROVINCIAL,
            )
            for n in range(per_province)
        ]
    regencies = Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])
    for regency in regencies:
        rows += [
            Agency(
                name=f"Dinas {regency.name} Nomor {n:03d}",
                short_name=f"DK {n}",
                region=regency,
                level=Level.REGENCY,
            )
            for n in range(per_regency)
        ]
    Agency.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def published_meeting(items=30, **fields):
    """A published rakor 14 days ahead, registration open, with ``items`` public agenda items."""
    from meetings.services import agenda
    from tests.meetings.factories import upcoming_meeting

    meeting = upcoming_meeting(items=items, **fields)
    # The factory's items start at 08.00 every 30 minutes; a long agenda runs past 16.00.
    meeting.end = meeting.start + (meeting.end - meeting.start) * max(1, items // 16 + 1)
    meeting.save()
    agenda.publish_agenda(meeting)
    return meeting


def bulk_registrations(meeting, count, agencies, *, statuses=None, name="Peserta"):
    """``count`` delegates of ``meeting`` spread over ``agencies`` (each invited with enough seats)."""
    from django.utils import timezone

    from meetings.models import Invitation, Registration

    status = Registration.Status
    statuses = statuses or [status.CONFIRMED] * 3 + [status.PENDING, status.WAITLISTED]
    per_agency = -(-count // len(agencies))
    invitations = Invitation.objects.bulk_create(
        # Sent: coordinators see only sent invitations.
        Invitation(meeting=meeting, agency=agency, quota=per_agency, sent_at=timezone.now())
        for agency in agencies
    )
    now = timezone.now()
    rows = []
    for n in range(count):
        invitation = invitations[n % len(invitations)]
        state = statuses[(n // len(invitations)) % len(statuses)]
        rows.append(
            Registration(
                meeting=meeting,
                invitation=invitation,
                agency=invitation.agency,
                full_name=f"{name} {n:05d} {SURNAMES[n % len(SURNAMES)]}",
                position="Kepala Seksi",
                gender="P" if n % 2 else "L",
                phone="081234567890",
                email=f"{name.lower()}{meeting.pk}-{n}@example.go.id",
                status=state,
                waitlisted_at=now if state == status.WAITLISTED else None,
                checked_in_at=now if state == status.CONFIRMED and n % 4 == 0 else None,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=2000)
    return invitations


SURNAMES = [
    "Aminah",
    "Santoso",
    "Rahmawati",
    "Siregar",
    "Pratama",
    "Wulandari",
    "Hidayat",
    "Lestari",
    "Nugroho",
    "Saputra",
    "Kurniawan",
    "Handayani",
    "Setiawan",
    "Susanti",
    "Gunawan",
]


def analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
