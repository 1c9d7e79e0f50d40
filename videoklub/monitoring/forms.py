"""Targets and milestones as staff type them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.core.widgets import DateInput
from videoklub.monitoring.catalogue import INDICATOR_CHOICES
from videoklub.monitoring.models import Milestone, Target
from videoklub.organisations.models import Wave


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(
        label=_("indicator"), choices=[("", _("choose an indicator")), *INDICATOR_CHOICES]
    )
    wave = forms.ModelChoiceField(
        label=_("wave"),
        queryset=Wave.objects.none(),
        required=False,
        empty_label=_("the whole programme"),
        help_text=_("Empty: the target of the whole programme."),
    )

    class Meta:
        model = Target
        fields = ["indicator", "wave", "minimum", "maximum"]

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        wave = self.fields["wave"]
        assert isinstance(wave, forms.ModelChoiceField)
        wave.queryset = programme.waves.order_by("number")

    def validate_unique(self) -> None:
        # The programme is not a field of the form: check the one target per indicator and wave
        # here, so a second one gets a Dutch error on the form, not a database error.
        super().validate_unique()
        duplicate = Target.objects.filter(
            programme=self.instance.programme,
            indicator=self.cleaned_data.get("indicator"),
            wave=self.cleaned_data.get("wave"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error(
                "indicator",
                _("This indicator already has a target for this part of the programme."),
            )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["due_on", "title", "deliverables"]
        widgets = {"due_on": DateInput(), "deliverables": forms.Textarea(attrs={"rows": 3})}
