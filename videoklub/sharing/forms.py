from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.core.widgets import DateInput
from videoklub.sharing.models import GROUP_AUDIENCES, Audience


class ShareForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Share with"),
        # A group's audience is shared through that group's own page (an intervision case).
        choices=[
            (value, label) for value, label in Audience.choices if value not in GROUP_AUDIENCES
        ],
        widget=forms.RadioSelect,
        initial=Audience.KLUB,
    )
    anonymised = forms.BooleanField(
        label=_("Share the anonymised version (faces blurred)"),
        required=False,
        help_text=_("Needed to share beyond what the pupils' consent covers."),
    )
    until = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to share until you revoke it."),
    )

    def __init__(self, *args, anonymised_available: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not anonymised_available:
            del self.fields["anonymised"]

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))
        return until
