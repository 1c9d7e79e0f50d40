from django import template

from videoklub import policy
from videoklub.courses.team import team_courses_of_klub
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import klub_ids

register = template.Library()


@register.inclusion_tag("home/klub_links.html", takes_context=True)
def klub_links(context, klub) -> dict:
    """The klub page as a hub: each person's way into the klub's work, as far as they may go."""
    user = context["request"].user
    return {
        "klub": klub,
        "user": user,
        "is_teacher": klub.pk in klub_ids(user, Role.TEACHER),
        "may_view_meetings": policy.can(user, "view_meetings", klub),
        "may_view_shares": policy.can(user, "view_klub_shares", klub),
        "may_view_board": policy.can(user, "view_klub_board", klub),
        "may_keep_log": policy.can(user, "keep_coaching_log", klub),
    }


@register.inclusion_tag("home/klub_courses.html", takes_context=True)
def klub_courses(context, klub) -> dict:
    """The e-courses the klub takes together, each to its team page (coach and members only)."""
    return {"klub": klub, "courses": team_courses_of_klub(context["request"].user, klub)}
