from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Where people start: their home page, and the klub, school and programme pages that link
    to everything of theirs. The top floor: it reads from every app, none reads from it."""

    name = "videoklub.home"
    label = "home"
    verbose_name = _("Home")
