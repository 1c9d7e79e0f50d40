from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "videoklub.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from videoklub.audit import personal_data  # noqa: F401  (declares its personal data)
