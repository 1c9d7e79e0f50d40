from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "videoklub.cycles"
    label = "cycles"
    verbose_name = _("Development cycles")

    def ready(self) -> None:
        from videoklub.cycles import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.cycles.services import on_recording_activity
        from videoklub.recordings.signals import recording_activity

        recording_activity.connect(on_recording_activity, dispatch_uid="cycles-activity")
