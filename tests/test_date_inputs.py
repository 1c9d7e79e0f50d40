"""The browser's date and time pickers get their value in ISO format, in Dutch too.

`<input type="date">` drops a value such as 10-12-2026 (the Dutch way of writing a date): an
edited klub session came up without its date and could not be saved unchanged.
"""

import importlib
import pkgutil
import re
from datetime import date, datetime, time, timedelta

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

import videoklub
from videoklub.meetings import services
from videoklub.meetings.forms import MeetingForm

PICKER_VALUES = {
    "date": (date(2026, 12, 10), r"2026-12-10"),
    "time": (time(15, 45), r"15:45(:00)?"),
    "datetime-local": (datetime(2026, 12, 10, 15, 45), r"2026-12-10T15:45(:00)?"),
}


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(videoklub.__path__, "videoklub."):
        name = module.name.rsplit(".", 1)[-1]
        if "tests" not in module.name and (name == "forms" or name.endswith("_forms")):
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("videoklub."):
                found.append(sub)
    return found


def _pickers():
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            widget = field.widget
            kind = widget.attrs.get("type", getattr(widget, "input_type", None))
            if kind in PICKER_VALUES:
                yield pytest.param(widget, kind, id=f"{form_class.__qualname__}.{name}")


def test_the_walk_finds_the_pickers():
    ids = {param.id for param in _pickers()}
    assert {"MeetingForm.date", "MeetingForm.start_time", "ActionForm.due_on"} <= ids


@pytest.mark.parametrize(("widget", "kind"), list(_pickers()))
def test_every_date_and_time_picker_renders_iso_in_dutch(widget, kind):
    value, expected = PICKER_VALUES[kind]
    with translation.override("nl-be"):
        rendered = widget.format_value(value)
    assert re.fullmatch(expected, rendered), f"{kind} rendered as {rendered!r}"


@pytest.fixture
def meeting(world):
    start = timezone.make_aware(datetime(2026, 12, 10, 15, 45))
    return services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Bijeenkomst 1",
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=15),
        place="Refter",
        work_form=None,
    )


@pytest.fixture
def dutch_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl-be"
    return client


def test_the_edit_form_shows_the_sessions_date_in_dutch(dutch_client, world, meeting):
    dutch_client.force_login(world.coach)
    page = dutch_client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert re.search(r'<input type="date" name="date" value="2026-12-10"', page)
    assert re.search(r'<input type="time" name="start_time" value="15:45"', page)


def test_a_session_saved_unchanged_keeps_its_date(dutch_client, world, meeting):
    dutch_client.force_login(world.coach)
    with translation.override("nl-be"):
        form = MeetingForm(meeting=meeting)
        data = {name: form[name].value() for name in form.fields}
        # What the browser posts back: the inputs' values as rendered.
        data["date"] = form["date"].as_widget().split('value="')[1].split('"')[0]
    response = dutch_client.post(
        reverse("meetings:edit", args=[meeting.pk]), {**data, "work_form": ""}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at) == timezone.make_aware(
        datetime(2026, 12, 10, 15, 45)
    )


def test_a_new_session_offers_next_week_as_its_date(dutch_client, world):
    dutch_client.force_login(world.coach)
    page = dutch_client.get(reverse("meetings:create", args=[world.klub.pk])).content.decode()
    next_week = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert f'name="date" value="{next_week}"' in page
