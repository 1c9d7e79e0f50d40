"""The editor's form for a dossier: lists to tick instead of raw JSON."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from videoklub.knowledge import vtt
from videoklub.knowledge.presentation import LEVEL_LABELS, indicator_choices


class DossierForm(WagtailAdminPageForm):
    school_levels = forms.MultipleChoiceField(
        label=_("school levels"),
        choices=list(LEVEL_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    indicator_keys = forms.MultipleChoiceField(
        label=_("kijkwijzer indicators"),
        choices=indicator_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The indicators this dossier explains; annotations on them link here."),
    )


class VideoPageForm(DossierForm):
    """A video page is found by the same levels and indicators as a dossier (which explanation
    clip it may link is the model's rule, `VideoPage.clean`)."""


class KnowledgeVideoForm(WagtailAdminModelForm):
    """The editor's upload of a video and its subtitles. A .vtt that is not WebVTT is refused
    with the form, so the video and its subtitles stay as they were."""

    def clean_subtitles(self):
        subtitles = self.cleaned_data.get("subtitles")
        if subtitles and "subtitles" in self.changed_data:
            subtitles.seek(0)
            vtt.parse(subtitles.read())
            subtitles.seek(0)
        return subtitles


class SearchForm(forms.Form):
    """The kennisbank's search and filters (GET; Dutch parameter names in the address)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    praktijk = forms.ChoiceField(label=_("Core practice"), required=False)
    niveau = forms.ChoiceField(
        label=_("School level"),
        required=False,
        choices=[("", _("all levels")), *LEVEL_LABELS.items()],
    )
    thema = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        practice, topic = self.fields["praktijk"], self.fields["thema"]
        assert isinstance(practice, forms.ChoiceField) and isinstance(topic, forms.ChoiceField)
        practice.choices = [("", _("all core practices")), *choices["core_practices"]]
        topic.choices = [("", _("all topics")), *choices["topics"]]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
