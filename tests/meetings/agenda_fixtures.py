"""A published 2018 rakor with a small realistic agenda, for the public pages, PDF and .ics tests."""

import datetime
import subprocess

from meetings.models import Meeting
from meetings.services import agenda
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, SessionFactory, wita

TITLE = "Rapat Koordinasi Bidang Pemberdayaan Masyarakat dan Pemerintahan Desa Tahun 2018"
LETTERHEAD = (
    "Pemerintah Provinsi Kalimantan Timur\n"
    "Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa\n"
    "Jalan Milono Nomor 1, Samarinda, Kalimantan Timur 75121\n"
    "Telepon (0541) 741000, Laman dpmpd.kaltimprov.go.id, Pos-el dpmpd@kaltimprov.go.id"
)
PUBLIC_ITEMS = [
    "Registrasi Peserta",
    "Pembukaan dan Laporan Penyelenggara",
    "Sambutan Kepala Dinas",
    "Paparan Kebijakan Nasional",
    "Diskusi Komisi Pemerintahan Desa",
]
INTERNAL_ITEM = "Rapat Persiapan Panitia Tertutup"


def build_rakor(*, timezone="Asia/Makassar", publish=True, user=None, **meeting_fields):
    """The 24 April 2018 rakor: a plenary 08.00–10.30 and a commission 10.30–11.30 (WITA).

    One internal item (INTERNAL_ITEM) sits between the public ones. Published once unless
    ``publish=False`` (then it stays a draft with no version).
    """
    meeting = MeetingFactory(title=TITLE, timezone=timezone, **meeting_fields)
    meeting.organiser.letterhead = LETTERHEAD
    meeting.organiser.save()
    pleno = SessionFactory(meeting=meeting, title="Pleno", order=1)
    komisi = SessionFactory(meeting=meeting, title="Komisi I", room="Ruang Mahakam", order=2)
    slots = [
        (pleno, PUBLIC_ITEMS[0], 8, 0, 8, 30, True),
        (pleno, INTERNAL_ITEM, 8, 30, 9, 0, False),
        (pleno, PUBLIC_ITEMS[1], 9, 0, 9, 30, True),
        (pleno, PUBLIC_ITEMS[2], 9, 30, 10, 0, True),
        (pleno, PUBLIC_ITEMS[3], 10, 0, 10, 30, True),
        (komisi, PUBLIC_ITEMS[4], 10, 30, 11, 30, True),
    ]
    for order, (session, title, h1, m1, h2, m2, is_public) in enumerate(slots, start=1):
        AgendaItemFactory(
            session=session,
            order=order,
            title=title,
            start=wita(2018, 4, 24, h1, m1),
            end=wita(2018, 4, 24, h2, m2),
            is_public=is_public,
            speaker_name="Panitia" if order == 1 else "Dr. Budi Santoso",
        )
    if publish:
        agenda.publish_agenda(meeting, user=user)
    return Meeting.objects.get(pk=meeting.pk)


TWO_DAY_TITLE = "Rapat Teknis Pengelolaan Keuangan Desa Tahun 2018"
DAY_ONE_ITEMS = ["Pembukaan Rapat Teknis", "Paparan Kebijakan Keuangan Desa", "Praktik Penyusunan APBDes"]
DAY_TWO_ITEMS = ["Praktik Pelaporan Keuangan Desa", "Rumusan dan Penutupan"]


def build_two_day(first_day=datetime.date(2018, 4, 24), *, publish=True, **meeting_fields):
    """A rapat teknis over two days, 08.00 on ``first_day`` (a Tuesday by default) to 12.00 the next
    day (WITA): 'Pleno I' on day one, 'Kelas Praktik' (Ruang Meranti) on both days, one item each,
    'Pleno II' on day two. Items in the order of DAY_ONE_ITEMS + DAY_TWO_ITEMS."""
    second_day = first_day + datetime.timedelta(days=1)

    def at(day, hour, minute=0):
        return wita(day.year, day.month, day.day, hour, minute)

    meeting = MeetingFactory(
        title=TWO_DAY_TITLE, start=at(first_day, 8), end=at(second_day, 12), **meeting_fields
    )
    pleno_1 = SessionFactory(meeting=meeting, title="Pleno I", order=1)
    kelas = SessionFactory(
        meeting=meeting, kind="komisi", title="Kelas Praktik", room="Ruang Meranti", order=2
    )
    pleno_2 = SessionFactory(meeting=meeting, title="Pleno II", order=3)
    slots = [
        (pleno_1, DAY_ONE_ITEMS[0], at(first_day, 8), at(first_day, 9)),
        (pleno_1, DAY_ONE_ITEMS[1], at(first_day, 9), at(first_day, 10, 30)),
        (kelas, DAY_ONE_ITEMS[2], at(first_day, 13), at(first_day, 16)),
        (kelas, DAY_TWO_ITEMS[0], at(second_day, 8), at(second_day, 10)),
        (pleno_2, DAY_TWO_ITEMS[1], at(second_day, 10), at(second_day, 12)),
    ]
    for order, (session, title, start, end) in enumerate(slots, start=1):
        AgendaItemFactory(session=session, order=order, title=title, start=start, end=end)
    if publish:
        agenda.publish_agenda(meeting)
    return Meeting.objects.get(pk=meeting.pk)


def meeting_with_items(count, **meeting_fields):
    """A published meeting with ``count`` public items in one plenary session."""
    meeting = MeetingFactory(items=count, **meeting_fields)
    agenda.publish_agenda(meeting)
    return meeting


def pdf_text(data):
    """The text of a PDF in drawing order (poppler's pdftotext -raw): table cells row by row."""
    assert data.startswith(b"%PDF")
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def flat_text(data):
    """The PDF's text with every run of whitespace (line breaks in cells too) made one space."""
    return " ".join(pdf_text(data).split())


def pdf_page_texts(data):
    """The flattened text of each non-empty page of a PDF."""
    return [" ".join(page.split()) for page in pdf_text(data).split("\f") if page.strip()]
