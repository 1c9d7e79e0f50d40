from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookclubsConfig(AppConfig):
    name = "videoklub.bookclubs"
    label = "bookclubs"
    verbose_name = _("Book clubs")
