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
        from videoklub.organisations.archive import is_frozen
        from videoklub.policy import register_freeze_check

        # An archived programme's objects are read-only (archive.py).
        register_freeze_check(is_frozen)
