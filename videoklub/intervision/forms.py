from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User
from videoklub.community.models import Event
from videoklub.core.widgets import DateInput
from videoklub.intervision.methods import method_choices
from videoklub.recordings.models import Fragment


class PersonChoices(forms.ModelMultipleChoiceField):
    """People by name, with their school(s) when the view tells them (`schools`)."""

    schools: dict[int, str] = {}

    def label_from_instance(self, obj) -> str:
        school = self.schools.get(obj.pk, "")
        return f"{obj.full_name} ({school})" if school else obj.full_name


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    event = forms.ModelChoiceField(
        label=_("Community event (optional)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("(no event)"),
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["event"])
        if events is None:
            del self.fields["event"]
        else:
            field.queryset = events

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot lie before the start date."))
        return data


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the group"),
        max_length=100,
        required=False,
        help_text=_("Leave empty for a number."),
    )
    members = PersonChoices(
        label=_("Coaches (3 to 6, each of a different school)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["members"]).queryset = coaches


class FragmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} · {obj.recording.title}"


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Coaching question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What do you want to learn from the group? Start with How or What."),
    )
    context = forms.CharField(
        label=_("Context"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("The school, the klub, what happened: no names of teachers or pupils."),
    )
    fragment = FragmentChoice(
        label=_("Fragment (optional)"),
        queryset=Fragment.objects.none(),
        required=False,
        empty_label=_("(no fragment)"),
        help_text=_(
            "A fragment of a recording you made. It is shared with your group until the round "
            "ends, and only when the pupils' consent allows reuse in training."
        ),
    )
    anonymised = forms.BooleanField(
        label=_("Share the anonymised version (faces blurred)"), required=False
    )

    def __init__(self, *args, fragments, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["fragment"]).queryset = fragments


class SessionStartForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=(), widget=forms.RadioSelect)
    present = PersonChoices(
        label=_("Present"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["method"]).choices = method_choices()
        cast(forms.ModelMultipleChoiceField, self.fields["present"]).queryset = members


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class AdviceForm(forms.Form):
    body = forms.CharField(label=_("Advice"), widget=forms.Textarea(attrs={"rows": 3}))
