"""Django's password rules, with help texts in the app's own voice.

Django's Dutch catalogue addresses people formally ("Uw wachtwoord ..."), where every other
page says "je". The rules stay Django's; only what the password field tells people before
they type is ours (settings.AUTH_PASSWORD_VALIDATORS names these classes).
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_help_text(self) -> str:
        return ngettext(
            "Your password must be at least %(min_length)d character long.",
            "Your password must be at least %(min_length)d characters long.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    DEFAULT_USER_ATTRIBUTES = ("full_name", "email")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity=0.7) -> None:
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_help_text(self) -> str:
        return _("Your password must not look too much like your name or e-mail address.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_help_text(self) -> str:
        return _("Your password must not be a commonly used password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_help_text(self) -> str:
        return _("Your password must not consist of digits only.")
