"""Forms of the school track. They only read and validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User
from videoklub.baseline.models import ActionPlanItem, ImplementationPhase, SchoolTrack
from videoklub.core.widgets import DateInput
from videoklub.cycles.models import CorePractice
from videoklub.meetings.models import Meeting

PRIORITY_CHOICES = [
    ("", _("not chosen")),
    ("1", _("1 – low")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4 – high")),
]


class BaselineForm(forms.ModelForm):
    """Intake and questionnaire, with a priority and a comment per core practice."""

    class Meta:
        model = SchoolTrack
        fields = [
            "intake_on",
            "intake_participants",
            "intake_notes",
            "pupil_population",
            "team_size",
            "school_context",
            "earlier_development",
            "result_trends",
            "classroom_observations",
        ]
        widgets = {
            "intake_on": DateInput(),
            "intake_participants": forms.Textarea(attrs={"rows": 2}),
            "intake_notes": forms.Textarea(attrs={"rows": 6}),
            "pupil_population": forms.Textarea(attrs={"rows": 3}),
            "school_context": forms.Textarea(attrs={"rows": 3}),
            "earlier_development": forms.Textarea(attrs={"rows": 4}),
            "result_trends": forms.Textarea(attrs={"rows": 4}),
            "classroom_observations": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "pupil_population": _("For example: number of pupils, home languages, needs."),
            "result_trends": _("As the school itself describes them: no data of pupils."),
            "classroom_observations": _("A summary of what was seen in classes, no names."),
        }

    def __init__(self, *args: Any, priorities: dict[int, tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.practices = list(CorePractice.objects.order_by("order", "name"))
        for practice in self.practices:
            current = priorities.get(practice.pk)
            self.fields[f"priority_{practice.code}"] = forms.TypedChoiceField(
                label=_("Priority for %(practice)s") % {"practice": practice},
                choices=PRIORITY_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(current[0]) if current else "",
            )
            self.fields[f"comment_{practice.code}"] = forms.CharField(
                label=_("Comment on %(practice)s") % {"practice": practice},
                max_length=500,
                required=False,
                initial=current[1] if current else "",
            )

    def practice_rows(self) -> list[tuple[CorePractice, forms.BoundField, forms.BoundField]]:
        return [
            (practice, self[f"priority_{practice.code}"], self[f"comment_{practice.code}"])
            for practice in self.practices
        ]

    def baseline_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def priorities(self) -> dict[CorePractice, tuple[int | None, str]]:
        return {
            practice: (
                self.cleaned_data[f"priority_{practice.code}"],
                self.cleaned_data[f"comment_{practice.code}"],
            )
            for practice in self.practices
        }


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Analysis report"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        help_text=_("Leave an empty line between paragraphs."),
    )
    final = forms.BooleanField(
        label=_("This report is final: the school’s leaders may read it."), required=False
    )


class FeedbackForm(forms.Form):
    feedback_on = forms.DateField(
        label=_("Date of the feedback conversation"), required=False, widget=DateInput()
    )
    feedback_participants = forms.CharField(
        label=_("Who took part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback_notes = forms.CharField(
        label=_("Notes of the feedback conversation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    focus_practice = forms.ModelChoiceField(
        label=_("Core practice of the focus"),
        queryset=CorePractice.objects.order_by("order", "name"),
        required=False,
        empty_label=_("no focus chosen yet"),
    )
    focus_statement = forms.CharField(
        label=_("Focus"),
        max_length=300,
        required=False,
        help_text=_("One sentence: what the school wants to reach in this core practice."),
    )

    FEEDBACK_FIELDS = ("feedback_on", "feedback_participants", "feedback_notes")

    def feedback_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FEEDBACK_FIELDS}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name or obj.email


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.klub.name}: {obj.title}"


class ActionItemForm(forms.Form):
    goal = forms.CharField(label=_("Goal"), max_length=300)
    action = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = PersonChoiceField(
        label=_("Who (a person)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("nobody chosen: see the name below"),
    )
    owner_text = forms.CharField(label=_("Who (a name or group)"), max_length=200, required=False)
    due_on = forms.DateField(label=_("When"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionPlanItem.Status.choices, initial="open"
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[person.pk for person in people]).order_by(
            "full_name", "pk"
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionPlanItem.Status.choices)


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=ImplementationPhase.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=500,
        help_text=_("A document, or a dossier of the knowledge base."),
        assume_scheme="https",
    )
    meeting = MeetingChoiceField(
        label=_("Or a klub session"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("no session"),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=ImplementationPhase.choices, required=False)

    def __init__(self, *args: Any, meetings: list[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Meeting.objects.filter(pk__in=[m.pk for m in meetings])
            .select_related("klub")
            .order_by("-starts_at")
        )
