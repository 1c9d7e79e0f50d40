from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "videoklub.meetings"
    label = "meetings"
    verbose_name = _("Klub sessions")

    def ready(self) -> None:
        from videoklub.meetings import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
