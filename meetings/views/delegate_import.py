"""Delegate import from CSV/XLSX: upload -> preview -> confirm (all or none).

Two doors, one code path: organisers import for any invited agency of a meeting; an agency's
coordinator imports through their own agency's (sent) invitation only, every row registering for
that agency. ``ImportScope`` says which, and carries the URLs and session key of each door.
"""

import secrets
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import Invitation, Meeting
from meetings.services import imports
from meetings.services.errors import RegistrationClosed
from meetings.services.registration import check_window
from meetings.views.coordinator import closed_message
from meetings.views.staff import organiser_required
from rakor import tabular
from rakor.permissions import permission_required

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
OWN_AGENCY_DOC = gettext_lazy("Boleh dikosongkan; bila diisi, harus nama atau nama singkat instansi Anda.")


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


@dataclass
class ImportScope:
    """Whose import this is: an organiser's for the whole ``meeting``, or a coordinator's for one
    ``invitation`` (then the registration window applies, as on the coordinator's form)."""

    meeting: Meeting
    invitation: Invitation | None = None

    @property
    def session_key(self):
        suffix = self.meeting.pk if self.invitation is None else f"{self.meeting.pk}:{self.invitation.pk}"
        return SESSION_KEY.format(suffix)

    @property
    def import_url(self):
        if self.invitation is None:
            return reverse("meetings:registrations_import", args=[self.meeting.pk])
        return reverse("meetings:coordinator_import", args=[self.invitation.pk])

    @property
    def done_url(self):
        if self.invitation is None:
            return reverse("meetings:registrations", args=[self.meeting.pk])
        return reverse("meetings:coordinator_invitation", args=[self.invitation.pk])

    def template_url(self, fmt):
        if self.invitation is None:
            return reverse("meetings:registrations_import_template", args=[self.meeting.pk, fmt])
        return reverse("meetings:coordinator_import_template", args=[self.invitation.pk, fmt])

    @cached_property
    def questions(self):
        """The meeting's registration questions, read once (each one is a column)."""
        return list(self.meeting.questions.all())

    @property
    def columns(self):
        standard = COLUMN_DOCS
        if self.invitation is not None:
            standard = [
                (name, False, OWN_AGENCY_DOC) if name == "instansi" else (name, required, doc)
                for name, required, doc in COLUMN_DOCS
            ]
        return standard + imports.question_column_docs(self.questions)


def _render(request, scope, status=200, **context):
    context.setdefault("form", DelegateImportForm())
    context.update(
        meeting=scope.meeting,
        invitation=scope.invitation,
        import_url=scope.import_url,
        template_xlsx_url=scope.template_url("xlsx"),
        template_csv_url=scope.template_url("csv"),
        columns=scope.columns,
        max_rows=imports.MAX_ROWS,
    )
    return render(request, "meetings/invitations/delegate_import.html", context, status=status)


def _closed(scope):
    """For a coordinator outside the registration window: the reason, else None."""
    if scope.invitation is None:
        return None
    try:
        check_window(scope.meeting)
    except RegistrationClosed as closed:
        return closed_message(closed)
    return None


def _import(request, scope):
    """The upload form, the preview with row errors, and the confirm button, for either scope."""
    closed = _closed(scope)
    if closed:
        messages.error(request, closed)
        return redirect(scope.done_url)
    if request.method != "POST":
        return _render(request, scope)
    if "confirm" in request.POST:
        return _confirm(request, scope)
    form = DelegateImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, scope, status=422, form=form)
    upload = form.cleaned_data["file"]
    try:
        rows = imports.read_rows(upload, scope.questions, scope.invitation)
    except tabular.ImportFileError as exc:
        form.add_error("file", exc.message)
        return _render(request, scope, status=422, form=form)
    plan = imports.plan_import(scope.meeting, rows, scope.invitation)
    if plan.errors:
        request.session.pop(scope.session_key, None)
        return _render(request, scope, status=422, plan=plan, file_name=upload.name)
    # The validated rows wait in the session (the file is not kept); the token ties the confirm
    # button to this preview, so a stale tab cannot confirm another upload.
    token = secrets.token_urlsafe(16)
    request.session[scope.session_key] = {"token": token, "rows": rows}
    return _render(request, scope, plan=plan, file_name=upload.name, token=token)


def _confirm(request, scope):
    pending = request.session.get(scope.session_key)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
        return redirect(scope.import_url)
    request.session.pop(scope.session_key, None)
    try:
        registrations = imports.import_delegates(
            scope.meeting, pending["rows"], by=request.user, invitation=scope.invitation
        )
    except imports.ImportRejected as exc:
        plan = imports.ImportPlan(rows=[], errors=exc.errors)
        return _render(request, scope, status=422, plan=plan)
    except RegistrationClosed as closed:  # the window closed between the preview and the confirm
        messages.error(request, closed_message(closed))
        return redirect(scope.done_url)
    waiting = sum(1 for r in registrations if r.status == imports.Status.WAITLISTED)
    messages.success(
        request,
        _("Impor selesai: %(count)s peserta didaftarkan, %(waiting)s di antaranya masuk Daftar Tunggu.")
        % {"count": len(registrations), "waiting": waiting},
    )
    return redirect(scope.done_url)


def _template(scope, fmt):
    if fmt == "xlsx":
        content = imports.template_xlsx(scope.questions, scope.invitation)
        content_type = tabular.XLSX_CONTENT_TYPE
    elif fmt == "csv":
        content = imports.template_csv(scope.questions, scope.invitation)
        content_type = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-impor-peserta.{fmt}"'
    return response


def _meeting_scope(request, pk):
    return ImportScope(get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk))


def _own_invitation(request, pk, fmt=None):
    """The coordinator's own agency's sent, active invitation; anyone else's is a 404."""
    queryset = Invitation.objects.coordinated_by(request.user).active().sent()
    return get_object_or_404(queryset.select_related("meeting", "agency"), pk=pk)


coordinator_import_required = permission_required("meetings.import_agency_delegates", fn=_own_invitation)


@organiser_required
def import_delegates(request, pk):
    """Impor peserta (organisers): delegates of any invited agency of the meeting."""
    return _import(request, _meeting_scope(request, pk))


@organiser_required
def import_template(request, pk, fmt):
    """The delegate import template (CSV or XLSX) with one example row."""
    return _template(_meeting_scope(request, pk), fmt)


@coordinator_import_required
def coordinator_import(request, pk):
    """Impor peserta (a coordinator): their own agency's delegates, through its invitation."""
    invitation = request.permission_object
    return _import(request, ImportScope(invitation.meeting, invitation))


@coordinator_import_required
def coordinator_import_template(request, pk, fmt):
    """The import template whose example row names the coordinator's own agency."""
    invitation = request.permission_object
    return _template(ImportScope(invitation.meeting, invitation), fmt)
