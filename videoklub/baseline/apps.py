from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "videoklub.baseline"
    label = "baseline"
    verbose_name = _("Baseline and implementation")
