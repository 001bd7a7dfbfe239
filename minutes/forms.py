"""Forms of the minutes editor: details, decisions, follow-up actions, review comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from meetings.models import AgendaItem
from minutes import followup
from minutes.models import ActionItem, Decision, Minutes, ReviewComment
from minutes.services import DETAIL_FIELDS


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = DETAIL_FIELDS
        widgets = {"opening": forms.Textarea(attrs={"rows": 3})}


def _item_field(meeting, field):
    field.queryset = AgendaItem.objects.filter(session__meeting=meeting).order_by(
        "session__order", "order", "start", "pk"
    )
    field.required = False
    field.label_from_instance = lambda item: item.title


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        _item_field(meeting, self.fields["agenda_item"])


class ActionForm(forms.ModelForm):
    """The responsible agency is one of the agencies invited to the meeting (or its organiser)."""

    class Meta:
        model = ActionItem
        fields = ["what", "agency", "due_date", "status"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        invited = Agency.objects.filter(invitations__meeting=meeting)
        self.fields["agency"].queryset = (
            Agency.objects.filter(pk__in=invited.values("pk"))
            | Agency.objects.filter(pk=meeting.organiser_id)
        ).order_by("name")


class CommentForm(forms.ModelForm):
    class Meta:
        model = ReviewComment
        fields = ["text", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Komentar")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        _item_field(meeting, self.fields["agenda_item"])


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Versi"), min_value=1)
    b = forms.IntegerField(label=_("dengan versi"), min_value=1)


class ProgressForm(forms.Form):
    """A progress report on a follow-up action: status, note, optional evidence (PDF/JPG/PNG)."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(
        label=_("Catatan perkembangan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Bukti (opsional)"),
        required=False,
        help_text=_("PDF, JPG atau PNG, paling besar 10 MB."),
    )

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            followup.check_evidence(upload)
        return upload


class FollowupFilterForm(forms.Form):
    """Filters of the organisers' follow-up overview (all optional; bad values are ignored)."""

    rapat = forms.IntegerField(label=_("Rapat"), required=False)
    instansi = forms.IntegerField(label=_("Instansi"), required=False)
    wilayah = forms.CharField(label=_("Wilayah"), required=False, max_length=20)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *ActionItem.Status.choices]
    )
    lewat = forms.BooleanField(label=_("Hanya yang lewat batas waktu"), required=False)

    def filters(self):
        self.is_valid()  # the fields that are valid stay in cleaned_data; the others are ignored
        data = self.cleaned_data
        return {
            "meeting": data.get("rapat"),
            "agency": data.get("instansi"),
            "region": (data.get("wilayah") or "").strip(),
            "status": data.get("status") or "",
            "overdue": bool(data.get("lewat")),
        }
