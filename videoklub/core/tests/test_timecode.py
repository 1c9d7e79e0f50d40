"""Lesson time is written one way: m:ss, h:mm:ss from an hour on, seconds cut off."""

import pytest
from django.template import Context, Template

from videoklub.core.timecode import timecode


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, ""),
        (0, "0:00"),
        (2.6, "0:02"),
        (59.99, "0:59"),
        (83.4, "1:23"),
        (3599.9, "59:59"),
        (3600, "1:00:00"),
        (3723.5, "1:02:03"),
        (-0.4, "0:00"),
        (2.9999999, "0:03"),  # a player's float just under a second
    ],
)
def test_lesson_time(seconds, text):
    assert timecode(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (83.4, "1:23.4"),
        (2.3, "0:02.3"),
        (2.99, "0:02.9"),
        (2.9999999, "0:03.0"),
        (3723, "1:02:03.0"),
    ],
)
def test_lesson_time_with_tenths_for_a_typed_moment(seconds, text):
    assert timecode(seconds, tenths=True) == text


def test_the_template_filter_is_the_same_function():
    rendered = Template("{% load timecode %}{{ at|timecode }}").render(Context({"at": 2.6}))
    assert rendered == "0:02"
