"""Forms of the learning-community pages; the services validate again (they are the one gate)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from videoklub.community.models import Attendance, Event
from videoklub.core.widgets import DateInput, TimeInput
from videoklub.organisations.models import Wave


class WaveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{formats.date_format(obj.date)} · {obj.title}"


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("(choose a kind)")), *Event.Kind.choices]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        required=False,
        help_text=_("Leave empty when there is no limit."),
    )
    wave = WaveChoiceField(
        label=_("Wave"),
        queryset=Wave.objects.none(),
        required=False,
        empty_label=_("(all waves)"),
    )

    def __init__(self, *args: Any, programme, event: Event | None = None, **kwargs) -> None:
        if event is not None:
            kwargs.setdefault("initial", {name: getattr(event, name) for name in FIELDS})
            kwargs["initial"]["wave"] = event.wave_id
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["wave"])
        field.queryset = Wave.objects.filter(programme=programme)
        if not field.queryset.exists():
            del self.fields["wave"]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return cleaned


FIELDS = [
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "online_link",
    "agenda",
    "capacity",
]


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name of the file, link or item."),
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    item = forms.ChoiceField(label=_("From the knowledge base"), required=False, choices=())

    def __init__(self, *args: Any, knowledge: dict[str, list[tuple[str, str]]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = [
            (_("Dossiers"), knowledge.get("dossiers", [])),
            (_("Clips"), knowledge.get("clips", [])),
            (_("Courses"), knowledge.get("courses", [])),
            (_("Practice examples"), knowledge.get("practice", [])),
        ]
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            ("", _("(no item of the knowledge base)")),
            *[(label, options) for label, options in groups if options],
        ]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        given = [n for n in ("file", "url", "item") if cleaned.get(n)]
        if len(given) != 1 and not self.errors:
            raise forms.ValidationError(
                _("Add one material at a time: a file, a link or an item of the knowledge base.")
            )
        return cleaned


class AttendanceForm(forms.Form):
    """One radio group per coach: the whole list in one form."""

    def __init__(self, *args: Any, rows: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"u{row.user.pk}"] = forms.ChoiceField(
                label=row.user.full_name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or (Attendance.Status.PRESENT if row.registered else ""),
            )

    def statuses(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}

    def bound_rows(self) -> list[tuple[Any, forms.BoundField]]:
        return [(row, self[f"u{row.user.pk}"]) for row in self.rows]


class LogEntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    event = EventChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("(no event)"),
    )
    text = forms.CharField(
        label=_("What I take away"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you read this. Project staff see how many entries you wrote, not what."),
    )

    def __init__(self, *args: Any, events, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["event"]).queryset = events
