from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from videoklub.core.widgets import DateInput
from videoklub.cycles.models import Action, CoachingVisit, CorePractice, Phase
from videoklub.organisations.models import Klub

TEXTAREA = {"rows": 5}


class CycleStartForm(forms.Form):
    klub = forms.ModelChoiceField(label=_("Klub"), queryset=Klub.objects.none(), empty_label=None)
    # Preselected from `?praktijk=<code>` (an e-course's reflection starts a cycle on its
    # core practice); the learning question's last step can still change it.
    core_practice = forms.ModelChoiceField(
        label=_("Core practice"),
        queryset=CorePractice.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("choose later"),
    )

    def __init__(self, *args, klubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klub"].queryset = Klub.objects.filter(  # type: ignore[attr-defined]
            pk__in=[k.pk for k in klubs]
        )


class GrrowStepForm(forms.Form):
    """One GRROW part; the label and guiding questions come from the step."""

    text = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXTAREA))


class QuestionStepForm(forms.Form):
    """The last step: the question itself, the core practice and the self-check."""

    question = forms.CharField(
        label=_("My learning question"),
        required=False,  # required only when finishing: going back keeps an empty draft
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: “Hoe geef ik feedback op het proces in plaats van op de persoon?”"
        ),
    )
    core_practice = forms.ModelChoiceField(
        label=_("Core practice"),
        queryset=CorePractice.objects.all(),
        required=False,
        empty_label=_("(choose a core practice)"),
    )
    specific = forms.BooleanField(label=_("My question is specific"), required=False)
    challenging = forms.BooleanField(label=_("My question is challenging"), required=False)
    feasible = forms.BooleanField(label=_("My question is feasible"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        # The cycle page shows this form beside the reflection form: ids of their own, so
        # each label focuses its own box.
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)


class ReflectionForm(forms.Form):
    body = forms.CharField(label=_("Reflection"), widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "reflection_%s")
        super().__init__(*args, **kwargs)


class ActionForm(forms.ModelForm):
    """A planned date may not lie in the past when it is set or changed; an action whose date
    has passed keeps it on edit (a reflective log may record what was tried late)."""

    class Meta:
        model = Action
        fields = ["description", "success_criterion", "due_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "success_criterion": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
        }
        help_texts = {
            "success_criterion": _("What will you see in class when it works?"),
        }

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        unchanged = self.instance.pk and due_on == self.instance.due_on
        if due_on and due_on < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("Choose a date from today on: this plans an action."))
        return due_on


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices)


class CoachingVisitForm(forms.ModelForm):
    # Every visit is of some kind: the first is preselected, no empty "---------" choice.
    kind = forms.ChoiceField(
        label=capfirst(CoachingVisit._meta.get_field("kind").verbose_name),
        choices=CoachingVisit.Kind.choices,
    )

    class Meta:
        model = CoachingVisit
        fields = ["kind", "visited_on", "goals", "actions", "reflections"]
        widgets = {
            "visited_on": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
            "reflections": forms.Textarea(attrs={"rows": 3}),
        }
