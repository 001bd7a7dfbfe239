"""Organisers' page of one registration: the delegate's details, status, letter, certificate, the
answers to the meeting's registration questions and the history of its changes (status, swaps,
check-in), in the meeting's time zone."""

from django.shortcuts import get_object_or_404, render

from meetings.history import registration_history
from meetings.models import Registration
from meetings.views.staff import organiser_required


@organiser_required
def registration_detail(request, pk):
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related(
            "meeting", "agency", "invitation", "registered_by", "checked_in_by"
        ),
        pk=pk,
    )
    given = {answer.question_id: answer for answer in registration.answers.all()}
    answers = []
    for question in registration.meeting.questions.all():
        answer = given.get(question.pk)
        if answer is not None:
            answer.question = question  # no query per answer
        answers.append((question, answer))
    return render(
        request,
        "meetings/invitations/registration_detail.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "history": registration_history(registration),
            "answers": answers,
            "Status": Registration.Status,
        },
    )
