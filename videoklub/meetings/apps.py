from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "videoklub.meetings"
    label = "meetings"
    verbose_name = _("Klub sessions")

    def ready(self) -> None:
        from videoklub.cycles.portfolio import register_session_notes
        from videoklub.meetings import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.meetings.selectors import session_notes_about

        # The learning trail's PDF (cycles) prints the notes sessions kept about the teacher.
        register_session_notes(session_notes_about)
