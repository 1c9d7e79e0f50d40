from django import template

register = template.Library()


@register.filter
def timecode(seconds: float | None) -> str:
    """83.4 → '1:23' (h:mm:ss past an hour): how people read a moment in a lesson video."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
