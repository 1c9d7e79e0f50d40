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
            phases,
        )
        from videoklub.cycles.selectors import recording_page_context
        from videoklub.cycles.services import on_recording_activity
        from videoklub.recordings import pages
        from videoklub.recordings.signals import recording_activity, recording_filed
        from videoklub.sharing.signals import fragment_shared

        recording_activity.connect(on_recording_activity, dispatch_uid="cycles-activity")
        # The cycle follows the work done in the apps below.
        recording_filed.connect(phases.on_recording_filed, dispatch_uid="cycles-filed")
        fragment_shared.connect(phases.on_fragment_shared, dispatch_uid="cycles-shared")
        # The recording page offers its owner to file it under one of their open cycles.
        pages.register(recording_page_context)
