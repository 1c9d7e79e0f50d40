from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A person's own data: the "my data" export and erasing their account. Above every app
    that holds personal data, since it reads (and deletes) from all of them."""

    name = "videoklub.privacy"
    label = "privacy"
    verbose_name = _("My data")
