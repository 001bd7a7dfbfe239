"""The alignment matrix (page, XLSX, PDF), the cascade tree, and the province and regency pages.

Everyone with programs.view may read them: the point of the matrix is that each level sees what
the others commit to.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from agencies.models import Agency, Region
from programs import exports
from programs.matrix import build_matrix, province_programs, regency_programs
from programs.tree import build_tree
from programs.views.entry import default_year
from rakor.permissions import permission_required
from rakor.tabular import XLSX_CONTENT_TYPE

view_required = permission_required("programs.view")


def _province(code):
    return get_object_or_404(Region, code=code, kind=Region.Kind.PROVINCE)


def _int(value):
    return int(value) if value and value.isdigit() else None


def _matrix(request, province_code, year):
    province = _province(province_code)
    return build_matrix(
        province,
        year,
        program_id=_int(request.GET.get("program")),
        region_code=request.GET.get("wilayah") or None,
    )


def home_province(user):
    """The province the user works in: their first agency's, else the organiser's, else Kaltim."""
    agency = Agency.objects.visible_to(user).exclude(region=None).order_by("-is_organiser", "pk").first()
    if agency is None:
        agency = Agency.objects.organisers().exclude(region=None).order_by("pk").first()
    return agency.region_id.split(".")[0] if agency else "64"


@view_required
def matrix_index(request):
    return redirect("programs:matrix", province=home_province(request.user), year=default_year())


@view_required
def matrix(request, province, year):
    m = _matrix(request, province, year)
    context = {
        "matrix": m,
        "year": year,
        "provinces": Region.objects.provinces().order_by("code"),
        "selected_program": _int(request.GET.get("program")),
        "selected_region": request.GET.get("wilayah", ""),
        "all_regions": Region.objects.filter(
            parent=m.province, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]
        ).order_by("code"),
        "query": request.GET.urlencode(),
    }
    return render(request, "programs/matrix.html", context)


@view_required
def matrix_xlsx(request, province, year):
    m = _matrix(request, province, year)
    response = HttpResponse(exports.matrix_xlsx(m), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="matriks-{province}-{year}.xlsx"'
    return response


@view_required
def matrix_pdf(request, province, year):
    m = _matrix(request, province, year)
    organiser = Agency.objects.organisers().filter(region_id=province).order_by("pk").first()
    response = HttpResponse(exports.matrix_pdf(m, organiser), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="matriks-{province}-{year}.pdf"'
    return response


@view_required
def tree(request, province, year):
    region = _province(province)
    return render(
        request,
        "programs/tree.html",
        {
            "province": region,
            "year": year,
            "tree": build_tree(region, year),
            "matrix_url": reverse("programs:matrix", args=[province, year]),
        },
    )


@view_required
def province_page(request, province, year):
    region = _province(province)
    regions = Region.objects.filter(parent=region, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).order_by(
        "code"
    )
    return render(
        request,
        "programs/province.html",
        {"province": region, "year": year, "programs": province_programs(region, year), "regions": regions},
    )


@view_required
def regency_page(request, code, year):
    region = get_object_or_404(
        Region.objects.select_related("parent"), code=code, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]
    )
    return render(
        request,
        "programs/regency.html",
        {"region": region, "year": year, "programs": regency_programs(region, year)},
    )
