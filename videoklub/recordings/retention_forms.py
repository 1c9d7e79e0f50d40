from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.recordings.retention import MAX_RETENTION_DAYS


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Keep recordings for (days after the school year)"),
        min_value=0,
        max_value=MAX_RETENTION_DAYS,
        help_text=_("The school year ends on 31 August."),
    )
