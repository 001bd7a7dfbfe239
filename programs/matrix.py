"""The alignment matrix of a province and fiscal year: collected in a fixed number of queries.

Rows are the national targets and the province's targets, grouped by program; columns are the
province's regencies/cities; a cell holds what that regency/city contributes (its targets linked to
the row's target; for a national row, through the provincial targets linked to it). Each row sums
the contributions of the same unit against the target value (allocation %) and warns when a
contribution has another unit (it is not added). Gaps: provincial targets no regency supports,
regencies/cities with no commitment, programs linked to nothing. A cell also shows its agreement
state (programs.agreements: agreed, not agreed, changed after agreement) and what its targets
achieved by their latest reported period against their value (per cent).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from agencies.models import Level, Region
from programs.agreements import NOT_AGREED, STATE_LABELS, cell_state, latest_agreements
from programs.models import Program, Realization, Target
from programs.models.realization import period_rank


def latest_achievements(target_filter):
    """{target id: value of its latest reported period} for the targets matching ``target_filter``
    (a Q on Realization; one query)."""
    latest = {}
    for target_id, period, value in Realization.objects.filter(target_filter).values_list(
        "target_id", "period", "value"
    ):
        rank = period_rank(period)
        if target_id not in latest or rank > latest[target_id][0]:
            latest[target_id] = (rank, value)
    return {target_id: value for target_id, (_rank, value) in latest.items()}


def same_unit(a, b):
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


@dataclass
class Cell:
    region: Region
    targets: list = field(default_factory=list)
    value: Decimal | None = None
    unit_mismatch: bool = False
    agreement_state: str = NOT_AGREED
    achieved: Decimal | None = None

    @property
    def filled(self):
        return bool(self.targets)

    @property
    def agreement(self):
        return STATE_LABELS[self.agreement_state]

    @property
    def percent(self):
        """Per cent of the cell's value achieved (None without a report or a value)."""
        if self.achieved is None or not self.value:
            return None
        return (self.achieved * 100 / self.value).quantize(Decimal("0.1"))


@dataclass
class Row:
    target: Target
    cells: list
    total: Decimal = Decimal(0)
    unit_warning: bool = False
    supported: bool = True

    @property
    def level(self):
        return self.target.program.level

    @property
    def allocation(self):
        """Per cent of the target value covered by the same-unit contributions (None if value 0)."""
        if not self.target.value:
            return None
        return (self.total * 100 / self.target.value).quantize(Decimal("0.1"))


@dataclass
class Group:
    program: Program
    rows: list


@dataclass
class Matrix:
    province: Region
    year: int
    regions: list  # columns shown
    groups: list
    unsupported: list  # provincial targets no regency supports
    uncommitted: list  # regions without any contribution
    unlinked: list  # programs linked to nothing
    program_choices: list

    @property
    def gap_count(self):
        return len(self.unsupported) + len(self.uncommitted) + len(self.unlinked)


def _sum(targets, unit):
    total, mismatch = Decimal(0), False
    for t in targets:
        if same_unit(t.unit, unit):
            total += t.value
        else:
            mismatch = True
    return total, mismatch


