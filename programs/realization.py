"""Reporting realisation: one target and period at a time, or an agency's year by XLSX.

``report_realization`` creates or updates the row of a target and period (the history keeps every
earlier report). The import validates every row with rakor.tabular.plan_rows and stores all rows
in one transaction, or none.
"""

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import Period, Realization, Target
from rakor import tabular
from rakor.spreadsheets import safe_cell

COLUMNS = ["id_target", "periode", "capaian", "realisasi_anggaran", "keterangan"]
REQUIRED = ["id_target", "periode", "capaian"]
MAX_ROWS = 2000


@transaction.atomic
def report_realization(
    target, period, *, value, budget_spent=Decimal(0), evidence_note="", evidence_file=None, by=None
):
    """Create or update the realisation of ``target`` for ``period``; returns it.

    Locks the target row so two reports of the same period cannot both create one. Side effects:
    a history entry; a new evidence file replaces the stored one (the old file stays for history).
    Raises ValidationError for negative values or an unknown period.
    """
    Target.objects.select_for_update().get(pk=target.pk)
    realization = Realization.objects.filter(target=target, period=period).first() or Realization(
        target=target, period=period
    )
    realization.value = value
    realization.budget_spent = budget_spent if budget_spent is not None else Decimal(0)
    realization.evidence_note = evidence_note or ""
    if evidence_file:
        realization.evidence_file = evidence_file
    realization.reported_by = by
    realization.full_clean()
    realization._history_user = by
    realization.save()
    return realization


def parse_period(text):
    text = " ".join((text or "").lower().split())
    for choice in Period:
        if text in (choice.value, str(choice.label).lower()):
            return choice.value
    return None


def _number(text, column, error, *, required=False):
    text = (text or "").replace(" ", "")
    if not text:
        if required:
            error(_("%(column)s wajib diisi.") % {"column": column})
        return None
    if "," in text and "." in text:  # 1.250,5 (Indonesian) -> 1250.5
        text = text.replace(".", "")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        error(_("%(column)s “%(value)s” bukan angka.") % {"column": column, "value": text})
        return None
    if value < 0:
        error(_("%(column)s tidak boleh negatif.") % {"column": column})
        return None
    return value


@dataclass
class PlannedRealization:
    line: int
    target: Target
    period: str
    value: Decimal
    budget_spent: Decimal
    note: str
    update: bool


def plan_import(rows, *, agency, year):
    """Validate the rows for ``agency``'s targets of ``year``: (planned rows, errors); writes nothing."""
    targets = {
        t.pk: t
        for t in Target.objects.filter(program__agency=agency, program__fiscal_year=year).select_related(
            "program"
        )
    }
    existing = set(Realization.objects.filter(target__in=targets.values()).values_list("target_id", "period"))
    seen = {}

    def validate(row, error):
        text = row.get("id_target", "").strip()
        target = targets.get(int(text)) if text.isdigit() else None
        if target is None:
            error(
                _("id_target %(id)s bukan target instansi ini tahun %(year)s.")
                % {"id": text or "–", "year": year}
            )
        period = parse_period(row.get("periode"))
        if period is None:
            error(_("periode “%(value)s” tidak dikenal.") % {"value": row.get("periode", "")})
        value = _number(row.get("capaian"), "capaian", error, required=True)
        budget = _number(row.get("realisasi_anggaran"), "realisasi_anggaran", error)
        if target is not None and period is not None:
            key = (target.pk, period)
            if key in seen:
                error(_("target dan periode ini sudah ada di baris %(other)s.") % {"other": seen[key]})
            seen.setdefault(key, row["line"])
        return target, period, value, budget

    def plan(row, checked):
        target, period, value, budget = checked
        return PlannedRealization(
            line=row["line"],
            target=target,
            period=period,
            value=value,
            budget_spent=budget or Decimal(0),
            note=row.get("keterangan", "").strip(),
            update=(target.pk, period) in existing,
        )

    return tabular.plan_rows(rows, validate, plan)


@transaction.atomic
def import_realizations(rows, *, agency, year, by=None):
    """Store every row or none: validates again inside the transaction, raises
    tabular.ImportRejected with the row errors. Returns the number of rows stored."""
    planned, errors = plan_import(rows, agency=agency, year=year)
    if errors:
        raise tabular.ImportRejected(errors)
    for row in planned:
        report_realization(
            row.target,
            row.period,
            value=row.value,
            budget_spent=row.budget_spent,
            evidence_note=row.note,
            by=by,
        )
    return len(planned)


def read_upload(upload):
    return tabular.read_rows(upload, required=REQUIRED, known=COLUMNS, max_rows=MAX_ROWS)


def template_xlsx(agency, year, period=""):
    """The agency's template for ``year``: one row per target (indicator, unit and target value as
    guidance columns the import ignores), with the latest reported values filled in."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "realisasi"
    sheet.append([*COLUMNS, "indikator", "satuan", "target"])
    targets = (
        Target.objects.filter(program__agency=agency, program__fiscal_year=year)
        .select_related("program")
        .order_by("program__name", "pk")
    )
    for t in targets:
        sheet.append([t.pk, period, None, None, "", safe_cell(t.indicator), safe_cell(t.unit), t.value])
    sheet.column_dimensions["F"].width = 50
    periods = workbook.create_sheet("periode")
    periods.append(["periode", "keterangan"])
    for choice in Period:
        periods.append([choice.value, str(choice.label)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
