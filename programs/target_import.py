"""Bulk entry of an agency's programs and targets for one fiscal year, through an XLSX template.

One row per target; rows with the same nomenclature code and program name belong to one program.
``plan_import`` validates everything and writes nothing; ``import_targets`` stores all rows in one
transaction or none. Row errors: unknown or unfitting codes, negative or non-numeric numbers,
unknown targets, and parents from the wrong level, year or province.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import FundingSource, Nomenclature, Program, Target, parent_problem
from programs.services import allowed_parent_targets, save_program, save_target
from rakor import tabular

COLUMNS = [
    "id_target",
    "kode_nomenklatur",
    "nama_program",
    "pagu",
    "sumber_dana",
    "indikator",
    "satuan",
    "baseline",
    "target",
    "id_target_induk",
]
REQUIRED = ["kode_nomenklatur", "nama_program", "indikator", "satuan", "target"]
MAX_ROWS = 2000


class ImportRejected(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class PlannedTarget:
    line: int
    program_key: tuple
    values: dict
    target: Target | None = None
    parent: Target | None = None


@dataclass
class TargetPlan:
    rows: list = field(default_factory=list)
    programs: dict = field(
        default_factory=dict
    )  # key -> {"nomenclature", "name", "budget", "funding", "program"}
    errors: list = field(default_factory=list)

    @property
    def counts(self):
        new = sum(1 for row in self.rows if row.target is None)
        return {"create": new, "update": len(self.rows) - new, "programs": len(self.programs)}


def _number(text, label, errors, *, required=False):
    text = (text or "").replace(" ", "")
    if not text:
        if required:
            errors.append(_("%(column)s wajib diisi.") % {"column": label})
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        errors.append(_("%(column)s “%(value)s” bukan angka.") % {"column": label, "value": text})
        return None
    if not value.is_finite():
        errors.append(_("%(column)s “%(value)s” bukan angka.") % {"column": label, "value": text})
        return None
    if value < 0:
        errors.append(_("%(column)s tidak boleh negatif.") % {"column": label})
        return None
    return value


def _funding(text):
    text = (text or "").strip().lower()
    for choice in FundingSource:
        if text in (choice.value, str(choice.label).lower()):
            return choice.value
    return None


def plan_import(rows, *, agency, year):
    """Validate rows for ``agency`` and ``year``; returns a TargetPlan (nothing is written)."""
    plan = TargetPlan()
    codes = {
        n.code: n
        for n in Nomenclature.objects.for_year(year)
        .for_programs()
        .fitting(agency.level)
        .order_by("authority")
    }
    any_codes = set(Nomenclature.objects.for_year(year).values_list("code", flat=True))
    own = {t.pk: t for t in Target.objects.filter(program__agency=agency, program__fiscal_year=year)}
    parent_ids = set()
    for row in rows:
        text = row.get("id_target_induk", "").strip()
        if text.isdigit():
            parent_ids.add(int(text))
    parents = {t.pk: t for t in Target.objects.select_related("program__agency").filter(pk__in=parent_ids)}
    allowed = set(
        allowed_parent_targets(Program(agency=agency, level=agency.level, fiscal_year=year))
        .filter(pk__in=parent_ids)
        .values_list("pk", flat=True)
    )
    existing_programs = {
        (p.nomenclature.code, p.name.lower()): p
        for p in Program.objects.select_related("nomenclature").filter(agency=agency, fiscal_year=year)
    }
    for row in rows:
        line, errors = row["line"], []
        code = row.get("kode_nomenklatur", "").strip()
        nomenclature = codes.get(code)
        if nomenclature is None:
            if code in any_codes:
                errors.append(
                    _("kode %(code)s bukan kewenangan %(level)s.")
                    % {"code": code, "level": agency.get_level_display().lower()}
                )
            else:
                errors.append(_("kode nomenklatur %(code)s tidak dikenal.") % {"code": code or "–"})
        name = row.get("nama_program", "").strip()
        if not name:
            errors.append(_("nama_program wajib diisi."))
        budget = _number(row.get("pagu"), "pagu", errors)
        funding = None
        if row.get("sumber_dana", "").strip():
            funding = _funding(row["sumber_dana"])
            if funding is None:
                errors.append(_("sumber_dana “%(value)s” tidak dikenal.") % {"value": row["sumber_dana"]})
        indicator, unit = row.get("indikator", "").strip(), row.get("satuan", "").strip()
        if not indicator:
            errors.append(_("indikator wajib diisi."))
        if not unit:
            errors.append(_("satuan wajib diisi."))
        baseline = _number(row.get("baseline"), "baseline", errors)
        value = _number(row.get("target"), "target", errors, required=True)
        target = None
        target_id = row.get("id_target", "").strip()
        if target_id:
            target = own.get(int(target_id)) if target_id.isdigit() else None
            if target is None:
                errors.append(
                    _("id_target %(id)s bukan target instansi ini tahun %(year)s.")
                    % {"id": target_id, "year": year}
                )
        parent = None
        parent_id = row.get("id_target_induk", "").strip()
        if parent_id:
            parent = parents.get(int(parent_id)) if parent_id.isdigit() else None
            if parent is None:
                errors.append(_("id_target_induk %(id)s tidak dikenal.") % {"id": parent_id})
            elif parent.pk not in allowed:
                p = parent.program
                errors.append(
                    _("id_target_induk %(id)s: %(reason)s")
                    % {
                        "id": parent_id,
                        "reason": parent_problem(agency.level, year, agency, p.level, p.fiscal_year, p.agency)
                        or _("bukan target induk yang boleh dipilih."),
                    }
                )
        key = (code, name.lower())
        if not errors:
            known = plan.programs.get(key)
            if known is None:
                plan.programs[key] = {
                    "nomenclature": nomenclature,
                    "name": name,
                    "budget": budget,
                    "funding": funding,
                    "program": existing_programs.get(key),
                    "line": line,
                }
            elif budget is not None and known["budget"] is not None and budget != known["budget"]:
                errors.append(
                    _("pagu program ini berbeda dengan baris %(other)s.") % {"other": known["line"]}
                )
            elif known["budget"] is None:
                known["budget"] = budget
        for message in errors:
            plan.errors.append(_("Baris %(line)s: %(message)s") % {"line": line, "message": message})
        if not errors:
            plan.rows.append(
                PlannedTarget(
                    line=line,
                    program_key=key,
                    target=target,
                    parent=parent,
                    values={"indicator": indicator, "unit": unit, "baseline": baseline, "value": value},
                )
            )
    return plan


@transaction.atomic
def import_targets(rows, *, agency, year):
    """Create or update the agency's programs and targets of ``year`` from the rows: all or none.

    Validates again inside the transaction and raises ImportRejected with the row errors. A new
    program takes the parent target's program as its parent. Returns the plan's counts.
    """
    plan = plan_import(rows, agency=agency, year=year)
    if plan.errors:
        raise ImportRejected(plan.errors)
    programs = {}
    for key, values in plan.programs.items():
        program = values["program"] or Program(agency=agency, fiscal_year=year)
        program.nomenclature = values["nomenclature"]
        program.name = values["name"]
        if values["budget"] is not None:
            program.budget = values["budget"]
        if values["funding"]:
            program.funding_source = values["funding"]
        programs[key] = save_program(program)
    for row in plan.rows:
        target = row.target or Target()
        target.program = programs[row.program_key]
        for name, value in row.values.items():
            setattr(target, name, value)
        target.parent = row.parent
        save_target(target)
    return plan.counts


def read_upload(upload):
    return tabular.read_rows(upload, required=REQUIRED, known=COLUMNS, max_rows=MAX_ROWS)


def template_xlsx(agency, year):
    """The agency's template for ``year``, prefilled with its targets; a second sheet lists the
    targets it may contribute to (their ids go in id_target_induk)."""
    from openpyxl import Workbook

    from programs.exports import safe_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "target"
    sheet.append(COLUMNS)
    targets = (
        Target.objects.select_related("program__nomenclature")
        .filter(program__agency=agency, program__fiscal_year=year)
        .order_by("program__nomenclature__code", "program__name", "pk")
    )
    for t in targets:
        p = t.program
        sheet.append(
            [
                t.pk,
                safe_cell(p.nomenclature.code),
                safe_cell(p.name),
                p.budget,
                safe_cell(p.get_funding_source_display()),
                safe_cell(t.indicator),
                safe_cell(t.unit),
                t.baseline,
                t.value,
                t.parent_id,
            ]
        )
    for column in ("B", "C", "F"):
        sheet.column_dimensions[column].width = 40
    for row in sheet.iter_rows(min_col=2, max_col=2):
        for cell in row:
            cell.number_format = "@"
    parents = workbook.create_sheet("target_induk")
    parents.append(["id_target_induk", "instansi", "program", "indikator", "target", "satuan"])
    program = Program(agency=agency, level=agency.level, fiscal_year=year)
    for t in allowed_parent_targets(program).order_by("program__name", "pk"):
        parents.append(
            [
                t.pk,
                safe_cell(t.program.agency.short_name or t.program.agency.name),
                safe_cell(t.program.name),
                safe_cell(t.indicator),
                t.value,
                safe_cell(t.unit),
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
