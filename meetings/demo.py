"""Demo meetings: the 2018 Kaltim rakor of the seed (published, with a realistic agenda and one
later change, invitations of the ten regency/city agencies and a few delegates), a draft
rakernis for 2019, an upcoming rakor cloned from the 2018 one whose registration is open, so
the invitation link that load_demo prints works, and an upcoming two-day rapat teknis the week
after it (published; one session runs over both days), to see an agenda grouped by day.

Needs the agencies demo (DPMPD Kaltim as organiser); without it nothing is created. Safe to
re-run: a meeting that already exists (same organiser and title) is left as it is.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from agencies.demo import REGENCY_AGENCIES
from agencies.models import Agency, Region
from documents.services import SigningError
from meetings.models import AgendaItem, AgendaVersion, Invitation, Meeting, Registration, Session
from meetings.services import agenda, certificates, materials
from meetings.services.registration import invite_agencies

WITA = zoneinfo.ZoneInfo("Asia/Makassar")

RAKOR_TITLE = (
    "Rapat Koordinasi Bidang Pemberdayaan Masyarakat dan Pemerintahan Desa Tingkat Provinsi dan "
    "Kabupaten/Kota se-Kalimantan Timur Tahun 2018"
)
# The upcoming rakor is recognised by this title start (its year follows the date it was made for).
RAKOR_TITLE_PREFIX = RAKOR_TITLE.removesuffix("2018")
UPCOMING_LEAD_DAYS = 60
RAKERNIS_TITLE = "Rapat Kerja Teknis Pemerintahan Desa se-Kalimantan Timur Tahun 2019"
# The upcoming two-day rapat teknis: this title start, then the year of its first day.
TEKNIS_TITLE_PREFIX = "Rapat Teknis Pengelolaan Keuangan dan Aset Desa se-Kalimantan Timur Tahun "
TEKNIS_DAYS_AFTER_RAKOR = 8  # the Wednesday (and Thursday) of the week after the upcoming rakor


def _at(day, hhmm):
    hour, minute = map(int, hhmm.split("."))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WITA)


def _organiser():
    return Agency.objects.organisers().filter(region_id="64").order_by("pk").first()


def _agency(short_name):
    return Agency.objects.filter(short_name=short_name).first()


def _region(code):
    return Region.objects.filter(code=code).first()


def _add_items(session, day, rows):
    for start, end, kind, title, speaker, speaker_title, agency, *rest in rows:
        agenda.add_agenda_item(
            session,
            start=_at(day, start),
            end=_at(day, end),
            kind=kind,
            title=title,
            speaker_name=speaker,
            speaker_title=speaker_title,
            speaker_agency=agency,
            description=rest[0] if rest else "",
            is_public=rest[1] if len(rest) > 1 else True,
        )


def _rakor_2018(organiser):
    day = datetime.date(2018, 4, 24)
    meeting = agenda.create_meeting(
        kind=Meeting.Kind.RAKOR,
        title=RAKOR_TITLE,
        theme=(
            "Sinkronisasi program pemberdayaan masyarakat dan pemerintahan desa antara pusat, provinsi, "
            "dan kabupaten/kota untuk Tahun Anggaran 2019"
        ),
        organiser=organiser,
        fiscal_year=2019,
        start=_at(day, "07.30"),
        end=_at(day, "17.00"),
        venue="Hotel Gran Senyiur Balikpapan",
        address="Jalan ARS. Muhammad No. 7, Balikpapan",
        city=_region("64.71"),
        registration_opens=_at(datetime.date(2018, 4, 2), "08.00"),
        registration_closes=_at(datetime.date(2018, 4, 20), "16.00"),
        capacity=150,
        default_quota=3,
        requires_approval=False,
        chair_name=organiser.head_name,
        chair_title=organiser.head_title or "Kepala Dinas",
        letter_number="005/0412/DPMPD-PPD/IV/2018",
        carbon_copies="Gubernur Kalimantan Timur (sebagai laporan)\nSekretaris Daerah Prov. Kalimantan Timur",
    )
    ministry = _agency("Ditjen Bina Pemdes Kemendagri")
    K = AgendaItem.Kind
    pleno_1 = agenda.create_session(meeting, kind=Session.Kind.PLENO, title="Sesi Pleno I", room="Ballroom")
    _add_items(
        pleno_1,
        day,
        [
            ("07.30", "08.30", K.LAINNYA, "Registrasi peserta", "Panitia", "", None),
            (
                "08.30",
                "09.00",
                K.PEMBUKAAN,
                "Pembukaan dan laporan Ketua Panitia",
                "Sekretaris DPMPD",
                "Ketua Panitia",
                organiser,
            ),
            (
                "09.00",
                "09.30",
                K.SAMBUTAN,
                "Sambutan Kepala DPMPD Provinsi Kalimantan Timur sekaligus membuka rapat",
                organiser.head_name,
                organiser.head_title,
                organiser,
            ),
            ("09.30", "09.45", K.ISTIRAHAT, "Rehat kopi", "", "", None),
            (
                "09.45",
                "10.45",
                K.PAPARAN,
                "Paparan kebijakan nasional pembangunan desa dan pemberdayaan masyarakat Tahun 2019",
                "Direktur Jenderal Bina Pemerintahan Desa (diwakili)",
                "Kementerian Dalam Negeri",
                ministry,
                "Prioritas nasional, Dana Desa 2019, dan penguatan kapasitas aparatur desa.",
            ),
            (
                "10.45",
                "11.30",
                K.PAPARAN,
                "Paparan program dan kegiatan Provinsi Kalimantan Timur Tahun Anggaran 2019",
                "Kepala Bidang Pemberdayaan Masyarakat",
                "DPMPD Provinsi Kalimantan Timur",
                organiser,
            ),
            (
                "11.30",
                "12.30",
                K.PAPARAN,
                "Paparan rencana program kabupaten/kota Tahun 2019",
                "Kepala DPMD/DPMK kabupaten/kota",
                "",
                None,
                "Setiap kabupaten/kota memaparkan rencana program dan target 2019 (5 menit per daerah).",
            ),
            ("12.30", "13.30", K.ISTIRAHAT, "Ishoma", "", "", None),
        ],
    )
    komisi_1 = agenda.create_session(
        meeting, kind=Session.Kind.KOMISI, title="Komisi I Pemerintahan Desa", room="Ruang Meranti"
    )
    _add_items(
        komisi_1,
        day,
        [
            (
                "13.30",
                "15.30",
                K.DISKUSI,
                "Pembahasan Komisi I: penyelenggaraan pemerintahan desa",
                "Kepala Bidang Pemerintahan Desa",
                "DPMPD Provinsi Kalimantan Timur",
                organiser,
                "Penataan desa, kapasitas aparatur, pengelolaan keuangan dan aset desa.",
            ),
        ],
    )
    komisi_2 = agenda.create_session(
        meeting, kind=Session.Kind.KOMISI, title="Komisi II Pemberdayaan Masyarakat", room="Ruang Ulin"
    )
    _add_items(
        komisi_2,
        day,
        [
            (
                "13.30",
                "15.30",
                K.DISKUSI,
                "Pembahasan Komisi II: pemberdayaan masyarakat dan lembaga kemasyarakatan",
                "Kepala Bidang Pemberdayaan Masyarakat",
                "DPMPD Provinsi Kalimantan Timur",
                organiser,
                "BUMDes, posyandu, PKK, dan lembaga adat.",
            ),
        ],
    )
    pleno_2 = agenda.create_session(meeting, kind=Session.Kind.PLENO, title="Sesi Pleno II", room="Ballroom")
    _add_items(
        pleno_2,
        day,
        [
            (
                "15.30",
                "16.15",
                K.DISKUSI,
                "Pleno hasil komisi dan penandatanganan kesepakatan",
                "Pimpinan Rapat",
                "",
                None,
                "Pembacaan rumusan Komisi I dan II; penandatanganan Berita Acara Kesepakatan.",
            ),
            (
                "16.15",
                "16.30",
                K.PENUTUPAN,
                "Penutupan",
                organiser.head_name,
                organiser.head_title,
                organiser,
            ),
            (
                "16.30",
                "17.00",
                K.LAINNYA,
                "Rapat panitia: evaluasi pelaksanaan",
                "Ketua Panitia",
                "",
                organiser,
                "Khusus panitia.",
                False,
            ),
        ],
    )
    materials.add_material(
        meeting,
        title="Permendagri Nomor 114 Tahun 2014 tentang Pedoman Pembangunan Desa",
        url="https://peraturan.bpk.go.id/Details/111639/permendagri-no-114-tahun-2014",
        is_public=True,
    )
    first = agenda.publish_agenda(meeting)
    # A change after publishing, so the public page shows "Perubahan jadwal".
    agenda.update_session(komisi_2, room="Ruang Bengkirai")
    second = agenda.publish_agenda(meeting)
    # Dated as they would have been in 2018, not on the day the demo is loaded.
    AgendaVersion.objects.filter(pk=first.pk).update(published_at=_at(datetime.date(2018, 4, 9), "10.00"))
    AgendaVersion.objects.filter(pk=second.pk).update(published_at=_at(datetime.date(2018, 4, 19), "14.30"))
    return meeting


def _rakernis_2019(organiser):
    day = datetime.date(2019, 3, 12)
    meeting = agenda.create_meeting(
        kind=Meeting.Kind.RAKERNIS,
        title=RAKERNIS_TITLE,
        theme="Penguatan tata kelola pemerintahan desa Tahun Anggaran 2020",
        organiser=organiser,
        fiscal_year=2020,
        start=_at(day, "08.00"),
        end=_at(day, "16.00"),
        venue="Aula DPMPD Provinsi Kalimantan Timur",
        address="Jalan M.T. Haryono, Samarinda",
        city=_region("64.72"),
        capacity=60,
        default_quota=2,
        carbon_copies="Gubernur Kalimantan Timur (sebagai laporan)\nSekretaris Daerah Prov. Kalimantan Timur",
    )
    pleno = agenda.create_session(meeting, kind=Session.Kind.PLENO, title="Sesi Pleno", room="Aula")
    K = AgendaItem.Kind
    _add_items(
        pleno,
        day,
        [
            (
                "08.00",
                "08.30",
                K.PEMBUKAAN,
                "Pembukaan",
                organiser.head_name,
                organiser.head_title,
                organiser,
            ),
            (
                "08.30",
                "10.00",
                K.PAPARAN,
                "Paparan Sistem Keuangan Desa (Siskeudes)",
                "Tim Bidang Pemerintahan Desa",
                "",
                organiser,
            ),
            ("10.00", "12.00", K.DISKUSI, "Diskusi kendala penyaluran Dana Desa", "", "", None),
        ],
    )
    return meeting


def load_demo():
    """The demo hook of ``manage.py load_demo``: create the demo meetings, return the line with an
    invitation link to try (none without the demo organiser)."""
    create_demo()
    invitation = example_invitation()
    if invitation is None:
        return []
    return [
        f"Contoh tautan undangan {invitation.meeting.title} ({invitation.agency.short_name}): "
        f"http://127.0.0.1:8000{invitation.registration_url()}",
        *issue_demo_certificates(),
    ]


# The 2018 chair signs its certificates of attendance (invented name and NIP).
CHAIR_2018 = {"chair_rank": "Pembina Utama Muda (IV/c)", "chair_nip": "197002151995031002"}


def issue_demo_certificates():
    """Issue the certificates of the 2018 rakor's checked-in delegates (each once); return a line."""
    rakor = Meeting.objects.filter(title=RAKOR_TITLE).first()
    if rakor is None:
        return []
    if not rakor.chair_nip:
        Meeting.objects.filter(pk=rakor.pk).update(**CHAIR_2018)
    delegates = Registration.objects.checked_in().filter(meeting=rakor).order_by("pk")
    try:
        documents = [certificates.issue_certificate(delegate) for delegate in delegates]
    except SigningError as error:
        return [f"Sertifikat kehadiran 2018 tidak diterbitkan: {error}"]
    return [f"Sertifikat kehadiran 2018 diterbitkan: {len(documents)}"] if documents else []


