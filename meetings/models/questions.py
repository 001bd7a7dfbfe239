"""Custom registration questions of a meeting and the delegates' answers to them.

An organiser adds questions per meeting (as Indico and pretix have them): a short text, one choice
out of a list of options, yes or no, or an uploaded file (PDF, JPEG or PNG, checked by content and
kept in private storage like the assignment letter). Each is required or not and has its place in
the order. The registration forms (public, the delegate's own page, the coordinator's), the
delegate import, the exports and the registration page show them; saving goes through
``meetings.services.questions`` inside the registration's own transaction.
"""

import uuid
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import OfMeetingQuerySet
from rakor.storage import private_storage

MAX_QUESTIONS = 30
MAX_TEXT_ANSWER = 1000
YES, NO = "ya", "tidak"


def answer_upload_to(instance, filename):
    """A random name per meeting that keeps only the (already validated) extension."""
    suffix = Path(filename).suffix.lower()
    return f"jawaban/{instance.question.meeting_id}/{uuid.uuid4().hex}{suffix}"


class RegistrationQuestion(models.Model):
    """One question a delegate answers when registering for a meeting."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Teks")
        CHOICE = "choice", _("Pilihan")
        YES_NO = "yes_no", _("Ya/Tidak")
        FILE = "file", _("Berkas")

    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, related_name="questions", verbose_name=_("rapat")
    )
    label = models.CharField(_("pertanyaan"), max_length=200)
    help_text = models.CharField(_("keterangan"), max_length=300, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    # The options of a choice question, one a line, in the order shown.
    choices = models.TextField(_("pilihan jawaban"), blank=True)
    required = models.BooleanField(_("wajib dijawab"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = OfMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("pertanyaan pendaftaran")
        verbose_name_plural = _("pertanyaan pendaftaran")

    def __str__(self):
        return self.label

    @property
    def options(self):
        """The options of a choice question, in order, without blank lines."""
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def is_file(self):
        return self.kind == self.Kind.FILE


class RegistrationAnswer(models.Model):
    """A delegate's answer to one question: ``value`` (text, the chosen option, "ya"/"tidak") or
    ``file`` (in private storage, streamed only to those allowed)."""

    registration = models.ForeignKey(
        "meetings.Registration", models.CASCADE, related_name="answers", verbose_name=_("pendaftaran")
    )
    question = models.ForeignKey(
        RegistrationQuestion, models.CASCADE, related_name="answers", verbose_name=_("pertanyaan")
    )
    value = models.TextField(_("jawaban"), blank=True)
    file = models.FileField(
        _("berkas"), storage=private_storage, upload_to=answer_upload_to, blank=True, max_length=200
    )
    file_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)

    class Meta:
        ordering = ["question__order", "question_id"]
        verbose_name = _("jawaban pendaftaran")
        verbose_name_plural = _("jawaban pendaftaran")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_unique_question"),
        ]

    def __str__(self):
        return self.display()

    def display(self):
        """The answer as text: "Ya"/"Tidak" for yes/no, the file's mark for a file, else the value."""
        if self.file:
            return str(_("Berkas terlampir"))
        if self.question.kind == RegistrationQuestion.Kind.YES_NO:
            return {YES: str(_("Ya")), NO: str(_("Tidak"))}.get(self.value, self.value)
        return self.value
