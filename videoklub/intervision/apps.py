from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "videoklub.intervision"
    label = "intervision"
    verbose_name = _("Intervision")

    def ready(self) -> None:
        from videoklub.intervision import permissions  # noqa: F401  (registers the app's rules)