@transaction.atomic
def create_demo():
    """Create the demo meetings that do not exist yet; returns the meetings created."""
    organiser = _organiser()
    if organiser is None:
        return []
    created = []
    for title, build in ((RAKOR_TITLE, _rakor_2018), (RAKERNIS_TITLE, _rakernis_2019)):
        if not Meeting.objects.filter(organiser=organiser, title=title).exists():
            created.append(build(organiser))
    rakor = Meeting.objects.filter(organiser=organiser, title=RAKOR_TITLE).first()
    if rakor is not None and not rakor.invitations.exists():
        _invitations_2018(rakor)
    if rakor is not None and upcoming_rakor() is None:
        created.append(_upcoming_rakor(rakor))
    if upcoming_rapat_teknis() is None:
        created.append(_rapat_teknis(organiser))
    return created


def upcoming_rapat_teknis():
    """The demo's upcoming two-day rapat teknis (published, still ahead), or None."""
    return (
        Meeting.objects.filter(
            title__startswith=TEKNIS_TITLE_PREFIX, status=Meeting.Status.PUBLISHED, start__gt=timezone.now()
        )
        .order_by("start")
        .first()
    )


def _rapat_teknis(organiser):
    """A rapat teknis on the Wednesday and Thursday of the week after the upcoming rakor, published.

    Day one: a plenary in the morning, the Siskeudes practice class in the afternoon; day two: the
    practice class again, then the closing plenary. Registration is open from today; no invitations.
    """
    today = timezone.localdate(timezone=WITA)
    first = upcoming_day(today) + datetime.timedelta(days=TEKNIS_DAYS_AFTER_RAKOR)
    second = first + datetime.timedelta(days=1)
    meeting = agenda.create_meeting(
        kind=Meeting.Kind.RAKERNIS,
        title=f"{TEKNIS_TITLE_PREFIX}{first.year}",
        theme="Tertib penatausahaan keuangan dan aset desa melalui Siskeudes",
        organiser=organiser,
        fiscal_year=first.year + 1,
        start=_at(first, "08.00"),
        end=_at(second, "12.00"),
        venue="Aula DPMPD Provinsi Kalimantan Timur",
        address="Jalan M.T. Haryono, Samarinda",
        city=_region("64.72"),
        registration_opens=_at(today, "00.00"),
        registration_closes=_at(first - datetime.timedelta(days=3), "16.00"),
        capacity=80,
        default_quota=2,
    )
    K = AgendaItem.Kind
    head = (organiser.head_name, organiser.head_title, organiser)
    pleno_1 = agenda.create_session(meeting, kind=Session.Kind.PLENO, title="Sesi Pleno I", room="Aula")
    _add_items(
        pleno_1,
        first,
        [
            ("08.00", "08.30", K.LAINNYA, "Registrasi peserta", "Panitia", "", None),
            ("08.30", "09.00", K.PEMBUKAAN, "Pembukaan", *head),
            (
                "09.00",
                "10.30",
                K.PAPARAN,
                "Paparan kebijakan pengelolaan keuangan dan aset desa",
                "Kepala Bidang Pemerintahan Desa",
                "DPMPD Provinsi Kalimantan Timur",
                organiser,
            ),
            ("10.30", "10.45", K.ISTIRAHAT, "Rehat kopi", "", "", None),
            ("10.45", "12.00", K.PAPARAN, "Paparan Siskeudes daring", "Tim Siskeudes BPKP", "", None),
            ("12.00", "13.00", K.ISTIRAHAT, "Ishoma", "", "", None),
        ],
    )
    kelas = agenda.create_session(
        meeting, kind=Session.Kind.KOMISI, title="Kelas Praktik Siskeudes", room="Ruang Meranti"
    )
    practice = ("Tim Siskeudes BPKP", "", None)
    _add_items(kelas, first, [("13.00", "16.00", K.DISKUSI, "Praktik penyusunan APBDes", *practice)])
    _add_items(
        kelas,
        second,
        [("08.00", "10.00", K.DISKUSI, "Praktik penatausahaan dan pelaporan keuangan desa", *practice)],
    )
    pleno_2 = agenda.create_session(meeting, kind=Session.Kind.PLENO, title="Sesi Pleno II", room="Aula")
    _add_items(
        pleno_2,
        second,
        [
            (
                "10.00",
                "11.30",
                K.DISKUSI,
                "Inventarisasi aset desa dan rencana tindak lanjut",
                "Kepala Seksi Aset Desa",
                "",
                organiser,
            ),
            ("11.30", "12.00", K.PENUTUPAN, "Penutupan", *head),
        ],
    )
    agenda.publish_agenda(meeting)
    return Meeting.objects.get(pk=meeting.pk)


