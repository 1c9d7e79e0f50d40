from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User


class AccountEraseForm(forms.Form):
    """Erasing an account asks for the password, so a forgotten open laptop cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account and everything of mine is deleted for good."),
        error_messages={"required": _("Tick the box to confirm that you understand this.")},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Try again."))
        return password
