from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.recordings.models import Fragment


class FragmentForm(forms.ModelForm):
    class Meta:
        model = Fragment
        fields = ["title", "reason", "start", "end"]
        widgets = {
            "start": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
            "end": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
        }
        labels = {"start": _("Start (seconds)"), "end": _("End (seconds)")}
