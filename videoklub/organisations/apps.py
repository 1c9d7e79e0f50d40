from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "videoklub.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from videoklub.organisations import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
