from django.utils import translation


def dutch(message) -> str:
    """The Dutch text of a message, checked to really be translated."""
    with translation.override("nl-be"):
        text = str(message)
    with translation.override("en"):
        assert text != str(message), f"not translated to Dutch: {message!r}"
    return text
