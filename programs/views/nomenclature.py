"""The nomenclature list (everyone with programs.view) and the import of a newer edition (organisers)."""

import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs import nomenclature
from programs.forms import NomenclatureImportForm
from programs.models import Nomenclature, NomenclatureEdition
from rakor.permissions import permission_required
from rakor.tabular import ImportFileError

SESSION_KEY = "nomenclature_import"
COLUMN_DOCS = [
    ("code", True, gettext_lazy("Kode bertitik, mis. 2.13.04.2.01.")),
    ("level", True, gettext_lazy("urusan, bidang, program, kegiatan atau sub_kegiatan.")),
    ("name", True, gettext_lazy("Nama sesuai lampiran.")),
    ("authority", True, gettext_lazy("provinsi, kabkota atau both.")),
    ("source", False, gettext_lazy("Sumber baris.")),
    (
        "note",
        False,
        gettext_lazy("Catatan; UNVERIFIED/BELUM DIVERIFIKASI menandai baris belum diverifikasi."),
    ),
    ("unverified", False, gettext_lazy("1/ya bila belum diverifikasi.")),
]


@permission_required("programs.view")
def nomenclature_list(request):
    editions = list(NomenclatureEdition.objects.all())
    selected = request.GET.get("edisi", "")
    edition = next((e for e in editions if str(e.pk) == selected), editions[0] if editions else None)
    rows = Nomenclature.objects.filter(edition=edition).order_by("code", "authority") if edition else []
    return render(
        request, "programs/nomenclature_list.html", {"editions": editions, "edition": edition, "rows": rows}
    )


@permission_required("programs.manage")
def nomenclature_import(request):
    template = "programs/nomenclature_import.html"
    context = {"form": NomenclatureImportForm(), "columns": COLUMN_DOCS, "max_rows": nomenclature.MAX_ROWS}
    if request.method != "POST":
        return render(request, template, context)
    if "confirm" in request.POST:
        pending = request.session.pop(SESSION_KEY, None)
        if not pending or pending["token"] != request.POST.get("token"):
            messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
            return redirect("programs:nomenclature_import")
        try:
            edition, count = nomenclature.import_edition(
                pending["rows"], regulation=pending["regulation"], year=pending["year"]
            )
        except nomenclature.ImportRejected as exc:
            context["plan"] = nomenclature.NomenclaturePlan(errors=exc.errors)
            return render(request, template, context, status=422)
        messages.success(
            request,
            _("Nomenklatur %(edition)s: %(count)s kode disimpan.") % {"edition": edition, "count": count},
        )
        return redirect(reverse("programs:nomenclature") + f"?edisi={edition.pk}")
    form = NomenclatureImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, template, context, status=422)
    try:
        rows = nomenclature.read_upload(form.cleaned_data["file"])
    except ImportFileError as exc:
        form.add_error("file", exc.message)
        return render(request, template, context, status=422)
    plan = nomenclature.plan_rows(rows)
    context.update(plan=plan, file_name=form.cleaned_data["file"].name)
    if plan.errors:
        return render(request, template, context, status=422)
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "rows": rows,
        "regulation": form.cleaned_data["regulation"],
        "year": form.cleaned_data["year"],
    }
    context.update(token=token, regulation=form.cleaned_data["regulation"], year=form.cleaned_data["year"])
    return render(request, template, context)
