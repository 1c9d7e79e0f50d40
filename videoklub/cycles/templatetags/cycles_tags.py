from django import template

from videoklub import policy
from videoklub.cycles.models import PHASE_ORDER, Phase
from videoklub.organisations.models import Role

register = template.Library()


@register.simple_tag
def phase_steps(phase: str) -> list[dict]:
    """The seven phases with their state relative to `phase`: done, current or todo."""
    current = PHASE_ORDER.index(phase)
    return [
        {
            "value": value,
            "label": Phase(value).label,
            "number": index + 1,
            "state": "done" if index < current else "current" if index == current else "todo",
        }
        for index, value in enumerate(PHASE_ORDER)
    ]


@register.inclusion_tag("cycles/klub_links.html", takes_context=True)
def klub_cycle_links(context, klub) -> dict:
    """Links on the klub page: the teacher's cycles; the coach's board and coaching log."""
    user = context["request"].user
    return {
        "klub": klub,
        "is_teacher": klub.pk in policy.klub_ids(user, Role.TEACHER),
        "may_view_board": policy.can(user, "view_klub_board", klub),
        "may_keep_log": policy.can(user, "keep_coaching_log", klub),
        "user": user,
    }


@register.filter
def phase_number(cycle) -> int:
    return PHASE_ORDER.index(cycle.phase) + 1
