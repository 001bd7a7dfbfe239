"""Entering programs and targets: the list per year, program and target forms, the XLSX bulk entry.

Coordinators see and edit their own agencies' programs; organisers all. Someone else's program or
target is a 404 (the querysets are scoped to the user, then the permission layer checks).
"""

import secrets

from django.contrib import messages
from django.db.models import Max, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from agencies.models import Agency
from programs import services, target_import
from programs.forms import ProgramFilterForm, ProgramForm, TargetForm, TargetImportForm
from programs.models import Program, Target
from rakor.permissions import PermissionRequiredMixin, permission_required
from rakor.tabular import XLSX_CONTENT_TYPE, ImportFileError

IMPORT_SESSION_KEY = "programs_import"


def default_year():
    latest = Program.objects.aggregate(year=Max("fiscal_year"))["year"]
    return latest or timezone.localdate().year + 1


def year_of(request):
    value = request.GET.get("tahun", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default_year()


class ProgramList(PermissionRequiredMixin, ListView):
    permission_required = "programs.view"
    template_name = "programs/program_list.html"
    context_object_name = "programs"
    paginate_by = 50

    def get_queryset(self):
        self.year = year_of(self.request)
        self.filter_form = ProgramFilterForm(self.request.GET or None, user=self.request.user)
        qs = (
            Program.objects.filter(fiscal_year=self.year)
            .select_related("agency__region", "nomenclature", "parent__agency")
            .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("pk")))
            .order_by("level", "agency__region_id", "nomenclature__code", "name", "pk")
        )
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["tingkat"]:
                qs = qs.filter(level=data["tingkat"])
            if data["instansi"]:
                qs = qs.filter(agency=data["instansi"])
            if data["wilayah"]:
                code = data["wilayah"].code
                qs = qs.filter(Q(agency__region_id=code) | Q(agency__region__code__startswith=f"{code}."))
        return qs

    def get_context_data(self, **kwargs):
        editable = set(
            Program.objects.editable_by(self.request.user)
            .filter(fiscal_year=self.year)
            .values_list("pk", flat=True)
        )
        years = list(
            Program.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        own = Agency.objects.visible_to(self.request.user).select_related("region")[:50]
        return super().get_context_data(
            year=self.year,
            filter_form=self.filter_form,
            editable=editable,
            years=years,
            own_agencies=own,
            **kwargs,
        )


class ProgramDetail(PermissionRequiredMixin, DetailView):
    permission_required = "programs.view"
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.select_related(
            "agency__region", "nomenclature__edition", "parent__agency"
        ).prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.select_related("parent__program__agency").prefetch_related(
                    "children__program__agency"
                ),
            ),
            "children__agency",
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_edit=user.has_perm("programs.edit_program", self.object), **kwargs
        )


