from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The user guide: the Dutch pages per role of docs/gebruikersgids/, shown in the app's
    layout for anyone, logged in or not. A top floor beside home: it reads no app at all."""

    name = "videoklub.guide"
    label = "guide"
    verbose_name = _("User guide")
