from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.core.timecode import timecode
from videoklub.core.widgets import DateInput, TimeInput
from videoklub.meetings.models import Meeting, WorkForm


class ScheduledForm(forms.Form):
    """Date, start and end time, place and work form (local time): what a klub session and a
    book club's meeting (bookclubs) have in common. `clean` adds `starts_at` and `ends_at`."""

    end_error = _("The session must end after it starts.")

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    work_form = forms.ModelChoiceField(
        label=_("Work form"),
        queryset=WorkForm.objects.none(),
        required=False,
        empty_label=_("(choose later)"),
        help_text=_("What each work form is about is described with the form."),
    )

    def __init__(self, *args, work_forms: QuerySet[WorkForm] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["work_form"])
        field.queryset = work_forms if work_forms is not None else WorkForm.objects.none()

    @staticmethod
    def initial_of(item: Any) -> dict:
        """The form's fields as they are now for a scheduled item (a session or a meeting)."""
        starts = timezone.localtime(item.starts_at)
        ends = timezone.localtime(item.ends_at)
        return {
            "date": starts.date(),
            "start_time": starts.time().replace(second=0, microsecond=0),
            "end_time": ends.time().replace(second=0, microsecond=0),
            "place": item.place,
            "work_form": item.work_form_id,
        }

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            starts_at = timezone.make_aware(datetime.combine(day, start))
            ends_at = timezone.make_aware(datetime.combine(day, end))
            if ends_at <= starts_at:
                self.add_error("end_time", self.end_error)
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned

    def schedule_kwargs(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("starts_at", "ends_at", "place", "work_form")}


class MeetingForm(ScheduledForm):
    """A session's title, then its date, times, place and work form."""

    title = forms.CharField(label=_("Title"), max_length=200)
    field_order = ["title"]

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs) -> None:
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {"title": meeting.title, **self.initial_of(meeting)}
        kwargs.setdefault("work_forms", WorkForm.objects.order_by("order", "name"))
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {"title": self.cleaned_data["title"], **self.schedule_kwargs()}


def suggested_initial() -> dict:
    """Next week at 15:45 – 17:00, a common slot after school."""
    day = timezone.localdate() + timedelta(days=7)
    return {
        "title": _("Klub session"),
        "date": day,
        "start_time": "15:45",
        "end_time": "17:00",
    }


class AgendaAddForm(forms.Form):
    """The picker offers the shareable fragments; anything else posted is judged by the
    service, which says why it cannot be discussed (not a bare "invalid choice")."""

    fragment = forms.TypedChoiceField(label=_("Fragment"), coerce=int, choices=())
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=1, max_value=240, initial=15, required=False
    )

    def __init__(self, *args, fragments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["fragment"])
        field.choices = [("", _("Choose a shared fragment"))] + [
            (
                f.pk,
                f"{f.title} · {f.recording.owner} · {timecode(f.duration)}",
            )
            for f in fragments
        ]
        # Accept any number: the service explains why a fragment cannot be added.
        field.valid_value = lambda value: True  # type: ignore[method-assign]


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["present"])
        field.choices = [(m.user_id, f"{m.user} ({m.get_role_display()})") for m in members]
        # Strangers' ids reach the service, which refuses them with a clear message.
        field.valid_value = lambda value: True  # type: ignore[method-assign]


class TeacherNoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class AgreedActionForm(forms.Form):
    description = forms.CharField(
        label=_("What the teacher will try"), widget=forms.Textarea(attrs={"rows": 2})
    )
    success_criterion = forms.CharField(
        label=_("How they will know it worked"), widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("By"), required=False, widget=DateInput())
