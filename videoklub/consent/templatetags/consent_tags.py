from django import template

from videoklub import policy
from videoklub.consent import selectors

register = template.Library()


@register.filter
def may_manage_consent(user, school) -> bool:
    """{% if request.user|may_manage_consent:school %}: the link to the consent register."""
    return school is not None and policy.can(user, "manage_consent", school)


@register.inclusion_tag("consent/recording_class_group.html", takes_context=True)
def recording_class_group(context, recording) -> dict:
    """The recording page's fact "class group", with a form for the owner to set it."""
    user = context["request"].user
    may_change = policy.can(user, "change_recording", recording)
    class_groups = list(selectors.class_groups_for_user(user)) if may_change else []
    return {
        "recording": recording,
        "may_change": may_change,
        "class_groups": class_groups,
        "multiple_schools": len({group.school_id for group in class_groups}) > 1,
        "csrf_token": context.get("csrf_token"),
    }
