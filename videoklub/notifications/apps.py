from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "videoklub.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from videoklub.accounts.signals import invitation_accepted
        from videoklub.notifications import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.notifications.events import on_invitation_accepted

        invitation_accepted.connect(on_invitation_accepted, dispatch_uid="notify-invitation")
