from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "videoklub.festival"
    label = "festival"
    verbose_name = _("Filmfestival")

    def ready(self) -> None:
        from videoklub.festival import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
