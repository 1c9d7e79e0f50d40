from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for `make run`: the very top floor, built through the other apps' services."""

    name = "videoklub.demo"
    label = "demo"
    verbose_name = _("Demo data")
