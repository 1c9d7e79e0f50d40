from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "videoklub.baseline"
    label = "baseline"
    verbose_name = _("Baseline and implementation")

    def ready(self) -> None:
        from videoklub.baseline import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
