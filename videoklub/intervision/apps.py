from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "videoklub.intervision"
    label = "intervision"
    verbose_name = _("Intervision")

    def ready(self) -> None:
        from videoklub.intervision import (
            permissions,  # (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.sharing import audiences
        from videoklub.sharing.models import Audience

        audiences.register(
            Audience.INTERVISION,
            includes=permissions.share_reaches,
            people_q=permissions.share_reach_q,
            name=permissions.share_reach_name,
        )
