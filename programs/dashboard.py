"""Home page cards: organisers see the alignment matrix's gaps; coordinators their agency's targets."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Region
from programs.matrix import build_matrix
from programs.models import Program, Target
from programs.models.realization import PERIOD_END_MONTH, Period
from rakor.dashboard import ATTENTION, OVERVIEW, Item, Section


def sections(user):
    if not user.has_perm("programs.view"):
        return
    year = Program.objects.aggregate(year=Max("fiscal_year"))["year"]
    if year is None:
        return
    if user.has_perm("programs.manage"):
        agency = Agency.objects.visible_to(user).organisers().exclude(region=None).order_by("pk").first()
        code = agency.region_id.split(".")[0] if agency else "64"
        province = Region.objects.filter(code=code).first()
        if province is not None:
            matrix = build_matrix(province, year)
            url = reverse("programs:matrix", args=[code, year])
            yield Section(
                title=_("Celah keselarasan program %(year)s") % {"year": year},
                icon="bi-grid-3x3",
                items=[
                    Item(_("Target provinsi tanpa dukungan"), url=url, count=len(matrix.unsupported)),
                    Item(_("Kabupaten/kota tanpa komitmen"), url=url, count=len(matrix.uncommitted)),
                    Item(_("Program tidak terhubung"), url=url, count=len(matrix.unlinked)),
                ],
                link_url=url,
                link_label=_("Buka matriks %(province)s") % {"province": province.name},
                order=300,
                group=ATTENTION,
            )
    if user.has_perm("meetings.coordinate"):
        targets = (
            Target.objects.filter(
                program__agency__in=Agency.objects.coordinated_by(user), program__fiscal_year=year
            )
            .select_related("program__agency", "parent")
            .order_by("program__agency__name", "pk")[:10]
        )
        yield Section(
            title=_("Target instansi Anda %(year)s") % {"year": year},
            icon="bi-bullseye",
            items=[
                Item(
                    t.indicator,
                    url=t.get_absolute_url(),
                    detail=f"{t.program.agency.short_name or t.program.agency.name} · "
                    f"{t.value.normalize():f} {t.unit}",
                    badge="" if t.parent_id else str(_("belum terhubung")),
                )
                for t in targets
            ],
            empty_text=_("Instansi Anda belum memiliki target tahun ini."),
            link_url=reverse("programs:list") + f"?tahun={year}",
            link_label=_("Kelola program dan target"),
            order=310,
            group=OVERVIEW,
        )
        yield from _missing_realization(user, year)


def last_period(year, today=None):
    """The last quarter of fiscal ``year`` that has ended by ``today`` (None before the first)."""
    today = today or timezone.localdate()
    if year < today.year:
        return Period.Q4
    if year > today.year or today.month <= 3:
        return None
    return [Period.Q1, Period.Q2, Period.Q3][(today.month - 1) // 3 - 1]


def _missing_realization(user, year):
    """Coordinators: their agencies' targets of ``year`` without a report for its last ended
    quarter or a later period (one query, at most ten shown)."""
    period = last_period(year)
    if period is None:
        return
    covering = [p for p, month in PERIOD_END_MONTH.items() if month >= PERIOD_END_MONTH[period]]
    targets = list(
        Target.objects.filter(
            program__agency__in=Agency.objects.coordinated_by(user), program__fiscal_year=year
        )
        .exclude(realizations__period__in=covering)
        .select_related("program__agency")
        .order_by("program__agency__name", "pk")[:10]
    )
    if not targets:
        return
    agency = targets[0].program.agency
    yield Section(
        title=_("Target tanpa realisasi %(period)s %(year)s") % {"period": period.label, "year": year},
        icon="bi-clipboard-data",
        items=[
            Item(
                t.indicator,
                url=reverse("programs:realization_report", args=[t.pk]) + f"?periode={period.value}",
                detail=t.program.agency.short_name or t.program.agency.name,
            )
            for t in targets
        ],
        link_url=reverse("programs:realization_agency", args=[agency.pk, year]),
        link_label=_("Laporkan realisasi"),
        order=320,
        group=ATTENTION,
    )
