"""The berita acara kesepakatan PDF (DOCUMENTS.md §3): collect its context from the frozen
agreement snapshots and render it, always in Indonesian."""

from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from documents.services import verification_footer
from meetings.letters import format_nip, letter_place, meeting_place, signer_of
from rakor.pdf import render_pdf

ONES = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def in_words(n):
    """An integer (0 <= n < 1,000,000) in Indonesian words: 24 -> 'dua puluh empat'."""
    if n < 12:
        return ONES[n] or "nol"
    if n < 20:
        return f"{ONES[n - 10]} belas"
    if n < 100:
        return f"{ONES[n // 10]} puluh {ONES[n % 10]}".strip()
    if n < 200:
        return f"seratus {in_words(n - 100) if n > 100 else ''}".strip()
    if n < 1000:
        return f"{ONES[n // 100]} ratus {in_words(n % 100) if n % 100 else ''}".strip()
    if n < 2000:
        return f"seribu {in_words(n - 1000) if n > 1000 else ''}".strip()
    if n < 1_000_000:
        rest = in_words(n % 1000) if n % 1000 else ""
        return f"{in_words(n // 1000)} ribu {rest}".strip()
    raise ValueError("Only numbers below a million are written in words here.")


def date_in_words(day):
    """'hari ini Selasa tanggal dua puluh empat bulan April tahun dua ribu delapan belas'."""
    return _("hari ini %(weekday)s tanggal %(day)s bulan %(month)s tahun %(year)s") % {
        "weekday": date_format(day, "l"),
        "day": in_words(day.day),
        "month": date_format(day, "F"),
        "year": in_words(day.year),
    }


def _value(text):
    value = Decimal(text)
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "X").replace(".", ",").replace("X", ".")


def berita_acara_context(meeting, agreements, *, number, verification):
    """The context of templates/pdf/berita_acara.html (call with Indonesian active)."""
    day = meeting.local_dates()[1]
    parties = []
    for agreement in agreements:
        content = agreement.content
        parties.append(
            {
                "region": content["agency"]["region_name"] or content["agency"]["name"],
                "agency": content["agency"]["name"],
                "name": agreement.signatory_name,
                "title": agreement.title,
                "nip": format_nip(agreement.nip),
                "signed_on": date_format(timezone_local(meeting, agreement.signed_at), "j F Y"),
                "targets": [{**t, "value_text": _value(t["value"])} for t in content["targets"]],
            }
        )
    rows = [parties[i : i + 3] for i in range(0, len(parties), 3)]
    return {
        "organiser": meeting.organiser,
        "number": number,
        "meeting": meeting,
        "year": agreements[0].fiscal_year if agreements else meeting.fiscal_year,
        "opening_date": date_in_words(day),
        "place": meeting_place(meeting),
        "parties": parties,
        "signature_rows": rows,
        "organiser_signer": signer_of(meeting.organiser),
        "letter_place": letter_place(),
        "letter_date": date_format(day, "j F Y"),
        "verification": verification,
    }


def timezone_local(meeting, value):
    return meeting.local(value).date()


def render_berita_acara(meeting, agreements, *, number, code, wet_ink=False):
    """The berita acara as PDF bytes, always in Indonesian (issue_document's render)."""
    with translation.override("id"):
        context = berita_acara_context(
            meeting, agreements, number=number, verification=verification_footer(code, wet_ink=wet_ink)
        )
        return render_pdf("pdf/berita_acara.html", context)