def upcoming_day(today):
    """The first Tuesday at least UPCOMING_LEAD_DAYS after ``today`` (rakor are held on Tuesdays)."""
    day = today + datetime.timedelta(days=UPCOMING_LEAD_DAYS)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def upcoming_rakor():
    """The demo's upcoming rakor (published, still ahead), or None."""
    return (
        Meeting.objects.filter(
            title__startswith=RAKOR_TITLE_PREFIX,
            status=Meeting.Status.PUBLISHED,
            start__gt=timezone.now(),
        )
        .exclude(title=RAKOR_TITLE)
        .order_by("start")
        .first()
    )


# (agency short name, [(full name, position, gender)]) of the upcoming rakor. Names are invented.
UPCOMING_DELEGATES = [
    ("DPMD Kukar", [("Rahmat Hidayat, S.Sos.", "Kepala Bidang Pemerintahan Desa", "L")]),
    (
        "DPMD Paser",
        [
            ("Yohanes Lete, S.T.", "Sekretaris Dinas", "L"),
            ("Siti Maryam, S.Pd.", "Kepala Seksi Kelembagaan Desa", "P"),
        ],
    ),
    ("DPMK Berau", [("Hendra Gunawan, S.Kom.", "Kepala Bidang Kampung", "L")]),
]


