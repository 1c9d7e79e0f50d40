from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.consent.services import CODE_MAX_LENGTH, SERIES_MAX, current_school_year
from videoklub.core.widgets import DateInput

DATE = DateInput()


class ClassGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Class group"), max_length=100, help_text=_("For example 3B or 1ste kleuter.")
    )
    school_year = forms.CharField(
        label=_("School year"), max_length=9, help_text=_("For example 2025-2026.")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"school_year": current_school_year()})
        super().__init__(*args, **kwargs)


class PupilCodesForm(forms.Form):
    codes = forms.CharField(
        label=_("Pupil codes, one per line"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Use codes, never names: the school keeps the list that links codes to pupils. "
            "At most %(max)s characters per code."
        )
        % {"max": CODE_MAX_LENGTH},
    )
    may_consent_self = forms.BooleanField(
        label=_("These pupils give consent themselves (from about 12 years)"), required=False
    )

    def code_list(self) -> list[str]:
        # Blank lines are left out here; the service refuses what remains if it is empty.
        return [line for line in self.cleaned_data["codes"].splitlines() if line.strip()]


class PupilSeriesForm(forms.Form):
    code_prefix = forms.CharField(
        label=_("Code prefix"),
        max_length=CODE_MAX_LENGTH - 3,
        required=False,
        help_text=_("For example 3B- gives 3B-01, 3B-02, …"),
    )
    count = forms.IntegerField(label=_("Number of pupils"), min_value=1, max_value=SERIES_MAX)
    may_consent_self = forms.BooleanField(
        label=_("These pupils give consent themselves (from about 12 years)"), required=False
    )


class ConsentForm(forms.Form):
    pupil = forms.ModelChoiceField(
        label=_("Pupil"), queryset=Pupil.objects.none(), empty_label=_("(choose a pupil)")
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    given_by = forms.ChoiceField(label=_("Given by"), choices=Consent.GivenBy.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    evidence = forms.CharField(
        label=_("Where the signed form is kept"),
        max_length=200,
        help_text=_(
            "Where the signed original is kept, for example: folder 3B, form 4. "
            "VideoKLuB keeps no copy."
        ),
    )

    def __init__(self, *args, class_group: ClassGroup, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("given_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = class_group.pupils.filter(  # type: ignore[attr-defined]
            archived=False
        ).order_by("code")


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class RecordingClassGroupForm(forms.Form):
    class_group = forms.ModelChoiceField(
        label=_("Class group in this recording"),
        queryset=ClassGroup.objects.none(),
        required=False,
        empty_label=_("(not said)"),
    )

    def __init__(self, *args, class_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["class_group"].queryset = class_groups  # type: ignore[attr-defined]
