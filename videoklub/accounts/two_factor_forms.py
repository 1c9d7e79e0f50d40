from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("6-digit code"),
            max_length=8,
            validators=[
                RegexValidator(r"^\s*\d{3}\s?\d{3}\s*$", _("Enter the 6 digits of the code."))
            ],
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "one-time-code",
                    "autofocus": True,
                    "pattern": r"[0-9 ]*",
                }
            ),
            **kwargs,
        )


class CodeForm(forms.Form):
    code = CodeField()


class DisableForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = CodeField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["autofocus"] = True
        self.fields["code"].widget.attrs.pop("autofocus", None)
