"""Links to school tracks from the pages of other apps (a school's and a programme's page)."""

from django import template

from videoklub import policy
from videoklub.baseline.models import SchoolTrack

register = template.Library()


@register.filter
def may_follow_track(user, klub) -> bool:
    """{% if request.user|may_follow_track:klub %}: the link to the track of the klub's school
    in the klub's programme (asked on an unsaved track: a page view opens none)."""
    track = SchoolTrack(programme_id=klub.programme_id, school_id=klub.school_id)
    return policy.can(user, "view_school_track", track)


@register.filter
def may_follow_tracks(user, programme) -> bool:
    """{% if request.user|may_follow_tracks:programme %}: the link to the schools' overview."""
    return policy.can(user, "view_programme_tracks", programme)
