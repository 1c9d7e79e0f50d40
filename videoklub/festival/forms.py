"""Forms of the Filmfestival: the festival itself, a submission, curation and the kennisbank."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.core.widgets import DateInput
from videoklub.festival.models import Block, Festival
from videoklub.recordings.models import Fragment


class FestivalForm(forms.ModelForm):
    class Meta:
        model = Festival
        fields = [
            "year",
            "title",
            "date",
            "place",
            "call_text",
            "submission_deadline",
            "visibility",
        ]
        widgets = {
            "date": DateInput(),
            "submission_deadline": DateInput(),
            "call_text": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }


class FestivalEditForm(FestivalForm):
    class Meta(FestivalForm.Meta):
        fields = ["title", "date", "place", "call_text", "submission_deadline", "visibility"]


VERSIONS = [
    ("full", _("The fragment itself (the pupils' consent for public showing is needed)")),
    ("anonymised", _("The approved anonymised version (faces blurred)")),
]


class FragmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Fragment) -> str:  # type: ignore[override]
        return f"{obj.title} · {obj.recording.title}"


class SubmissionForm(forms.Form):
    fragment = FragmentChoiceField(
        label=_("Fragment"), queryset=Fragment.objects.none(), empty_label=_("(choose a fragment)")
    )
    version = forms.ChoiceField(
        label=_("Which version"), choices=VERSIONS, initial="full", widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    what_it_shows = forms.CharField(
        label=_("What it shows"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The moment in the lesson, in a few sentences."),
    )
    why = forms.CharField(
        label=_("Why this fragment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What colleagues can learn from it."),
    )

    def __init__(self, *args, fragments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if fragments is not None:
            self.fields["fragment"].queryset = fragments  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("select", _("Select")), ("decline", _("Decline"))]
    )
    block = forms.ModelChoiceField(
        label=_("Block"),
        queryset=Block.objects.none(),
        required=False,
        empty_label=_("(choose later)"),
    )

    def __init__(self, *args, festival=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if festival is not None:
            self.fields["block"].queryset = festival.blocks.all()  # type: ignore[attr-defined]


class PlaceForm(forms.Form):
    block = forms.ModelChoiceField(
        label=_("Block"),
        queryset=Block.objects.none(),
        required=False,
        empty_label=_("(no block yet)"),
    )
    order = forms.IntegerField(label=_("Order in the block"), min_value=0, max_value=999)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown as a caption while the fragment plays."),
    )

    def __init__(self, *args, festival=None, blocks=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if festival is not None:
            field = self.fields["block"]
            field.queryset = festival.blocks.all()  # type: ignore[attr-defined]
            if blocks is not None:  # the curation page lists many forms: no query per form
                field.choices = [("", field.empty_label)] + [(b.pk, b.title) for b in blocks]  # type: ignore[attr-defined]


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["title", "introduction", "order"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}


class PracticeConfirmForm(forms.Form):
    description = forms.CharField(
        label=_("What to look at"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The context of the lesson and what a viewer can learn from this fragment."),
    )
    permission_given = forms.BooleanField(
        label=_(
            "I give permission to show this fragment in the knowledge base to the programmes' "
            "teachers, coaches and staff, for teacher training. I can withdraw it at any time."
        ),
        required=False,
    )
