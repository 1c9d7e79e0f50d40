from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from videoklub.recordings.models import Fragment


class FragmentForm(forms.ModelForm):
    # A reason is required and none is assumed: a prompt, not Django's "---------".
    reason = forms.ChoiceField(
        label=capfirst(Fragment._meta.get_field("reason").verbose_name),
        choices=[("", _("(choose why)")), *Fragment.Reason.choices],
    )

    class Meta:
        model = Fragment
        fields = ["title", "reason", "start", "end"]
        widgets = {
            "start": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
            "end": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
        }
        labels = {"start": _("Start (seconds)"), "end": _("End (seconds)")}
