"""Public pages against the peer: /work/shared/bench/peer_race.sh on our public agenda, meeting page
and an issued document's public download, each raced against pretalx and bare Django.

Goals (issue "Performance against the peer"): public agenda ≥ 4× pretalx's schedule and ≥ 0.10 of
bare Django in the same run; issue "Minutes": an issued document served at ≥ 0.5 of bare Django.

Data: one published meeting whose agenda has 36 public items (like the peer's 36-talk demo), and one
public issued document (a notula, wet-ink mode: serving it does not depend on the signature). The
database is SQLite like the peer's, in a temporary folder (no PostgreSQL database is touched), with
the default database cache. gunicorn serves it with 2 sync workers, DEBUG off, the production
settings of tests/bench/common.py (SECRET_KEY, ALLOWED_HOSTS, no SSL redirect, manifest static
files); the verification rate limit is raised so wrk's requests from one address are not refused.

Run: .venv/bin/python tests/bench/bench_peer_race.py [rounds=3] [seconds=10]
     (BENCH_ONLY=document races only the pages whose name contains the word)
     (PEER_RACE=/path/to/peer_race.sh to use another copy of the race script)
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.common import bench_env  # noqa: E402

PEER_RACE = os.environ.get("PEER_RACE", "/work/shared/bench/peer_race.sh")
PORT = int(os.environ.get("BENCH_PORT", "8811"))


def setup(workdir):
    env = bench_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
    env["RAKOR_VERIFY_LIMIT"] = "1000000000"
    env["DJANGO_SETTINGS_MODULE"] = "rakor.settings"
    os.environ.update(env)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    return env


def build_data():
    from documents.models import IssuedDocument
    from documents.services import issue_document, verification_footer
    from meetings.models import AgendaItem
    from rakor.pdf import render_pdf
    from tests.bench.common import published_meeting

    meeting = published_meeting(items=36)

    def render(number, code, verify_url):
        paragraphs = [f"Pembahasan mata acara {n}." for n in range(1, 37)]
        context = {"title": "Notula", "number": number, "paragraphs": paragraphs}
        return render_pdf(
            "pdf/issued_document.html", {**context, "verification": verification_footer(code, wet_ink=True)}
        )

    document = issue_document(
        kind="notula",
        title=f"Notula {meeting.title}",
        subject=meeting,
        render=render,
        issued_by=None,
        issuer_key="BENCH",
        issuer_name=meeting.organiser.name,
        wet_ink=True,
    )
    IssuedDocument.objects.filter(pk=document.pk).update(public=True)
    items = AgendaItem.objects.filter(session__meeting=meeting, is_public=True).count()
    print(
        f"data: meeting {meeting.pk} published, {items} public agenda items; document {document.code}, "
        f"{document.file.size} bytes"
    )
    return meeting, document


def start_gunicorn(env, workdir):
    log = open(workdir / "gunicorn.log", "w")
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "rakor.wsgi",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{PORT}",
        "--access-logfile",
        "/dev/null",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    sys.exit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(rounds=3, seconds=10):
    workdir = Path(tempfile.mkdtemp(prefix="rakor-bench-peer-"))
    env = setup(workdir)
    meeting, document = build_data()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(f"commit {commit.stdout.strip()}; {os.cpu_count()} CPUs; SQLite; gunicorn 2 sync workers, DEBUG=0")
    base = f"http://127.0.0.1:{PORT}"
    pages = {
        "public agenda": f"{base}/rapat/{meeting.pk}/acara/",
        "public meeting page": f"{base}/rapat/{meeting.pk}/",
        "issued document download": f"{base}/v/{document.code}/unduh/",
    }
    only = os.environ.get("BENCH_ONLY")  # e.g. "document": race only the pages whose name has it
    pages = {name: url for name, url in pages.items() if not only or only in name}
    server = start_gunicorn(env, workdir)
    try:
        for name, url in pages.items():
            for _ in range(4):  # both workers warm, the cache filled
                urllib.request.urlopen(url, timeout=30).read()
            print(f"\n== {name}: {url}\nload before: {uptime()}", flush=True)
            race = subprocess.run(
                ["bash", PEER_RACE, url, str(rounds), str(seconds)], capture_output=True, text=True
            )
            print(race.stdout.strip() or race.stderr.strip(), flush=True)
            print(f"load after: {uptime()}", flush=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
