from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "videoklub.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self) -> None:
        from videoklub.recordings import pages
        from videoklub.sharing import (
            permissions,  # noqa: F401  (registers the app's rules)
            personal_data,  # noqa: F401  (declares its personal data)
        )
        from videoklub.sharing.selectors import recording_page_context

        pages.register(recording_page_context)

        from videoklub.consent.signals import consent_withdrawn
        from videoklub.recordings.signals import anonymised_copy_discarding, class_group_changed
        from videoklub.sharing import services

        consent_withdrawn.connect(services.on_consent_withdrawn, dispatch_uid="sharing-consent")
        class_group_changed.connect(services.on_class_group_changed, dispatch_uid="sharing-group")
        anonymised_copy_discarding.connect(
            services.on_anonymised_copy_discarding, dispatch_uid="sharing-anonymised"
        )
