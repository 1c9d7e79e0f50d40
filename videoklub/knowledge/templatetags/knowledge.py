from django import template

from videoklub.knowledge.presentation import LEVEL_LABELS

register = template.Library()


@register.filter
def level_label(code: str) -> str:
    return str(LEVEL_LABELS.get(code, code))
