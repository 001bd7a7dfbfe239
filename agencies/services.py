import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from agencies.imports import FIELD_OF_COLUMN
from agencies.models import Agency, Membership, Region
from rakor import roles
from rakor.tabular import ImportRejected, long_number_error, plan_rows  # noqa: F401  (the agency views catch ImportRejected here)

AGENCY_SEAT_KINDS = {Region.Kind.PROVINCE, Region.Kind.REGENCY, Region.Kind.CITY}

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(filename):
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


@transaction.atomic
def load_regions():
    """Load the Kemendagri region codes shipped in agencies/data into Region, idempotently.

    Inserts missing regions and updates the name, kind and parent of existing ones; never deletes
    (agencies point at regions). Returns the number of regions of each kind now present.
    """
    K = Region.Kind
    wanted = {}
    for row in _rows("wilayah_provinsi.csv"):
        wanted[row["kode"]] = (row["nama"], K.PROVINCE, None)
    for row in _rows("wilayah_kabkota.csv"):
        wanted[row["kode"]] = (row["nama"], row["jenis"], row["kode_provinsi"])
    for row in _rows("wilayah_kaltim_kecamatan.csv"):
        wanted[row["kode"]] = (row["nama"], K.DISTRICT, row["kode_kabkota"])
    for row in _rows("wilayah_kaltim_desa.csv"):
        wanted[row["kode"]] = (row["nama"], row["jenis"], row["kode_kecamatan"])

    existing = {r.code: r for r in Region.objects.all()}
    # Codes sort parents before children ("64" < "64.01" < "64.01.01"), so parents exist first.
    new, changed = [], []
    for code in sorted(wanted, key=lambda c: (c.count("."), c)):
        name, kind, parent = wanted[code]
        region = existing.get(code)
        if region is None:
            new.append(Region(code=code, name=name, kind=kind, parent_id=parent))
        elif (region.name, region.kind, region.parent_id) != (name, kind, parent):
            region.name, region.kind, region.parent_id = name, kind, parent
            changed.append(region)
    Region.objects.bulk_create(new, batch_size=500)
    Region.objects.bulk_update(changed, ["name", "kind", "parent"], batch_size=500)
    counts = {kind.label: 0 for kind in K}
    for kind, label in K.choices:
        counts[label] = Region.objects.filter(kind=kind).count()
    return counts


# --- memberships -------------------------------------------------------------------------------


@transaction.atomic
def add_membership(agency, *, user, role):
    """Make the user a member of the agency with the role and return the Membership.

    A coordinator also joins the Koordinator OPD group, which opens the coordinator's pages; the
    membership itself scopes them to this agency. Recorded in the membership history.
    """
    membership = Membership.objects.create(agency=agency, user=user, role=role)
    if role == Membership.Role.COORDINATOR:
        user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return membership


@transaction.atomic
def remove_membership(membership):
    """Delete the membership (recorded in its history).

    A user left without any coordinator membership also leaves the Koordinator OPD group, so the
    account keeps no coordinator pages that would show nothing.
    """
    user = membership.user
    membership.delete()
    if not Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists():
        user.groups.remove(*Group.objects.filter(name=roles.COORDINATOR))


# --- import --------------------------------------------------------------------------------------


@dataclass
class PlannedRow:
    line: int
    action: str  # "create", "update" or "unchanged"
    values: dict  # Agency field -> new value (region as its code, "" for none)
    agency: Agency | None = None
    changed: list = field(default_factory=list)  # verbose names of the fields an update changes
    region_name: str = ""

    @property
    def region_code(self):
        return self.values.get("region") or ""


@dataclass
class ImportPlan:
    rows: list
    errors: list
    regions: dict

    @property
    def counts(self):
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts


def plan_import(rows):
    """Validate imported rows and say what each would do, without writing anything.

    `rows` come from agencies.imports.read_rows. An agency is matched by its name (any letter case)
    and region; a match is updated, otherwise a new agency is created. Only the columns present in
    the file are written. Returns an ImportPlan whose `errors` hold messages like "Baris 3: kode
    wilayah 99.99 tidak dikenal.".
    """
    codes = {row.get("kode_wilayah", "") for row in rows} - {""}
    known = {r.code: r for r in Region.objects.filter(code__in=codes)}
    seats = {code: r for code, r in known.items() if r.kind in AGENCY_SEAT_KINDS}
    names = {row.get("nama", "").lower() for row in rows} - {""}
    existing = {
        (a.name.lower(), a.region_id or ""): a
        for a in Agency.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
    }

    seen = {}

    def validate(row, error):
        line = row["line"]
        for column in row.get("long_numbers", []):
            error(long_number_error(column))
        values = {}
        code = row.get("kode_wilayah", "")
        if code and code not in known:
            error(_("kode wilayah %(code)s tidak dikenal.") % {"code": code})
        elif code and code not in seats:
            error(
                _(
                    "kode wilayah %(code)s adalah %(kind)s; instansi berkedudukan di provinsi "
                    "atau kabupaten/kota."
                )
                % {"code": code, "kind": known[code].get_kind_display().lower()}
            )
        values["region"] = code
        for column, field_name in FIELD_OF_COLUMN.items():
            if column == "kode_wilayah" or column not in row:
                continue
            value = row[column]
            if column == "nip_kepala":
                value = value.replace(" ", "")
            model_field = Agency._meta.get_field(field_name)
            if column == "nama" and not value:
                error(_("nama wajib diisi."))
                continue
            try:
                model_field.clean(value, None)
            except ValidationError as exc:
                for message in exc.messages:
                    error(f"{column}: {message}")
                continue
            values[field_name] = value

        key = (values.get("name", "").lower(), code)
        if values.get("name"):
            if key in seen:
                error(_("nama dan kode wilayah sama dengan baris %(other)s.") % {"other": seen[key]})
            seen.setdefault(key, line)
        return values, key, code

    def plan(row, checked):
        values, key, code = checked
        agency = existing.get(key)
        if agency is None:
            return PlannedRow(
                line=row["line"], action="create", values=values, region_name=_region_name(seats, code)
            )
        changed = [
            str(Agency._meta.get_field(name).verbose_name)
            for name, value in values.items()
            if name != "region" and getattr(agency, name) != value
        ]
        return PlannedRow(
            line=row["line"],
            action="update" if changed else "unchanged",
            values=values,
            agency=agency,
            changed=changed,
            region_name=_region_name(seats, code),
        )

    planned, errors = plan_rows(rows, validate, plan)
    return ImportPlan(rows=planned, errors=errors, regions=seats)


def _region_name(regions, code):
    return regions[code].name if code else ""


@transaction.atomic
def import_agencies(rows):
    """Create and update agencies from imported rows: all of them, or none.

    Validates again inside the transaction (the data may have changed since the preview) and raises
    ImportRejected with the row errors if any row is invalid; then saves each new or changed agency
    one by one, so each gets its history entry. Returns {"create": n, "update": n, "unchanged": n}.
    """
    plan = plan_import(rows)
    if plan.errors:
        raise ImportRejected(plan.errors)
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        agency = row.agency or Agency()
        for name, value in row.values.items():
            if name == "region":
                agency.region = plan.regions.get(value)
            else:
                setattr(agency, name, value)
        agency.save()
    return plan.counts
