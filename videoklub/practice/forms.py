"""The teacher's offer and the reviewer's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.cycles.models import CorePractice
from videoklub.knowledge.models import SchoolLevel
from videoklub.knowledge.presentation import indicator_choices

PERMISSION_TEXT = _(
    "I give permission to show this fragment in the knowledge base for the training of "
    "teachers. I can withdraw this at any time."
)


class OfferForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What to look at"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The context of the lesson and what a colleague can learn from it. Name no pupils."
        ),
    )
    core_practice = forms.ModelChoiceField(
        label=_("Core practice"),
        queryset=CorePractice.objects.order_by("order", "name"),
        required=False,
        empty_label=_("no core practice"),
    )
    school_level = forms.ChoiceField(
        label=_("School level"),
        choices=[("", _("all levels")), *SchoolLevel.choices],
        required=False,
    )
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    indicator_keys = forms.MultipleChoiceField(
        label=_("Kijkwijzer indicators"),
        choices=indicator_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.ChoiceField(
        label=_("What readers see"),
        choices=[
            ("own", _("the fragment itself (needs every pupil's consent for reuse in training)")),
            ("anonymised", _("the approved anonymised version (faces blurred)")),
        ],
        initial="own",
        widget=forms.RadioSelect,
    )
    # Not required here: the service refuses without it, with its own sentence.
    permission_given = forms.BooleanField(label=PERMISSION_TEXT, required=False)

    def __init__(self, *args, anonymised_available: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if anonymised_available:
            self.fields["version"].initial = "anonymised"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish in the knowledge base")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the teacher"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
