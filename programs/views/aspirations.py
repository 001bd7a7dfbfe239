"""Aspirations of kiprah desa visits: the list with filters and counts per regency/city, the XLSX
export, and the form that suggests similar aspirations of the same village before saving."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from programs import aspirations as services
from programs.forms import AspirationFilterForm, AspirationForm
from programs.models import Aspiration
from programs.models.aspirations import village_label
from rakor.permissions import permission_required
from rakor.tabular import XLSX_CONTENT_TYPE


def _filtered(request):
    form = AspirationFilterForm(request.GET or None)
    qs = Aspiration.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        qs = services.filtered(
            qs,
            regency=data["wilayah"].code if data["wilayah"] else "",
            status=data["status"],
            field=data["bidang"],
        )
    return form, qs


@permission_required("programs.view")
def aspiration_list(request):
    form, qs = _filtered(request)
    rows = list(qs.select_related("meeting", "village").prefetch_related("programs")[:200])
    for a in rows:
        a.village_label = village_label(a.village)
    return render(
        request,
        "programs/aspiration_list.html",
        {
            "filter_form": form,
            "aspirations": rows,
            "counts": services.counts_per_regency(qs),
            "total": qs.count(),
            "query": request.GET.urlencode(),
            "can_record": request.user.has_perm("programs.record_aspiration"),
        },
    )


@permission_required("programs.view")
def aspiration_xlsx(request):
    _form, qs = _filtered(request)
    response = HttpResponse(services.export_xlsx(qs), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="aspirasi.xlsx"'
    return response


def _edit(request, instance):
    form = AspirationForm(request.POST or None, instance=instance)
    similar = []
    status = 200
    if request.method == "POST" and form.is_valid():
        aspiration = form.save(commit=False)
        if not request.POST.get("confirm_new"):
            similar = services.similar_aspirations(
                aspiration.village, aspiration.text, exclude=instance if instance.pk else None
            )
        if not similar:
            try:
                services.save_aspiration(aspiration, programs=form.cleaned_data["programs"], by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Aspirasi disimpan."))
                return redirect("programs:aspirations")
    if form.errors:
        status = 422
    for a in similar:
        a.village_label = village_label(a.village)
    return render(
        request,
        "programs/aspiration_form.html",
        {"form": form, "similar": similar, "object": instance},
        status=status,
    )


@permission_required("programs.record_aspiration")
def aspiration_create(request):
    return _edit(request, Aspiration())


@permission_required("programs.record_aspiration")
def aspiration_update(request, pk):
    return _edit(request, get_object_or_404(Aspiration, pk=pk))
