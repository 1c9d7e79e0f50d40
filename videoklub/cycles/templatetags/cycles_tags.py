from django import template

from videoklub.cycles.models import PHASE_ORDER, Phase

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


@register.filter
def phase_number(cycle) -> int:
    return PHASE_ORDER.index(cycle.phase) + 1