def build_matrix(province, year, *, program_id=None, region_code=None):
    """The matrix of ``province`` (a Region) in ``year``; 6 queries whatever the size."""
    code = province.code
    regions = list(
        Region.objects.filter(parent=province, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).order_by(
            "code"
        )
    )
    upper = list(
        Target.objects.filter(program__fiscal_year=year)
        .filter(
            Q(program__level=Level.NATIONAL)
            | Q(program__level=Level.PROVINCIAL, program__agency__region_id=code)
        )
        .select_related("program__agency", "program__nomenclature")
        .order_by("program__level", "program__nomenclature__code", "program__name", "program_id", "pk")
    )
    lower = list(
        Target.objects.filter(
            program__fiscal_year=year,
            program__level=Level.REGENCY,
            program__agency__region__code__startswith=f"{code}.",
        )
        .select_related("program__agency")
        .order_by("pk")
    )
    programs = list(
        Program.objects.filter(fiscal_year=year)
        .in_province(code)
        .filter(parent__isnull=True)
        .annotate(
            has_children=Exists(Program.objects.filter(parent=OuterRef("pk"))),
            links_up=Exists(Target.objects.filter(program=OuterRef("pk"), parent__isnull=False)),
            links_down=Exists(Target.objects.filter(parent__program=OuterRef("pk"))),
        )
        .select_related("agency")
        .order_by("level", "name", "pk")
    )
    agreed = latest_agreements({t.program.agency_id for t in lower}, year)
    achieved = latest_achievements(
        Q(
            target__program__fiscal_year=year,
            target__program__level=Level.REGENCY,
            target__program__agency__region__code__startswith=f"{code}.",
        )
    )
    children = defaultdict(list)
    for t in upper + lower:
        if t.parent_id:
            children[t.parent_id].append(t)
    provincial_of = {t.pk for t in upper if t.program.level == Level.PROVINCIAL}
    committed = {t.program.agency.region_id for t in lower if t.parent_id in provincial_of}

    shown_regions = [r for r in regions if not region_code or r.code == region_code]
    groups, by_program, unsupported = [], {}, []
    for t in upper:
        below = children[t.pk]
        if t.program.level == Level.PROVINCIAL:
            contributions = below
            if not below:
                unsupported.append(t)
        else:
            contributions = [g for c in below if c.program.level == Level.PROVINCIAL for g in children[c.pk]]
        per_region = defaultdict(list)
        for c in contributions:
            per_region[c.program.agency.region_id].append(c)
        cells = []
        for region in shown_regions:
            cell = Cell(region=region, targets=per_region.get(region.code, []))
            if cell.targets:
                cell.value, cell.unit_mismatch = _sum(cell.targets, t.unit)
                cell.agreement_state = cell_state(cell.targets, agreed)
                reported = [c for c in cell.targets if c.pk in achieved and same_unit(c.unit, t.unit)]
                if reported:
                    cell.achieved = sum((achieved[c.pk] for c in reported), Decimal(0))
            cells.append(cell)
        # The total compares what the level right below commits with this target.
        total, warning = _sum(below, t.unit)
        row = Row(target=t, cells=cells, total=total, unit_warning=warning, supported=bool(below))
        if program_id and t.program_id != program_id:
            continue
        if t.program_id not in by_program:
            by_program[t.program_id] = Group(program=t.program, rows=[])
            groups.append(by_program[t.program_id])
        by_program[t.program_id].rows.append(row)

    seen, choices = set(), []
    for t in upper:
        if t.program_id not in seen:
            seen.add(t.program_id)
            choices.append(t.program)
    unlinked = [p for p in programs if not (p.has_children or p.links_up or p.links_down)]
    return Matrix(
        province=province,
        year=year,
        regions=shown_regions,
        groups=groups,
        unsupported=unsupported,
        uncommitted=[r for r in regions if r.code not in committed],
        unlinked=unlinked,
        program_choices=choices,
    )


def province_programs(province, year):
    """What the province does: its programs of the year with their targets (2 queries)."""
    return list(
        Program.objects.filter(fiscal_year=year, level=Level.PROVINCIAL, agency__region_id=province.code)
        .select_related("agency", "nomenclature", "parent")
        .prefetch_related("targets__parent__program__agency", "targets__children__program__agency")
        .order_by("nomenclature__code", "name", "pk")
    )


def regency_programs(region, year):
    """What a regency/city is responsible for: its agencies' programs and targets of the year."""
    return list(
        Program.objects.filter(fiscal_year=year, level=Level.REGENCY, agency__region_id=region.code)
        .select_related("agency", "nomenclature", "parent")
        .prefetch_related("targets__parent__program__agency")
        .order_by("agency__name", "nomenclature__code", "name", "pk")
    )