def _upcoming_rakor(rakor):
    """Next rakor, cloned from ``rakor`` on the first Tuesday at least 60 days ahead and published.

    Registration is open from today until three days before; the ten regency/city agencies are
    invited (quota 3) and a few delegates registered (rows written directly: a demo sends no mail).
    """
    today = timezone.localdate(timezone=WITA)
    day = upcoming_day(today)
    meeting = agenda.clone_meeting(rakor, start=_at(day, "07.30"))
    meeting.registration_opens = _at(today, "00.00")
    meeting.registration_closes = _at(day - datetime.timedelta(days=3), "16.00")
    meeting.letter_number = f"005/0127/DPMPD-PPD/{day.year}"
    meeting.save(update_fields=["registration_opens", "registration_closes", "letter_number"])
    agenda.publish_agenda(meeting)
    names = [name for _code, name, _short in REGENCY_AGENCIES]
    agencies = list(Agency.objects.filter(name__in=names).order_by("region_id"))
    invitations = invite_agencies(meeting, agencies, quota=3)
    # Marked sent (no mail goes out from a demo), so the coordinators see them.
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=timezone.now())
    by_agency = {i.agency.short_name: i for i in invitations}
    for short_name, delegates in UPCOMING_DELEGATES:
        invitation = by_agency.get(short_name)
        if invitation is None:
            continue
        region = invitation.agency.region_id.replace(".", "")
        for number, (name, position, gender) in enumerate(delegates, 1):
            Registration.objects.create(
                meeting=meeting,
                invitation=invitation,
                agency=invitation.agency,
                full_name=name,
                position=position,
                gender=gender,
                phone=f"0812 5600 {len(name):02d}{number:02d}",
                email=f"rakor{day.year}.peserta{number}.{region}@demo.go.id",
                status=Registration.Status.CONFIRMED,
            )
    return Meeting.objects.get(pk=meeting.pk)


