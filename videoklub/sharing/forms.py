from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.sharing.models import Audience
from videoklub.sharing.services import AUDIENCES_WITHOUT_CONSENT


class ShareForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Share with"),
        choices=[(a.value, a.label) for a in Audience if a in AUDIENCES_WITHOUT_CONSENT],
        widget=forms.RadioSelect,
        initial=Audience.KLUB,
    )
    until = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to share until you revoke it."),
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))
        return until
