"""Aspirations of kiprah desa visits: recording one (with the similar ones already recorded for
the same village suggested first), filtering, counting per regency/city, and the XLSX export."""

import io

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy

from agencies.models import Region
from programs.models import Aspiration
from programs.models.aspirations import similarity, village_label
from rakor.spreadsheets import safe_row

SIMILAR_THRESHOLD = 0.4


def similar_aspirations(village, text, *, exclude=None, threshold=SIMILAR_THRESHOLD):
    """Aspirations already recorded for ``village`` whose words overlap ``text`` by at least
    ``threshold`` (Jaccard of normalised words), most similar first."""
    candidates = Aspiration.objects.filter(village=village).select_related("meeting")
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    scored = [(similarity(text, a.text), a) for a in candidates]
    return [a for score, a in sorted(scored, key=lambda pair: -pair[0]) if score >= threshold]


@transaction.atomic
def save_aspiration(aspiration, *, programs=(), by=None):
    """Validate (a reason is required for "tidak diakomodasi"; the meeting must be a kiprah desa
    visit) and save, with its linked programs. Side effects: history. Raises ValidationError."""
    aspiration.full_clean()
    if aspiration.pk is None:
        aspiration.recorded_by = by
    aspiration._history_user = by
    aspiration.save()
    aspiration.programs.set(programs)
    return aspiration


def filtered(queryset, *, regency="", status="", field=""):
    if regency:
        queryset = queryset.filter(village__code__startswith=f"{regency}.")
    if status:
        queryset = queryset.filter(status=status)
    if field:
        queryset = queryset.filter(field=field)
    return queryset


def counts_per_regency(queryset):
    """[(regency Region, count)] for the aspirations of ``queryset`` (two queries)."""
    counts = dict(
        queryset.order_by()
        .annotate(regency=Substr("village__code", 1, 5))
        .values_list("regency")
        .annotate(n=Count("pk"))
        .values_list("regency", "n")
    )
    regions = Region.objects.filter(code__in=counts).order_by("code")
    return [(r, counts[r.code]) for r in regions]


COLUMNS = [
    gettext_lazy("Tanggal"),
    gettext_lazy("Kunjungan"),
    gettext_lazy("Kabupaten/Kota"),
    gettext_lazy("Desa/Kelurahan/Kampung"),
    gettext_lazy("Bidang"),
    gettext_lazy("Aspirasi"),
    gettext_lazy("Status"),
    gettext_lazy("Alasan"),
    gettext_lazy("Program"),
]


def export_xlsx(queryset):
    """The aspirations as XLSX; every text cell through safe_row (no formulas from typed text)."""
    from openpyxl import Workbook

    regencies = {
        r.code: r.name for r in Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "aspirasi"
    sheet.append([str(c) for c in COLUMNS])
    for a in queryset.select_related("meeting", "village").prefetch_related("programs"):
        sheet.append(
            safe_row(
                [
                    a.created_at.date().isoformat(),
                    a.meeting.title,
                    regencies.get(a.village.code[:5], ""),
                    f"{village_label(a.village)} {a.village.name}",
                    a.get_field_display(),
                    a.text,
                    a.get_status_display(),
                    a.reason,
                    "; ".join(p.name for p in a.programs.all()),
                ]
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
