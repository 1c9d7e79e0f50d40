from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "videoklub.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self) -> None:
        from videoklub.recordings import pages
        from videoklub.sharing import permissions  # noqa: F401  (registers the app's rules)
        from videoklub.sharing.selectors import recording_page_context

        pages.register(recording_page_context)