class ProgramCreate(PermissionRequiredMixin, CreateView):
    permission_required = "programs.add_program"
    form_class = ProgramForm
    template_name = "programs/program_form.html"

    def get_initial(self):
        return {"fiscal_year": year_of(self.request)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        self.object = services.save_program(form.instance)
        messages.success(self.request, _("Program disimpan. Tambahkan targetnya."))
        return redirect(self.object)


class ProgramUpdate(PermissionRequiredMixin, UpdateView):
    permission_required = "programs.edit_program"
    form_class = ProgramForm
    template_name = "programs/program_form.html"

    def get_queryset(self):
        return Program.objects.editable_by(self.request.user).select_related("agency")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        self.object = services.save_program(form.instance)
        messages.success(self.request, _("Program disimpan."))
        return redirect(self.object)


class TargetEditMixin(PermissionRequiredMixin):
    permission_required = "programs.edit_program"
    form_class = TargetForm
    template_name = "programs/target_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)

    def form_valid(self, form):
        services.save_target(form.instance)
        messages.success(self.request, _("Target disimpan."))
        return redirect(self.program)


class TargetCreate(TargetEditMixin, CreateView):
    def get_permission_object(self):
        self.program = get_object_or_404(
            Program.objects.editable_by(self.request.user).select_related("agency"), pk=self.kwargs["pk"]
        )
        return self.program


class TargetUpdate(TargetEditMixin, UpdateView):
    def get_queryset(self):
        return Target.objects.editable_by(self.request.user).select_related("program__agency")

    def get_permission_object(self):
        target = self.get_object()
        self.program = target.program
        return target


def _editable_target(request, pk):
    return get_object_or_404(Target.objects.editable_by(request.user).select_related("program"), pk=pk)


@require_POST
@permission_required("programs.edit_program", fn=_editable_target)
def target_delete(request, pk):
    target = request.permission_object
    if target.children.exists():
        messages.error(request, _("Target ini didukung target lain; lepaskan dulu tautannya."))
    else:
        services.delete_target(target)
        messages.success(request, _("Target dihapus."))
    return redirect(target.program)


def _agency_of(request, agency_id, *args, **kwargs):
    return get_object_or_404(Agency.objects.visible_to(request.user), pk=agency_id)


@permission_required("programs.edit_program", fn=_agency_of)
def import_template(request, agency_id, year):
    agency = request.permission_object
    response = HttpResponse(target_import.template_xlsx(agency, year), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="target-{agency.pk}-{year}.xlsx"'
    return response


IMPORT_COLUMN_DOCS = [
    ("id_target", False, gettext_lazy("Kosong untuk target baru; isi dari templat untuk mengubah target.")),
    ("kode_nomenklatur", True, gettext_lazy("Kode program/kegiatan/sub kegiatan sesuai kewenangan.")),
    ("nama_program", True, gettext_lazy("Baris dengan kode dan nama sama masuk satu program.")),
    ("pagu", False, gettext_lazy("Pagu indikatif dalam rupiah, angka ≥ 0.")),
    (
        "sumber_dana",
        False,
        gettext_lazy("APBN, APBD Provinsi, APBD Kabupaten/Kota, DAK, Dana Desa, Lainnya."),
    ),
    ("indikator", True, gettext_lazy("Indikator kinerja.")),
    ("satuan", True, gettext_lazy("Satuan, mis. desa, orang, dokumen.")),
    ("baseline", False, gettext_lazy("Angka ≥ 0.")),
    ("target", True, gettext_lazy("Nilai target, angka ≥ 0.")),
    ("id_target_induk", False, gettext_lazy("Id target satu tingkat di atas (lembar target_induk).")),
]


@permission_required("programs.edit_program", fn=_agency_of)
def import_targets(request, agency_id, year):
    """Upload -> preview with row errors (nothing written) -> confirm (all rows or none)."""
    agency = request.permission_object
    context = {
        "agency": agency,
        "year": year,
        "form": TargetImportForm(),
        "columns": IMPORT_COLUMN_DOCS,
        "max_rows": target_import.MAX_ROWS,
    }
    template = "programs/target_import.html"
    if request.method != "POST":
        return render(request, template, context)
    if "confirm" in request.POST:
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token") or pending["agency"] != agency.pk:
            messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
            return redirect(request.path)
        request.session.pop(IMPORT_SESSION_KEY, None)
        try:
            counts = target_import.import_targets(pending["rows"], agency=agency, year=year)
        except target_import.ImportRejected as exc:
            context["plan"] = target_import.TargetPlan(errors=exc.errors)
            return render(request, template, context, status=422)
        messages.success(
            request,
            _("Impor selesai: %(create)s target baru, %(update)s diperbarui.")
            % {"create": counts["create"], "update": counts["update"]},
        )
        return redirect(reverse("programs:list") + f"?tahun={year}&instansi={agency.pk}")
    form = TargetImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, template, context, status=422)
    upload = form.cleaned_data["file"]
    try:
        rows = target_import.read_upload(upload)
    except ImportFileError as exc:
        form.add_error("file", exc.message)
        return render(request, template, context, status=422)
    plan = target_import.plan_import(rows, agency=agency, year=year)
    context.update(plan=plan, file_name=upload.name, form=TargetImportForm())
    if plan.errors:
        request.session.pop(IMPORT_SESSION_KEY, None)
        return render(request, template, context, status=422)
    token = secrets.token_urlsafe(16)
    request.session[IMPORT_SESSION_KEY] = {"token": token, "rows": rows, "agency": agency.pk}
    context["token"] = token
    return render(request, template, context)
