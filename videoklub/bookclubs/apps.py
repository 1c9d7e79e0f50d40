from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookclubsConfig(AppConfig):
    name = "videoklub.bookclubs"
    label = "bookclubs"
    verbose_name = _("Book clubs")

    def ready(self) -> None:
        from videoklub.bookclubs import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
