"""Pages of the minutes: the list, the editor of a meeting's minutes, versions and comparison.

Note-takers and organisers write (``minutes.write``); organisers comment, finalise, reopen and
publish (rakor/permissions.py). Anyone else gets a 404; anonymous users the login page. The
services refuse every change to final minutes whatever a page shows; the pages say so.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.http import document_response
from meetings.models import AgendaItem, Meeting
from minutes import services
from minutes.compare import compare_versions
from minutes.forms import ActionForm, CommentForm, CompareForm, DecisionForm, DetailsForm
from minutes.models import ActionItem, Decision, ItemNote, Minutes, MinutesVersion, ReviewComment
from rakor.permissions import permission_required


def meetings_for_minutes(user):
    """Meetings whose minutes the user may see: all of them for note-takers and organisers."""
    return Meeting.objects.all() if user.has_perm("minutes.write") else Meeting.objects.none()


def get_minutes(request, meeting_pk, **kwargs):
    """The minutes of a meeting the user may see, or 404 (the permission object of the views)."""
    meetings = meetings_for_minutes(request.user)
    return get_object_or_404(
        Minutes.objects.select_related("meeting", "meeting__organiser").filter(meeting__in=meetings),
        meeting_id=meeting_pk,
    )


def _back(minutes, anchor=""):
    return redirect(minutes.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def _refused(request, minutes, anchor="", error=None):
    """Say why nothing changed: the minutes are final, or being finalised (``error``)."""
    if isinstance(error, services.MinutesFinalising):
        messages.error(request, _("Notula sedang difinalkan: isinya terkunci sampai dokumen terbit."))
    else:
        messages.error(
            request, _("Notula sudah final dan tidak dapat diubah. Buka koreksi untuk mengubahnya.")
        )
    return _back(minutes, anchor)


def _invalid(request, form, minutes, anchor):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back(minutes, anchor)


@require_GET
@permission_required("minutes.write")
def minutes_list(request):
    """Meetings with the state of their minutes, latest first."""
    meetings = (
        meetings_for_minutes(request.user).select_related("minutes", "organiser").order_by("-start", "-pk")
    )
    page = Paginator(meetings, 20).get_page(request.GET.get("page"))
    return render(request, "minutes/minutes_list.html", {"page_obj": page, "meetings": page.object_list})


@require_GET
@permission_required("minutes.write")
def editor(request, meeting_pk):
    """The minutes of a meeting: details, a note per agenda item, decisions, actions, versions."""
    meeting = get_object_or_404(meetings_for_minutes(request.user).with_agenda(), pk=meeting_pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    context = {"meeting": meeting, "minutes": minutes}
    if minutes is not None:
        minutes.meeting = meeting
        notes = {
            note.agenda_item_id: note
            for note in ItemNote.objects.filter(minutes=minutes).select_related("updated_by")
        }
        comments = list(ReviewComment.objects.filter(minutes=minutes).select_related("author"))
        items = [
            {
                "item": item,
                "session": session,
                "note": notes.get(item.pk),
                "comments": [c for c in comments if c.agenda_item_id == item.pk],
            }
            for session in meeting.sessions.all()
            for item in session.items.all()
        ]
        context.update(
            items=items,
            general_comments=[c for c in comments if c.agenda_item_id is None],
            details_form=DetailsForm(instance=minutes),
            decisions=list(Decision.objects.filter(minutes=minutes).order_by("order", "pk")),
            actions=list(
                ActionItem.objects.filter(minutes=minutes).select_related("agency").order_by("order", "pk")
            ),
            agencies=list(ActionForm(meeting=meeting).fields["agency"].queryset),
            statuses=ActionItem.Status.choices,
            versions=list(
                minutes.versions.defer("snapshot")
                .select_related("document", "finalised_by")
                .order_by("-number")
            ),
            missing=services.missing_for_final(minutes) if minutes.is_editable else [],
        )
    return render(request, "minutes/editor.html", context)


@require_POST
@permission_required("minutes.write")
def start(request, meeting_pk):
    meeting = get_object_or_404(meetings_for_minutes(request.user), pk=meeting_pk)
    minutes = services.start_minutes(meeting, by=request.user)
    return _back(minutes)


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def details(request, meeting_pk):
    minutes = request.permission_object
    form = DetailsForm(request.POST, instance=Minutes.objects.get(pk=minutes.pk))
    if not form.is_valid():
        return _invalid(request, form, minutes, "rincian")
    try:
        services.update_details(
            minutes, by=request.user, **{f: form.cleaned_data[f] for f in services.DETAIL_FIELDS}
        )
    except services.MinutesFinal as error:
        return _refused(request, minutes, "rincian", error)
    messages.success(request, _("Rincian notula disimpan."))
    return _back(minutes, "rincian")


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def save_note(request, meeting_pk, item_pk):
    """Autosave of one note (htmx), or a plain form post. Answers the note's state partial."""
    minutes = request.permission_object
    item = get_object_or_404(
        AgendaItem.objects.select_related("session"), pk=item_pk, session__meeting_id=meeting_pk
    )
    text = request.POST.get("text", "")
    try:
        revision = int(request.POST.get("overwrite") or request.POST.get("revision") or 0)
    except ValueError:
        revision = -1
    context = {"meeting": minutes.meeting, "item": item, "text": text}
    try:
        context["note"] = services.save_note(minutes, item, text, revision=revision, by=request.user)
        context["saved"] = True
    except services.StaleNote as stale:
        context.update(note=stale.note, stale=True, revision=revision)
    except services.MinutesFinal as error:
        finalising = isinstance(error, services.MinutesFinalising)
        context.update(final=True, finalising=finalising, revision=revision)
    if not request.htmx:
        if context.get("saved"):
            messages.success(request, _("Catatan disimpan."))
        else:
            messages.error(
                request, _("Catatan tidak disimpan: telah diubah orang lain atau notula sudah final.")
            )
        return _back(minutes, f"mata-acara-{item.pk}")
    return render(request, "minutes/includes/_note_state.html", context)


