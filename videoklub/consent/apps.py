from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "videoklub.consent"
    label = "consent"
    verbose_name = _("Consent")

    def ready(self) -> None:
        from videoklub.consent import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