# (agency short name, [(full name, NIP, position, gender, status, checked in)]). Names are invented.
DEMO_DELEGATES = [
    (
        "DPMD Kukar",
        [
            (
                "Rahmat Hidayat, S.Sos.",
                "197805142005011008",
                "Kepala Bidang Pemerintahan Desa",
                "L",
                "confirmed",
                True,
            ),
            ("Nurul Aini, S.E.", "198203212009012004", "Kepala Seksi Keuangan Desa", "P", "confirmed", False),
            ("Agus Salim", "", "Analis Pemberdayaan Masyarakat", "L", "confirmed", False),
            ("Dewi Kartika, S.IP.", "199001152015032002", "Pengelola Data Desa", "P", "waitlisted", False),
        ],
    ),
    (
        "DPMD Paser",
        [
            ("Yohanes Lete, S.T.", "198110022006041011", "Sekretaris Dinas", "L", "confirmed", True),
            ("Siti Maryam, S.Pd.", "", "Kepala Seksi Kelembagaan Desa", "P", "confirmed", False),
        ],
    ),
    ("DPMK Berau", [("Hendra Gunawan, S.Kom.", "", "Kepala Bidang Kampung", "L", "confirmed", False)]),
]


def _invitations_2018(meeting):
    """Invite the ten regency/city agencies (quota 3) and register a few of their delegates."""
    names = [name for _code, name, _short in REGENCY_AGENCIES]
    agencies = list(Agency.objects.filter(name__in=names).order_by("region_id"))
    invitations = invite_agencies(meeting, agencies, quota=3)
    sent = _at(datetime.date(2018, 4, 2), "09.00")
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=sent)
    by_agency = {i.agency.short_name: i for i in invitations}
    registered_at = sent
    for short_name, delegates in DEMO_DELEGATES:
        invitation = by_agency.get(short_name)
        if invitation is None:
            continue
        for number, (name, nip, position, gender, status, checked_in) in enumerate(delegates, 1):
            registered_at += datetime.timedelta(hours=5)
            # Rows written directly, not through register_delegate: the 2018 window is long closed
            # and a demo must not send mail.
            registration = Registration.objects.create(
                meeting=meeting,
                invitation=invitation,
                agency=invitation.agency,
                full_name=name,
                nip=nip,
                position=position,
                gender=gender,
                phone=f"0812 5500 {len(name):02d}{number:02d}",
                email=f"peserta{number}.{invitation.agency.region_id.replace('.', '')}@demo.go.id",
                status=status,
                waitlisted_at=registered_at if status == Registration.Status.WAITLISTED else None,
                checked_in_at=_at(meeting.start.date(), "07.45") if checked_in else None,
            )
            Registration.objects.filter(pk=registration.pk).update(created_at=registered_at)


def example_invitation():
    """An invitation of the upcoming demo rakor (Kutai Kartanegara's) whose link works today."""
    meeting = upcoming_rakor()
    if meeting is None:
        return None
    return (
        meeting.invitations.filter(agency__short_name="DPMD Kukar")
        .select_related("agency", "meeting")
        .first()
    )