def _child_form(request, minutes, form_class, instance=None):
    return form_class(request.POST, instance=instance, meeting=minutes.meeting)


def _change(request, minutes, anchor, change, done):
    """Run ``change`` (a service call); final minutes refuse it, whatever the page showed."""
    try:
        change()
    except services.MinutesFinal as error:
        return _refused(request, minutes, anchor, error)
    messages.success(request, done)
    return _back(minutes, anchor)


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def decision_save(request, meeting_pk, pk=None):
    """Add a decision (no pk) or change one."""
    minutes = request.permission_object
    decision = get_object_or_404(Decision, pk=pk, minutes=minutes) if pk else None
    form = _child_form(request, minutes, DecisionForm, decision)
    if not form.is_valid():
        return _invalid(request, form, minutes, "kesimpulan")
    fields = {"text": form.cleaned_data["text"], "agenda_item": form.cleaned_data["agenda_item"]}

    def change():
        if decision is None:
            services.add_decision(minutes, by=request.user, **fields)
        else:
            services.update_decision(decision, by=request.user, **fields)

    return _change(request, minutes, "kesimpulan", change, _("Kesimpulan disimpan."))


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def decision_delete(request, meeting_pk, pk):
    minutes = request.permission_object
    decision = get_object_or_404(Decision, pk=pk, minutes=minutes)
    return _change(
        request,
        minutes,
        "kesimpulan",
        lambda: services.delete_decision(decision, by=request.user),
        _("Kesimpulan dihapus."),
    )


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def action_save(request, meeting_pk, pk=None):
    """Add a follow-up action (no pk) or change one."""
    minutes = request.permission_object
    action = get_object_or_404(ActionItem, pk=pk, minutes=minutes) if pk else None
    form = _child_form(request, minutes, ActionForm, action)
    if not form.is_valid():
        return _invalid(request, form, minutes, "tindak-lanjut")
    fields = {name: form.cleaned_data[name] for name in ("what", "agency", "due_date", "status")}

    def change():
        if action is None:
            services.add_action(minutes, by=request.user, **fields)
        else:
            services.update_action(action, by=request.user, **fields)

    return _change(request, minutes, "tindak-lanjut", change, _("Tindak lanjut disimpan."))


