"""Minutes PDF: our issue path against WeasyPrint alone and pyHanko alone.

Budget (docs/benchmarks.md): the notula of a meeting with 500 attendees and 30 agenda items under
3 s, and our whole issue path within 1.1 × (WeasyPrint alone on the same HTML + pyHanko signing
alone on the same bytes).

Data: one published meeting with 30 agenda items, 500 confirmed delegates of 50 agencies, all
checked in; minutes with a note on every item (a paragraph), a decision and an action per item,
chair and note-taker set. Signing with a demo certificate made in the temporary folder.

Measured, median and p95 of N rounds after one warm-up each; each round runs the three in turn:
  WeasyPrint alone   HTML(string=the notula's HTML).write_pdf(), as rakor.pdf.render_pdf calls it
  pyHanko alone      PdfSigner.sign_pdf on those PDF bytes (PAdES, sha256), as documents.signing does
  ours               minutes.services.finalise_minutes itself (snapshot of notes, decisions, actions
                     and 500 attendees; template; WeasyPrint; numbering; sign; validate the
                     signature; store the file and rows), in a transaction rolled back after each run

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/rakor_bench_perf \\
     .venv/bin/python tests/bench/bench_minutes_pdf.py [runs=5]
"""

import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import common  # noqa: E402


def build(attendees=500, items=30, agencies=50):
    from django.utils import timezone

    from meetings.models import Registration
    from minutes import services
    from rakor import roles
    from tests.factories import AgencyFactory, UserFactory

    meeting = common.published_meeting(
        items=items, chair_name="Dr. Ir. H. Ahmad Fauzi, M.Si.", chair_title="Kepala Dinas"
    )
    delegations = AgencyFactory.create_batch(agencies)
    common.bulk_registrations(meeting, attendees, delegations, statuses=[Registration.Status.CONFIRMED])
    Registration.objects.filter(meeting=meeting).update(checked_in_at=timezone.now())
    note_taker = UserFactory(username="notulis-bench", roles=[roles.NOTE_TAKER])
    minutes = services.start_minutes(meeting, by=note_taker)
    services.update_details(
        minutes, by=note_taker, note_taker_name="Dedi Kurniawan", chair_nip="197001011995031001"
    )
    agenda = [item for session in meeting.sessions.all() for item in session.items.order_by("order")]
    paragraph = (
        "Peserta membahas capaian program tahun berjalan, kendala pelaksanaan di kabupaten/kota, dan "
        "usulan penyelarasan target dengan rencana kerja perangkat daerah provinsi. "
    )
    for n, item in enumerate(agenda):
        services.save_note(minutes, item, paragraph * 3, revision=0, by=note_taker)
        services.add_decision(
            minutes, text=f"Keputusan {n + 1}: {paragraph}", agenda_item=item, by=note_taker
        )
        services.add_action(
            minutes,
            what=f"Tindak lanjut {n + 1}: menyampaikan data dukung",
            agency=delegations[n % agencies],
            by=note_taker,
        )
    minutes.refresh_from_db()
    checked_in = Registration.objects.filter(meeting=meeting, checked_in_at__isnull=False).count()
    print(
        f"data: meeting {meeting.pk}, {len(agenda)} agenda items, {checked_in} attendees checked in, "
        f"{agencies} agencies; {len(agenda)} notes, decisions and actions"
    )
    return minutes, note_taker


def notula_html(minutes):
    """The HTML render_pdf hands WeasyPrint for this notula (same template, context and paper)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from agencies.models import Agency
    from documents.services import verification_footer
    from minutes.notula import notula_context
    from minutes.snapshots import build_snapshot
    from rakor.pdf import paper_size

    snapshot = build_snapshot(minutes)
    name, width, height = paper_size()
    organiser = Agency.objects.get(pk=snapshot["meeting"]["organiser_id"])
    with translation.override("id"):
        context = notula_context(
            snapshot,
            organiser=organiser,
            number="000.1/001/BENCH/2026",
            verification=verification_footer("BENCH00001"),
        )
        return render_to_string(
            "pdf/notula.html", {**context, "paper": {"name": name, "width": width, "height": height}}
        )


def weasyprint_alone(html):
    from weasyprint import CSS, HTML

    from rakor.pdf import BASE_URL, LocalFetcher, paper_size

    _name, width, height = paper_size()
    page_size = CSS(string=f"@page {{ size: {width} {height}; }}", url_fetcher=LocalFetcher())
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf(stylesheets=[page_size])


def pyhanko_alone(data, credentials):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    metadata = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    return signers.PdfSigner(metadata, signer=credentials.signer).sign_pdf(writer).getvalue()


def ours(minutes, note_taker):
    from django.db import transaction

    from minutes import services

    with transaction.atomic():
        version = services.finalise_minutes(minutes, by=note_taker)
        size = version.document.size
        transaction.set_rollback(True)
    return size


def timed_interleaved(functions, runs):
    """Run each function once per round, in turn (a busy machine slows all alike); seconds per function."""
    for function in functions:
        function()  # warm-up
    samples = [[] for _ in functions]
    for _ in range(runs):
        for function, times in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return samples


def line(name, samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(samples)
    return f"{name}: runs={len(samples)} median={median:.3f}s p95={p95:.3f}s max={ordered[-1]:.3f}s"


def main(runs=5):
    env = common.setup()
    from django.conf import settings

    from documents.signing import load_credentials, make_demo_p12

    p12 = Path(env["STATIC_ROOT"]).parent / "demo-signing.p12"
    make_demo_p12(p12)
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = p12
    settings.RAKOR_SITE_URL = "https://rakor.example.go.id"
    print(common.machine())
    minutes, note_taker = build()
    credentials = load_credentials()

    html = notula_html(minutes)
    pdf = weasyprint_alone(html)
    print(f"notula: {len(html)} characters of HTML, {len(pdf)} bytes of PDF")
    loads = [subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()]
    weasy, hanko, full = timed_interleaved(
        [
            lambda: weasyprint_alone(html),
            lambda: pyhanko_alone(pdf, credentials),
            lambda: ours(minutes, note_taker),
        ],
        runs,
    )
    loads.append(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())

    print(line("WeasyPrint alone", weasy))
    print(line("pyHanko signing alone", hanko))
    print(line("ours (finalise_minutes: snapshot, render, sign, validate, store)", full))
    budget = 1.1 * (statistics.median(weasy) + statistics.median(hanko))
    ratio = statistics.median(full) / (statistics.median(weasy) + statistics.median(hanko))
    met = statistics.median(full) <= budget
    print(
        f"ours / (WeasyPrint + pyHanko) = {ratio:.2f} (budget ≤ 1.10: {'met' if met else 'MISSED'}); "
        f"ours under 3 s: {'met' if statistics.median(full) < 3 else 'MISSED'}"
    )
    print("load: " + " | ".join(loads))
    return met


if __name__ == "__main__":
    sys.exit(0 if main(*(int(arg) for arg in sys.argv[1:2])) else 1)
