import re

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.core.timecode import timecode
from videoklub.observations.models import Annotation, Indicator

TIME = re.compile(r"^\s*(?:(?:(\d+):)?(\d+):)?(\d+(?:[.,]\d+)?)\s*$")


def parse_time(value: str) -> float | None:
    """'83.4', '1:23.4', '1:23,4' or '1:02:03' (lesson time past an hour) → seconds; None
    when it is no time."""
    match = TIME.match(value or "")
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds.replace(",", "."))


class TimeInput(forms.TextInput):
    """Shows a moment as lesson time (1:15, 1:15.4), the way the page writes it."""

    def format_value(self, value):
        if isinstance(value, int | float):
            return timecode(value, tenths=value != int(value))
        return super().format_value(value)


class TimeField(forms.Field):
    """A moment in the video, typed as minutes:seconds or seconds."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        seconds = parse_time(value)
        if seconds is None:
            raise forms.ValidationError(
                _("Write a moment as minutes:seconds, for example 1:05."), code="invalid"
            )
        return seconds


class AnnotationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Annotation.Kind.choices)
    at = TimeField(
        label=_("At"),
        widget=TimeInput(attrs={"inputmode": "decimal", "size": 7, "autocomplete": "off"}),
        help_text=_("Press N to annotate the current moment."),
    )
    until = TimeField(
        label=_("Until (optional)"),
        required=False,
        widget=TimeInput(attrs={"inputmode": "decimal", "size": 7, "autocomplete": "off"}),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator of the kijkwijzer"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    body = forms.CharField(
        label=_("Annotation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, kijkwijzer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kijkwijzer is None:
            del self.fields["indicator"]
            return
        # Any indicator may be posted: the service tells "not part of this kijkwijzer" clearly,
        # rather than the form's generic "not one of the choices".
        self.fields["indicator"].queryset = Indicator.objects.all()
        self.fields["indicator"].choices = [("", _("(none)"))] + [
            (domain.name, [(i.pk, i.text) for i in domain.indicators.all()])
            for domain in kijkwijzer.domains
        ]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