@require_POST
@permission_required("minutes.write", fn=get_minutes)
def action_delete(request, meeting_pk, pk):
    minutes = request.permission_object
    action = get_object_or_404(ActionItem, pk=pk, minutes=minutes)
    return _change(
        request,
        minutes,
        "tindak-lanjut",
        lambda: services.delete_action(action, by=request.user),
        _("Tindak lanjut dihapus."),
    )


@require_POST
@permission_required("minutes.comment", fn=get_minutes)
def comment(request, meeting_pk):
    minutes = request.permission_object
    form = _child_form(request, minutes, CommentForm)
    if not form.is_valid():
        return _invalid(request, form, minutes, "komentar")
    anchor = (
        f"mata-acara-{form.cleaned_data['agenda_item'].pk}"
        if form.cleaned_data["agenda_item"]
        else "komentar"
    )
    try:
        services.add_review_comment(
            minutes,
            text=form.cleaned_data["text"],
            agenda_item=form.cleaned_data["agenda_item"],
            by=request.user,
        )
    except services.MinutesFinal as error:
        return _refused(request, minutes, anchor, error)
    messages.success(request, _("Komentar ditambahkan."))
    return _back(minutes, anchor)


@require_POST
@permission_required("minutes.submit", fn=get_minutes)
def submit(request, meeting_pk):
    minutes = request.permission_object
    try:
        services.submit_for_review(minutes, by=request.user)
    except services.MinutesFinal as error:
        return _refused(request, minutes, "", error)
    messages.success(request, _("Notula diajukan untuk ditinjau penyelenggara."))
    return _back(minutes)


@require_POST
@permission_required("minutes.reopen", fn=get_minutes)
def reopen(request, meeting_pk):
    minutes = services.reopen_for_correction(request.permission_object, by=request.user)
    messages.success(request, _("Notula dibuka untuk koreksi (versi berikutnya)."))
    return _back(minutes)


@require_POST
@permission_required("minutes.publish", fn=get_minutes)
def publish(request, meeting_pk):
    minutes = request.permission_object
    if request.POST.get("publish") == "0":
        services.unpublish_minutes(minutes, by=request.user)
        messages.success(request, _("Notula ditarik dari halaman publik."))
    else:
        services.publish_minutes(minutes, by=request.user)
        messages.success(request, _("Notula diterbitkan di halaman publik rapat."))
    return _back(minutes, "versi")


@require_GET
@permission_required("minutes.write", fn=get_minutes)
def version_pdf(request, meeting_pk, number):
    """The stored PDF of one issued version, as issued."""
    version = get_object_or_404(
        MinutesVersion.objects.defer("snapshot").select_related("document").exclude(document=None),
        minutes=request.permission_object,
        number=number,
    )
    return document_response(request, version.document)


@require_GET
@permission_required("minutes.write", fn=get_minutes)
def compare(request, meeting_pk):
    """What changed between two versions (``?a=1&b=2``)."""
    minutes = request.permission_object
    # Only the two compared versions' snapshots are read (each on first access).
    versions = {v.number: v for v in minutes.versions.defer("snapshot").select_related("document")}
    form = CompareForm(request.GET or None)
    context = {"minutes": minutes, "meeting": minutes.meeting, "form": form, "numbers": sorted(versions)}
    if form.is_valid():
        a, b = versions.get(form.cleaned_data["a"]), versions.get(form.cleaned_data["b"])
        if a is None or b is None:
            raise Http404
        context.update(a=a, b=b, sections=compare_versions(a, b))
    return render(request, "minutes/compare.html", context)
