from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "videoklub.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from videoklub.surveys import (  # noqa: F401
            permissions,  # registers the app's rules
            personal_data,  # declares its personal data
        )
