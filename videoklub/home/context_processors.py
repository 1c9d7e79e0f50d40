from django.http import HttpRequest

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import memberships


def navigation(request: HttpRequest) -> dict:
    """The role-specific navigation links; memberships are read once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    own = memberships(user)
    return {
        "nav_klubs": [m.klub for m in own if m.role in (Role.TEACHER, Role.COACH)],
        "nav_teaches": any(m.role == Role.TEACHER for m in own),
        "nav_schools": [m.school for m in own if m.role == Role.SCHOOL_LEADER],
        "nav_programmes": [m.programme for m in own if m.role == Role.PROJECT_STAFF],
        # The coaches' learning community: for coaches and project staff.
        "nav_community": any(m.role in (Role.COACH, Role.PROJECT_STAFF) for m in own),
    }
