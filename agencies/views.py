import secrets

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from agencies import imports, services
from agencies.forms import AgencyFilterForm, AgencyForm, ImportUploadForm, MembershipForm
from agencies.history import agency_history
from agencies.models import Agency, Level, Membership, Region
from rakor.http import query_without
from rakor.permissions import PermissionRequiredMixin, permission_required

IMPORT_SESSION_KEY = "agencies_import"


class BrowseMixin(PermissionRequiredMixin):
    """Agencies and regions: any signed-in user, each seeing the agencies visible to them."""

    permission_required = "agencies.browse"


class ManageMixin(PermissionRequiredMixin):
    """Adding, editing and importing agencies and members: organisers only (others: 404)."""

    permission_required = "agencies.manage"


manage_required = permission_required("agencies.manage")


class FromEitherEndPaginator(Paginator):
    """Pages past the middle are read from the end, in reverse order, then flipped back.

    ``OFFSET n`` makes the database walk n rows; the last page of 20,000 agencies walked (and
    sorted) all of them. Read backwards, the offset stays under half the rows and the last page
    costs what the first does. Needs a total order (the list sorts by ..., pk).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom <= self.count // 2 or not getattr(self.object_list, "ordered", False):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)


class AgencyList(BrowseMixin, ListView):
    template_name = "agencies/agency_list.html"
    paginate_by = 25
    paginator_class = FromEitherEndPaginator

    def get_queryset(self):
        self.filter_form = AgencyFilterForm(self.request.GET or None)
        visible = Agency.objects.visible_to(self.request.user)
        self.filtered = self.filter_form.filter(visible)
        # A correlated subquery, not a join + GROUP BY: with ~20,000 agencies the grouped join made
        # PostgreSQL aggregate every agency before it could sort and take the page's 25.
        members = (
            Membership.objects.filter(agency=OuterRef("pk"))
            .order_by()
            .values("agency")
            .annotate(n=Count("pk"))
        )
        return self.filtered.select_related("region__parent").annotate(
            member_count=Coalesce(Subquery(members.values("n")), 0)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_level = dict(self.filtered.order_by().values_list("level").annotate(n=Count("pk")))
        context["filter_form"] = self.filter_form
        context["level_counts"] = [(label, by_level.get(value, 0)) for value, label in Level.choices]
        context["query_string"] = query_without(self.request, "page")
        return context


class AgencyDetail(PermissionRequiredMixin, DetailView):
    permission_required = "agencies.view_agency"
    template_name = "agencies/agency_detail.html"
    context_object_name = "agency"

    def get_queryset(self):
        return (
            Agency.objects.visible_to(self.request.user)
            .select_related("region__parent")
            .prefetch_related(
                Prefetch("memberships", Membership.objects.select_related("user").order_by("user__username"))
            )
        )

    def get_context_data(self, membership_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("agencies.manage"):
            context["membership_form"] = membership_form or MembershipForm(agency=self.object)
            context["history"] = agency_history(self.object)
        return context


class MembershipAdd(AgencyDetail):
    """Add a member from the agency's page; a form with errors is shown again on that page."""

    http_method_names = ["post"]
    permission_required = "agencies.manage"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = MembershipForm(request.POST, agency=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(membership_form=form), status=422)
        membership = services.add_membership(
            self.object, user=form.cleaned_data["user"], role=form.cleaned_data["role"]
        )
        messages.success(
            request,
            _("%(user)s ditambahkan sebagai %(role)s.")
            % {"user": membership.user.get_username(), "role": membership.get_role_display().lower()},
        )
        return redirect(reverse("agencies:detail", args=[self.object.pk]) + "#anggota")


@require_POST
@manage_required
def membership_remove(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("user", "agency"), pk=pk)
    services.remove_membership(membership)
    messages.success(
        request,
        _("%(user)s tidak lagi menjadi anggota %(agency)s.")
        % {"user": membership.user.get_username(), "agency": membership.agency.name},
    )
    return redirect(reverse("agencies:detail", args=[membership.agency_id]) + "#anggota")


class AgencyCreate(ManageMixin, SuccessMessageMixin, CreateView):
    model = Agency
    form_class = AgencyForm
    template_name = "agencies/agency_form.html"
    success_message = gettext_lazy("Instansi %(name)s ditambahkan.")


class AgencyUpdate(ManageMixin, SuccessMessageMixin, UpdateView):
    form_class = AgencyForm
    template_name = "agencies/agency_form.html"
    context_object_name = "agency"
    success_message = gettext_lazy("Perubahan pada %(name)s disimpan.")

    def get_queryset(self):
        return Agency.objects.visible_to(self.request.user).select_related("region")


