from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.organisations.models import ROLE_SCOPE, Klub, Programme, Role, School


class KlubInvitationForm(forms.Form):
    """A coach invites a teacher into their klub."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)


class ProgrammeInvitationForm(forms.Form):
    """Project staff invite coaches, school leaders and colleagues into a programme."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.COACH.value, Role.COACH.label),
            (Role.SCHOOL_LEADER.value, Role.SCHOOL_LEADER.label),
            (Role.PROJECT_STAFF.value, Role.PROJECT_STAFF.label),
        ],
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)
    klub = forms.ModelChoiceField(
        label=_("Klub (for a coach)"),
        queryset=Klub.objects.none(),
        required=False,
        empty_label=_("(choose a klub)"),
    )
    school = forms.ModelChoiceField(
        label=_("School (for a school leader)"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("(choose a school)"),
    )

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        cast(forms.ModelChoiceField, self.fields["klub"]).queryset = programme.klubs.select_related(
            "school"
        )
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = School.objects.filter(
            klubs__programme=programme
        ).distinct()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role:
            scope = ROLE_SCOPE[Role(role)]
            if scope in ("klub", "school") and not cleaned.get(scope):
                self.add_error(
                    scope,
                    _("Choose the %(field)s for this role.") % {"field": self.fields[scope].label},
                )
        return cleaned

    def scope(self) -> dict:
        scope = ROLE_SCOPE[Role(self.cleaned_data["role"])]
        if scope == "programme":
            return {"programme": self.programme}
        return {scope: self.cleaned_data[scope]}
