from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "videoklub.community"
    label = "community"
    verbose_name = _("Coach learning community")

    def ready(self) -> None:
        from videoklub.community import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