class AgencyImport(ManageMixin, TemplateView):
    """Upload -> preview (nothing written) -> confirm (all rows in one transaction)."""

    template_name = "agencies/agency_import.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportUploadForm())
        context["columns"] = IMPORT_COLUMN_DOCS
        context["max_rows"] = imports.MAX_ROWS
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_rows(upload)
        except imports.ImportFileError as exc:
            form.add_error("file", exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        plan = services.plan_import(rows)
        context = {"form": ImportUploadForm(), "plan": plan, "file_name": upload.name}
        if plan.errors:
            request.session.pop(IMPORT_SESSION_KEY, None)
            return self.render_to_response(self.get_context_data(**context), status=422)
        # The validated rows wait in the session (no file is kept); the token ties the confirm
        # button to this preview, so a stale tab cannot confirm another upload.
        token = secrets.token_urlsafe(16)
        request.session[IMPORT_SESSION_KEY] = {"token": token, "rows": rows, "file_name": upload.name}
        context["token"] = token
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request):
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token"):
            messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
            return redirect("agencies:import")
        try:
            counts = services.import_agencies(pending["rows"])
        except services.ImportRejected as exc:
            request.session.pop(IMPORT_SESSION_KEY, None)
            plan = services.ImportPlan(rows=[], errors=exc.errors, regions={})
            return self.render_to_response(self.get_context_data(plan=plan), status=422)
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(
            request,
            _(
                "Impor selesai: %(created)s instansi baru, %(updated)s diperbarui, "
                "%(unchanged)s tidak berubah."
            )
            % {"created": counts["create"], "updated": counts["update"], "unchanged": counts["unchanged"]},
        )
        return redirect("agencies:list")


IMPORT_COLUMN_DOCS = [
    ("nama", True, gettext_lazy("Nama lengkap instansi.")),
    ("nama_singkat", False, gettext_lazy("Singkatan, mis. DPMD Kukar.")),
    (
        "kode_wilayah",
        True,
        gettext_lazy(
            "Kode Kemendagri provinsi atau kabupaten/kota, mis. 64 atau 64.02; kosong = instansi pusat."
        ),
    ),
    ("alamat", False, gettext_lazy("Alamat kantor.")),
    ("telepon", False, gettext_lazy("Nomor telepon kantor.")),
    ("surel", False, gettext_lazy("Alamat surel resmi.")),
    ("nama_kepala", False, gettext_lazy("Nama kepala instansi.")),
    ("jabatan_kepala", False, gettext_lazy("Jabatan kepala, mis. Kepala Dinas.")),
    ("nip_kepala", False, gettext_lazy("NIP kepala: 18 angka.")),
]


@manage_required
def import_template(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            imports.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="templat-impor-instansi.{fmt}"'
    return response


class RegionList(BrowseMixin, ListView):
    template_name = "agencies/region_list.html"
    context_object_name = "provinces"

    def get_queryset(self):
        return Region.objects.provinces().annotate(children_count=Count("children")).order_by("code")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_province = dict(
            Agency.objects.visible_to(self.request.user)
            .exclude(region=None)
            .annotate(province=Substr("region_id", 1, 2))
            .order_by()
            .values_list("province")
            .annotate(n=Count("pk"))
        )
        for province in context["provinces"]:
            province.agency_count = per_province.get(province.code, 0)
        context["national_count"] = Agency.objects.visible_to(self.request.user).filter(region=None).count()
        return context


class RegionDetail(BrowseMixin, DetailView):
    template_name = "agencies/region_detail.html"
    context_object_name = "region"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return Region.objects.select_related("parent__parent__parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        visible = Agency.objects.visible_to(self.request.user)
        agency_count = Count("agencies", filter=Q(agencies__in=visible), distinct=True)
        children = region.children.annotate(children_count=Count("children", distinct=True)).annotate(
            agency_count=agency_count
        )
        context["children"] = Paginator(children.order_by("code"), 50).get_page(self.request.GET.get("page"))
        agencies = (
            visible.filter(region=region).select_related("region").annotate(member_count=Count("memberships"))
        )
        context["agencies"] = Paginator(agencies.order_by("name"), 25).get_page(
            self.request.GET.get("halaman_instansi")
        )
        ancestors, parent = [], region.parent
        while parent is not None:
            ancestors.insert(0, parent)
            parent = parent.parent if parent.parent_id else None
        context["ancestors"] = ancestors
        return context


@permission_required("agencies.browse")
def regency_options(request):
    """The <option>s of a province's regencies and cities, for the list's filter (htmx)."""
    form = AgencyFilterForm(request.GET)
    return render(request, "agencies/includes/_regency_options.html", {"field": form["kabkota"]})
