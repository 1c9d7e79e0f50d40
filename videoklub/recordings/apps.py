from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordingsConfig(AppConfig):
    name = "videoklub.recordings"
    label = "recordings"
    verbose_name = _("Lesson recordings")

    def ready(self) -> None:
        from videoklub.recordings import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
