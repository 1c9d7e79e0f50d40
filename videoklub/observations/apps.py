from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    name = "videoklub.observations"
    label = "observations"
    verbose_name = _("Observations")

    def ready(self) -> None:
        from videoklub.observations import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
