"""Pertanyaan pendaftaran: the organisers' list of a meeting's registration questions (add,
change, move up and down, delete with its answers after a confirmation), and answer files
streamed to those allowed to read them (as assignment letters are: views/assignment_letters.py).
"""

from pathlib import Path

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from meetings.models import Meeting, Registration, RegistrationAnswer, RegistrationQuestion
from meetings.models.questions import MAX_QUESTIONS
from meetings.question_forms import QuestionForm
from meetings.services import questions as service
from meetings.services.errors import NotAllowed
from meetings.views.assignment_letters import CONTENT_TYPES
from rakor.permissions import permission_required


def _meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


def _question(request, pk):
    return get_object_or_404(
        RegistrationQuestion.objects.visible_to(request.user).select_related("meeting"), pk=pk
    )


meeting_questions_required = permission_required("meetings.edit_questions", fn=_meeting)
question_required = permission_required("meetings.edit_questions", fn=_question)


def _back(meeting_id):
    return redirect("meetings:questions", meeting_id)


@meeting_questions_required
def question_list(request, pk):
    """The meeting's questions in order, with their answer counts, and the form to add one."""
    meeting = request.permission_object
    form = QuestionForm(request.POST or None, meeting=meeting)
    questions = list(meeting.questions.annotate(answer_count=Count("answers")).order_by("order", "pk"))
    if request.method == "POST" and form.is_valid():
        try:
            question = service.add_question(meeting, **form.cleaned_data)
        except NotAllowed:
            form.add_error(None, _("Paling banyak %(max)s pertanyaan per rapat.") % {"max": MAX_QUESTIONS})
        else:
            messages.success(request, _("Pertanyaan “%(label)s” ditambahkan.") % {"label": question.label})
            return _back(meeting.pk)
    return render(
        request,
        "meetings/questions/question_list.html",
        {"meeting": meeting, "questions": questions, "form": form, "max_questions": MAX_QUESTIONS},
        status=422 if form.errors else 200,
    )


@question_required
def question_update(request, pk):
    question = request.permission_object
    form = QuestionForm(request.POST or None, instance=question, meeting=question.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_question(question, **form.cleaned_data)
        except NotAllowed:
            form.add_error("kind", _("Jenis pertanyaan tidak dapat diubah karena sudah ada jawaban."))
        else:
            messages.success(request, _("Pertanyaan “%(label)s” disimpan.") % {"label": question.label})
            return _back(question.meeting_id)
    return render(
        request,
        "meetings/questions/question_form.html",
        {"meeting": question.meeting, "question": question, "form": form},
        status=422 if form.errors else 200,
    )


@question_required
def question_delete(request, pk):
    """Ask first, naming how many answers go with the question; then delete both."""
    question = request.permission_object
    if request.method == "POST":
        count = service.delete_question(question)
        messages.success(
            request,
            _("Pertanyaan “%(label)s” dihapus beserta %(count)s jawabannya.")
            % {"label": question.label, "count": count},
        )
        return _back(question.meeting_id)
    return render(
        request,
        "meetings/questions/question_confirm_delete.html",
        {"meeting": question.meeting, "question": question, "answer_count": question.answers.count()},
    )


@require_POST
@question_required
def question_move(request, pk):
    question = request.permission_object
    service.move_question(question, -1 if request.POST.get("arah") == "naik" else 1)
    return _back(question.meeting_id)


def _registration(request, pk, question_pk):
    """The registration among those of the user's meetings or agencies (others: 404)."""
    user = request.user
    readable = Registration.objects.visible_to(user) | Registration.objects.coordinated_by(user)
    return get_object_or_404(readable, pk=pk)


@never_cache
@permission_required("meetings.view_answer_file", fn=_registration)
def answer_file(request, pk, question_pk):
    """A file answer as a download; its type comes from the stored extension (checked at upload)."""
    registration = request.permission_object
    answer = get_object_or_404(
        RegistrationAnswer.objects.exclude(file=""), registration=registration, question_id=question_pk
    )
    suffix = Path(answer.file.name).suffix.lower()
    content_type = CONTENT_TYPES.get(suffix)
    if content_type is None:
        raise Http404  # upload validation only stores PDF, JPEG and PNG
    try:
        handle = answer.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = slugify(registration.full_name)[:60] or registration.pk
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"jawaban-{question_pk}-{name}{suffix}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
