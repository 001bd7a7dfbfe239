"""Organisers import delegates of a meeting from CSV/XLSX: upload -> preview -> confirm (all or none)."""

import secrets

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import Meeting
from meetings.services import imports
from meetings.views.staff import organiser_required
from rakor import tabular

SESSION_KEY = "meetings:delegate-import:{}"
COLUMN_DOCS = [
    ("nama", True, gettext_lazy("Nama lengkap dengan gelar.")),
    ("nip", False, gettext_lazy("NIP 18 angka; kosongkan bila bukan ASN.")),
    ("jabatan", True, gettext_lazy("Jabatan peserta.")),
    ("jenis_kelamin", True, gettext_lazy("L atau P.")),
    ("telepon", True, gettext_lazy("Nomor HP.")),
    ("surel", True, gettext_lazy("Alamat surel; satu pendaftaran per surel dalam rapat ini.")),
    ("instansi", True, gettext_lazy("Nama atau nama singkat instansi yang diundang.")),
]


class DelegateImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        help_text=gettext_lazy("Paling besar 2 MB; baris pertama berisi nama kolom."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > tabular.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar %(size)s.")
                % {"size": filesizeformat(tabular.MAX_UPLOAD_BYTES)}
            )
        return upload


def _render(request, meeting, status=200, **context):
    context.setdefault("form", DelegateImportForm())
    questions = imports.question_column_docs(meeting.questions.all())
    context.update(meeting=meeting, columns=COLUMN_DOCS + questions, max_rows=imports.MAX_ROWS)
    return render(request, "meetings/invitations/delegate_import.html", context, status=status)


@organiser_required
def import_delegates(request, pk):
    """Impor peserta: the upload form, the preview with row errors, and the confirm button."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    key = SESSION_KEY.format(meeting.pk)
    if request.method != "POST":
        return _render(request, meeting)
    if "confirm" in request.POST:
        return _confirm(request, meeting, key)
    form = DelegateImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, meeting, status=422, form=form)
    upload = form.cleaned_data["file"]
    try:
        rows = imports.read_rows(upload, meeting.questions.all())
    except tabular.ImportFileError as exc:
        form.add_error("file", exc.message)
        return _render(request, meeting, status=422, form=form)
    plan = imports.plan_import(meeting, rows)
    if plan.errors:
        request.session.pop(key, None)
        return _render(request, meeting, status=422, plan=plan, file_name=upload.name)
    # The validated rows wait in the session (the file is not kept); the token ties the confirm
    # button to this preview, so a stale tab cannot confirm another upload.
    token = secrets.token_urlsafe(16)
    request.session[key] = {"token": token, "rows": rows}
    return _render(request, meeting, plan=plan, file_name=upload.name, token=token)


def _confirm(request, meeting, key):
    pending = request.session.get(key)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
        return redirect("meetings:registrations_import", meeting.pk)
    request.session.pop(key, None)
    try:
        registrations = imports.import_delegates(meeting, pending["rows"], by=request.user)
    except imports.ImportRejected as exc:
        plan = imports.ImportPlan(rows=[], errors=exc.errors)
        return _render(request, meeting, status=422, plan=plan)
    waiting = sum(1 for r in registrations if r.status == imports.Status.WAITLISTED)
    messages.success(
        request,
        _("Impor selesai: %(count)s peserta didaftarkan, %(waiting)s di antaranya masuk Daftar Tunggu.")
        % {"count": len(registrations), "waiting": waiting},
    )
    return redirect("meetings:registrations", meeting.pk)


@organiser_required
def import_template(request, pk, fmt):
    """The delegate import template (CSV or XLSX) with one example row."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    questions = meeting.questions.all()
    if fmt == "xlsx":
        response = HttpResponse(imports.template_xlsx(questions), content_type=tabular.XLSX_CONTENT_TYPE)
    elif fmt == "csv":
        response = HttpResponse(imports.template_csv(questions), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="templat-impor-peserta.{fmt}"'
    return response
