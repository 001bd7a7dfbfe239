"""Demo minutes: final, signed minutes of the 2018 rakor and a draft in progress for the upcoming one.

``load_demo()`` returns lines for the load_demo command to print. Needs the meetings demo; safe to
re-run: minutes that exist are left as they are (a meeting has one notula and its numbers).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from agencies.models import Agency
from documents.services import SigningError
from meetings import demo as meetings_demo
from meetings.models import AgendaItem, Meeting
from minutes import followup, services
from minutes.models import ActionItem, Minutes

# (start of an agenda item's title, what the note-taker wrote). Names are invented.
NOTES_2018 = [
    (
        "Pembukaan",
        "Ketua Panitia melaporkan peserta rapat terdiri atas perwakilan DPMD/DPMK kabupaten dan "
        "bagian pemerintahan kota se-Kalimantan Timur. Rapat dibuka pukul 08.30 WITA.",
    ),
    (
        "Sambutan",
        "Kepala Dinas menekankan pentingnya keselarasan program Tahun Anggaran 2019 antara "
        "provinsi dan kabupaten/kota agar tidak terjadi tumpang tindih kegiatan di desa.",
    ),
    (
        "Paparan kebijakan nasional",
        "Narasumber Kementerian Dalam Negeri memaparkan prioritas "
        "pembangunan desa 2019: penguatan BUMDes, peningkatan kapasitas aparatur desa, dan "
        "percepatan penyaluran Dana Desa.\nPeserta menanyakan jadwal pelatihan aparatur desa.",
    ),
    (
        "Paparan program dan kegiatan Provinsi",
        "Sekretaris DPMPD memaparkan rencana program provinsi "
        "2019, termasuk bantuan keuangan kepada desa dan pendampingan penyusunan RPJMDes.",
    ),
    (
        "Paparan rencana program kabupaten",
        "Kabupaten Paser, Kutai Kartanegara dan Berau memaparkan "
        "rencana program 2019. Sebagian target belum selaras dengan indikator provinsi.",
    ),
    (
        "Pembahasan Komisi I",
        "Komisi I membahas penataan administrasi pemerintahan desa dan "
        "pemutakhiran profil desa. Disepakati format data profil desa yang sama.",
    ),
    ("Pembahasan Komisi II", "Komisi II membahas penguatan lembaga kemasyarakatan desa dan BUMDes."),
    ("Pleno hasil komisi", "Hasil komisi dibacakan dan disetujui peserta pleno."),
]
DECISIONS_2018 = [
    "Program pemberdayaan masyarakat desa Tahun 2019 provinsi dan kabupaten/kota diselaraskan dengan "
    "prioritas nasional sebagaimana dipaparkan Kementerian Dalam Negeri.",
    "Kabupaten/kota menyampaikan rencana program dan target Tahun 2019 kepada DPMPD Provinsi paling "
    "lambat 31 Mei 2018 untuk dimasukkan dalam matriks keselarasan.",
    "Pemutakhiran profil desa menggunakan format data yang sama di seluruh kabupaten.",
    "Pelatihan aparatur desa Tahun 2019 dilaksanakan bersama oleh provinsi dan kabupaten tanpa "
    "tumpang tindih peserta.",
]
# (agency short name, what, due date, status)
ACTIONS_2018 = [
    ("DPMD Paser", "Menyampaikan rencana program dan target 2019", datetime.date(2018, 5, 31), "done"),
    ("DPMD Kukar", "Menyampaikan rencana program dan target 2019", datetime.date(2018, 5, 31), "done"),
    ("DPMK Berau", "Menyampaikan rencana program dan target 2019", datetime.date(2018, 5, 31), "in_progress"),
    ("DPMD Kutim", "Memutakhirkan profil desa dengan format baru", datetime.date(2018, 8, 31), "open"),
    ("DPMK Kubar", "Mengusulkan peserta pelatihan aparatur kampung 2019", datetime.date(2018, 9, 30), "open"),
]
NOTES_UPCOMING = [
    ("Pembukaan", "Rapat dibuka oleh Ketua Panitia."),
    ("Sambutan", "Kepala Dinas mengingatkan tindak lanjut rakor sebelumnya yang belum selesai."),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _items(meeting):
    return list(AgendaItem.objects.filter(session__meeting=meeting).order_by("session__order", "order", "pk"))


def _write_notes(minutes, notes, by):
    items = _items(minutes.meeting)
    for prefix, text in notes:
        item = next((i for i in items if i.title.startswith(prefix)), None)
        if item is not None:
            services.save_note(minutes, item, text, revision=0, by=by)


@transaction.atomic
def _minutes_2018(meeting, note_taker, organiser):
    minutes = services.start_minutes(meeting, by=note_taker)
    services.update_details(
        minutes,
        by=note_taker,
        note_taker_name="Dedi Kurniawan, S.IP.",
        note_taker_title="Analis Pemerintahan Desa",
        note_taker_nip="198507122010011003",
        chair_nip="197002151995031002",
        opening="Rapat dibuka oleh Kepala Dinas dengan menyampaikan maksud dan tujuan rapat koordinasi.",
    )
    _write_notes(minutes, NOTES_2018, note_taker)
    for text in DECISIONS_2018:
        services.add_decision(minutes, text=text, by=note_taker)
    agencies = {a.short_name: a for a in Agency.objects.filter(short_name__in=[a[0] for a in ACTIONS_2018])}
    for short_name, what, due, status in ACTIONS_2018:
        if short_name in agencies:
            services.add_action(
                minutes, what=what, agency=agencies[short_name], due_date=due, status=status, by=note_taker
            )
    services.submit_for_review(minutes, by=note_taker)
    services.finalise_minutes(minutes, by=organiser)
    services.publish_minutes(minutes, by=organiser)
    return minutes


# (agency short name, status, note, with an evidence file). Reports on the 2018 actions.
PROGRESS_2018 = [
    (
        "DPMD Kukar",
        "done",
        "Rencana program dan target 2019 disampaikan dengan surat tanggal 28 Mei 2018.",
        True,
    ),
    ("DPMK Berau", "in_progress", "Target 2019 masih dibahas bersama Bappeda; dikirim awal Juni.", False),
]
# A one-page PDF standing in for a scanned letter (the evidence is checked by its first bytes).
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _demo_followup(rakor, upcoming):
    """Progress on some 2018 actions (once), and the 2018 open actions carried into the upcoming
    rakor's draft minutes; the upcoming rakor's staff page then offers the evaluation item."""
    lines = []
    coordinator, organiser = _user("koordinator"), _user("penyelenggara")
    previous = Minutes.objects.filter(meeting=rakor, status=Minutes.Status.FINAL).first() if rakor else None
    if previous is None:
        return lines
    for short_name, status, note, with_file in PROGRESS_2018:
        action = previous.actions.filter(agency__short_name=short_name).first()
        if action is None or action.progress.exists():
            continue
        evidence = SimpleUploadedFile("surat-penyampaian.pdf", EVIDENCE_PDF) if with_file else None
        # The demo coordinator reports for their own agency (DPMD Kukar), the organiser for others.
        own = coordinator is not None and coordinator.memberships.filter(agency=action.agency_id).exists()
        by = coordinator if own else organiser
        followup.post_progress(action, status=status, note=note, evidence=evidence, by=by)
    if upcoming is not None:
        current = Minutes.objects.filter(meeting=upcoming).first()
        if current is not None and current.is_editable:
            followup.carry_over_actions(current, previous)
        count = followup.carry_over_count(upcoming)
        if count:
            lines.append(
                f"Evaluasi {count} tindak lanjut 2018 ditawarkan: http://127.0.0.1:8000{upcoming.get_absolute_url()}"
            )
    lines.append("Rekap tindak lanjut: http://127.0.0.1:8000/notula/tindak-lanjut/rekap/")
    return lines


def load_demo() -> list[str]:
    """Create the demo minutes that do not exist yet; return lines to print."""
    note_taker, organiser = _user("notulis"), _user("penyelenggara")
    lines = []
    rakor = Meeting.objects.filter(title=meetings_demo.RAKOR_TITLE).first()
    if rakor is not None and not Minutes.objects.filter(meeting=rakor).exists():
        try:
            _minutes_2018(rakor, note_taker, organiser)
            lines.append(f"Notula final (bertanda tangan) dibuat: {rakor.title}")
        except SigningError as error:
            lines.append(f"Notula 2018 tidak difinalkan: {error}")
    upcoming = meetings_demo.upcoming_rakor()
    if upcoming is not None and not Minutes.objects.filter(meeting=upcoming).exists():
        with transaction.atomic():
            minutes = services.start_minutes(upcoming, by=note_taker)
            _write_notes(minutes, NOTES_UPCOMING, note_taker)
        lines.append(f"Draf notula dibuat: {upcoming.title}")
    lines += _demo_followup(rakor, upcoming)
    overdue = ActionItem.objects.of_final_minutes().overdue().count()
    if overdue:
        lines.append(f"Tindak lanjut lewat batas waktu: {overdue}")
    return lines
