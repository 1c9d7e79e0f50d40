from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "videoklub.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from videoklub.accounts import personal_data  # noqa: F401  (declares its personal data)
        from videoklub.accounts.throttling import count_login_failure

        # Failed password logins per client address, across accounts (password spraying).
        user_login_failed.connect(count_login_failure, dispatch_uid="count_login_failure")
