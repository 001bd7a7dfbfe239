"""Budget: the public registration endpoint sustains 100 registrations/s on PostgreSQL, zero overbooking.

Set-up (fresh PostgreSQL database): a published meeting 14 days ahead with registration open and
N invitations with enough seats, then gunicorn (sync workers) on 127.0.0.1:<free port> with
DEBUG off. K client threads in this process each register delegates the way a browser does: GET the
invitation's form (CSRF cookie and token), then POST the multipart form with a small PDF as the
assignment letter, expecting the redirect to the delegate's own page. Loopback only; every run is
bounded by a request count and a time limit.

Two runs:
  spread     M registrations over N invitations whose quotas hold them all (all confirmed);
  contention C registrations through one invitation of 5 seats (exactly 5 confirmed, rest waitlisted).
Checks after each run: every request answered (GET 200, POST 302), confirmed <= quota for every
invitation, no duplicate rows.

Run: .venv/bin/python tests/bench/bench_registration_load.py [M] [K] [workers]
     (defaults 1000 registrations, 8 client threads, 3 gunicorn workers; contention C = 200)
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from common import ROOT, machine, published_meeting, setup

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TIME_LIMIT_S = 300
BUDGET_PER_S = 100
TOKEN_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers, log):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "rakor.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--error-logfile",
        "-",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**_base_env(), **env}, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    sys.exit("gunicorn did not start; see its log")


def _base_env():
    return {key: value for key, value in os.environ.items()}


def multipart(fields, file_field, filename, content):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def get_form(connection, path, stats):
    """GET the form; returns (csrf cookie, token) or None, recording latency and status."""
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read()
    stats["get_ms"].append((time.perf_counter() - start) * 1000)
    stats["get_status"].append(response.status)
    cookie = next(
        (
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        ),
        None,
    )
    token = TOKEN_RE.search(page)
    if response.status != 200 or cookie is None or token is None:
        stats["errors"].append(f"GET {response.status}")
        return None
    return cookie, token.group(1).decode()


def register_once(port, path, n, stats, csrf=None):
    """GET the form (unless ``csrf`` is given), POST a delegate; records latencies and statuses."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        start = time.perf_counter()
        if csrf is None:
            csrf = get_form(connection, path, stats)
            if csrf is None:
                return
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        got = time.perf_counter()
        cookie, token = csrf
        body, content_type = multipart(
            {
                "csrfmiddlewaretoken": token,
                "full_name": f"Peserta Beban {n:05d}",
                "nip": "",
                "position": "Kepala Seksi",
                "gender": "L" if n % 2 else "P",
                "phone": "081234567890",
                "email": f"beban{n}@example.go.id",
            },
            "assignment_letter",
            "surat-tugas.pdf",
            PDF,
        )
        connection.request("POST", path, body=body, headers={"Content-Type": content_type, "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        done = time.perf_counter()
        stats["post_ms"].append((done - got) * 1000)
        stats["total_ms"].append((done - start) * 1000)
        stats["post_status"].append(response.status)
        if response.status != 302 or "/rapat/peserta/" not in (response.getheader("Location") or ""):
            stats["errors"].append(f"POST {response.status}")
    except OSError as error:
        stats["errors"].append(f"{type(error).__name__}: {error}")
    finally:
        connection.close()


def fire(port, jobs, threads, reuse_csrf=False):
    """Run ``jobs`` [(path, n)] from ``threads`` client threads; returns (stats, seconds).

    ``reuse_csrf``: each thread GETs the form once and POSTs all its delegates with that token
    (the endpoint alone, as a browser that keeps the page open and submits again).
    """
    stats = {key: [] for key in ("get_ms", "post_ms", "total_ms", "get_status", "post_status", "errors")}
    queue = list(reversed(jobs))
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT_S

    def worker():
        tokens = {}
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                path, n = queue.pop()
            if reuse_csrf and path not in tokens:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                tokens[path] = get_form(connection, path, stats)
                connection.close()
            register_once(port, path, n, stats, tokens.get(path))

    workers = [threading.Thread(target=worker) for _index in range(threads)]
    start = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return stats, time.perf_counter() - start


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def report(name, stats, seconds, expected):
    done = len(stats["post_status"])
    rate = done / seconds
    post, total = stats["post_ms"], stats["total_ms"]
    print(
        f"{name}: {done}/{expected} registrations in {seconds:.1f}s = {rate:.1f} registrations/s; "
        f"POST latency median={statistics.median(post):.0f}ms p95={pct(post, 0.95):.0f}ms "
        f"p99={pct(post, 0.99):.0f}ms; per delegate median={statistics.median(total):.0f}ms "
        f"p95={pct(total, 0.95):.0f}ms; GET statuses {sorted(set(stats['get_status']))}, "
        f"POST statuses {sorted(set(stats['post_status']))}; errors {len(stats['errors'])} "
        f"{stats['errors'][:3]}; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return rate


def check_quotas(meeting):
    """Confirmed + pending never above quota; returns (confirmed, waitlisted, overbooked invitations)."""
    from django.db.models import Count, F, Q

    from meetings.models import Invitation, Registration

    status = Registration.Status
    over = (
        Invitation.objects.filter(meeting=meeting)
        .annotate(
            held=Count(
                "registrations", filter=Q(registrations__status__in=[status.CONFIRMED, status.PENDING])
            )
        )
        .filter(held__gt=F("quota"))
        .count()
    )
    rows = Registration.objects.filter(meeting=meeting)
    duplicates = rows.count() - rows.values("email").distinct().count()
    return (
        rows.filter(status=status.CONFIRMED).count(),
        rows.filter(status=status.WAITLISTED).count(),
        over,
        duplicates,
    )


def main(total=1000, threads=8, workers=3, contention=200):
    env = setup()
    from django.db import connections

    from agencies.models import Agency, Level, Region
    from meetings.models import Invitation

    regencies = list(Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]))[:50]
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Dinas Beban {n:03d}", region=regencies[n % len(regencies)], level=Level.REGENCY)
        for n in range(51)
    )
    spread = published_meeting(items=5, capacity=None)
    per = -(-total // 50)
    invitations = Invitation.objects.bulk_create(
        Invitation(meeting=spread, agency=agency, quota=per) for agency in agencies[:50]
    )
    tight = published_meeting(items=5, capacity=None)
    five = Invitation.objects.create(meeting=tight, agency=agencies[50], quota=5)
    print(machine(), flush=True)
    print(
        f"setup: gunicorn {workers} sync workers, {threads} client threads in one Python process, "
        f"all on this machine; spread: {total} over {len(invitations)} invitations of {per} seats; "
        f"contention: {contention} through one invitation of 5 seats",
        flush=True,
    )
    connections.close_all()

    port = free_port()
    log_path = Path(env["STATIC_ROOT"]).parent / "gunicorn.log"
    with open(log_path, "w") as log:
        server = start_gunicorn(env, port, workers, log)
        try:
            jobs = [(invitations[n % len(invitations)].registration_url(), n) for n in range(total)]
            fire(port, jobs[: threads * 5], threads)  # warm-up: workers import, connect, fill caches
            half = (len(jobs) - threads * 5) // 2
            stats, seconds = fire(port, jobs[threads * 5 : threads * 5 + half], threads)
            report("spread, GET form + POST per delegate", stats, seconds, half)
            spread_errors = len(stats["errors"])
            stats, seconds = fire(port, jobs[threads * 5 + half :], threads, reuse_csrf=True)
            rate = report("spread, POST only (endpoint)", stats, seconds, len(jobs) - threads * 5 - half)
            spread_errors += len(stats["errors"])

            jobs = [(five.registration_url(), 100000 + n) for n in range(contention)]
            stats, seconds = fire(port, jobs, threads)
            report("contention, 5 seats, GET form + POST", stats, seconds, contention)
            contention_errors = len(stats["errors"])
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"gunicorn log: {log_path}", flush=True)

    confirmed, waitlisted, over, duplicates = check_quotas(spread)
    print(
        f"spread check: {confirmed} confirmed, {waitlisted} waitlisted, {over} invitations over quota, "
        f"{duplicates} duplicate e-mails",
        flush=True,
    )
    t_confirmed, t_waitlisted, t_over, t_duplicates = check_quotas(tight)
    print(
        f"contention check: {t_confirmed} confirmed, {t_waitlisted} waitlisted, {t_over} over quota, "
        f"{t_duplicates} duplicate e-mails",
        flush=True,
    )
    ok = (
        over == 0
        and t_over == 0
        and duplicates == 0
        and t_duplicates == 0
        and spread_errors == 0
        and contention_errors == 0
        and t_confirmed == 5
        and t_waitlisted == contention - 5
        and confirmed == total  # the warm-up ones included
    )
    met = rate >= BUDGET_PER_S
    print(
        f"correctness {'OK' if ok else 'FAILED'}; throughput budget >= {BUDGET_PER_S}/s: "
        f"{'met' if met else 'MISSED'}",
        flush=True,
    )
    return 0 if ok and met else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:4])))
