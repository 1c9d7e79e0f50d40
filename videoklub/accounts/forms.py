from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from videoklub.accounts import throttling
from videoklub.accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match. Check both and try again."
        ),
        "inactive": _("This account has been deactivated. Contact your project staff."),
    }

    def get_invalid_login_error(self) -> ValidationError:
        # Set by throttling.NetworkThrottleBackend: say why, rather than "does not match".
        if self.request is not None and getattr(self.request, "login_refused_for_network", False):
            wait = throttling.minutes(throttling.login_wait_for_ip(self.request) or 60)
            message = ngettext(
                "Logging in from your network failed too many times, on several accounts. For "
                "everyone's safety, logging in from this network is paused. Try again in "
                "%(minutes)d minute.",
                "Logging in from your network failed too many times, on several accounts. For "
                "everyone's safety, logging in from this network is paused. Try again in "
                "%(minutes)d minutes.",
                wait,
            )
            return ValidationError(message % {"minutes": wait}, code="network_throttled")
        return super().get_invalid_login_error()


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form, with its one formal Dutch message ("Uw oude wachtwoord") in our voice."""

    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not right. Enter it again."),
    }


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form with a limit on the mails per address and per client address.

    Over the limit nothing is sent, and the visitor sees the same page as when a mail went out:
    any other answer would tell whether the address has an account.
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        request = kwargs.get("request")  # PasswordResetView passes every argument by name
        if request is not None and throttling.password_reset_mail_wait(
            request, self.cleaned_data["email"]
        ):
            return
        super().save(*args, **kwargs)


class RegistrationForm(forms.Form):
    """Create the account an invitation was sent to; the e-mail address comes from it."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
