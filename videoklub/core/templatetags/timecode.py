"""{{ seconds|timecode }}: lesson time (see videoklub.core.timecode)."""

from django import template

from videoklub.core.timecode import timecode as format_timecode

register = template.Library()


@register.filter
def timecode(seconds: float | None) -> str:
    return format_timecode(seconds)
