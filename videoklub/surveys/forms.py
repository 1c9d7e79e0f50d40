"""Forms of the survey pages: the builder (instrument + item formset), the file upload, an
administration, and the questionnaire itself (built from an instrument version)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from videoklub.core.widgets import DateInput
from videoklub.surveys.models import Administration, InstrumentVersion, default_min_group

MAX_UPLOAD_BYTES = 256 * 1024


def scale_presets() -> dict[str, dict[str, Any]]:
    """The answer scales the builder offers, labelled in the builder's language."""
    agree = [
        _("strongly disagree"),
        _("disagree"),
        _("neutral"),
        _("agree"),
        _("strongly agree"),
    ]
    confident = [
        _("not at all sure"),
        _("rather not sure"),
        _("a little sure"),
        _("rather sure"),
        _("completely sure"),
    ]
    extent = [_("nothing"), "", _("very little"), "", _("some influence"), "", _("quite a bit"), ""]
    return {
        "agree5": {"min": 1, "max": 5, "labels": agree},
        "confidence5": {"min": 1, "max": 5, "labels": confident},
        "extent9": {"min": 1, "max": 9, "labels": [*extent, _("a great deal")]},
    }


SCALE_CHOICES = [
    ("agree5", gettext_lazy("1–5: strongly disagree … strongly agree")),
    ("confidence5", gettext_lazy("1–5: not at all sure … completely sure")),
    ("extent9", gettext_lazy("1–9: nothing … a great deal")),
]


class InstrumentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Introduction for respondents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source_note = forms.CharField(
        label=gettext_lazy("Source and licence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Who wrote the items, and with whose permission a published scale is used."
        ),
    )
    scale = forms.ChoiceField(label=gettext_lazy("Answer scale"), choices=SCALE_CHOICES)

    @staticmethod
    def preset_of(scale: dict[str, Any]) -> str:
        for key, preset in scale_presets().items():
            if (preset["min"], preset["max"]) == (scale.get("min"), scale.get("max")):
                return key
        return "agree5"


class ItemForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    # Not required: an emptied row is left out, as a new empty row is.
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=[("scale", gettext_lazy("on the scale")), ("open", gettext_lazy("open text"))],
        initial="scale",
    )
    subscale = forms.CharField(label=gettext_lazy("Subscale"), max_length=60, required=False)
    reverse = forms.BooleanField(label=gettext_lazy("Reverse-scored"), required=False)
    optional = forms.BooleanField(label=gettext_lazy("Optional"), required=False)


class BaseItemFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(
            form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
            for form in self.forms
        ):
            raise forms.ValidationError(_("Add at least one question."))


ItemFormSet = forms.formset_factory(
    ItemForm, formset=BaseItemFormSet, extra=3, can_delete=True, max_num=200, validate_max=True
)


def builder_content(
    form: InstrumentForm, formset: forms.BaseFormSet, key: str | None
) -> dict[str, Any]:
    """The builder's input in the instrument file's shape (`files.validate` checks it)."""
    data = form.cleaned_data
    items: list[dict[str, Any]] = []
    subscales: dict[str, str] = {}
    used: set[str] = set()
    rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("text")]
    for row in rows:
        if row.get("DELETE"):
            continue
        item_key = slugify(row.get("key") or "")
        number = len(items) + 1
        while not item_key or item_key in used:
            item_key, number = f"v{number}", number + 1
        used.add(item_key)
        label = (row.get("subscale") or "").strip()
        if label:
            subscales.setdefault(slugify(label), label)
        items.append(
            {
                "key": item_key,
                "text": row["text"],
                "kind": row.get("kind") or "scale",
                "subscale": slugify(label),
                "reverse": bool(row.get("reverse")),
                "optional": bool(row.get("optional")),
            }
        )
    return {
        "key": key or slugify(data["title"])[:60] or "vragenlijst",
        "title": data["title"],
        "description": data.get("description", ""),
        "licence": data.get("source_note", ""),
        "sources": [],
        "scale": scale_presets()[data["scale"]],
        "subscales": [{"key": k, "label": v} for k, v in subscales.items()],
        "items": items,
    }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Instrument file (.toml or .json)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".toml,.json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 256 kB)."))
        return upload


def _version_label(version: InstrumentVersion) -> str:
    return f"{version.title} (v{version.number})"


class AdministrationForm(forms.Form):
    version = forms.ModelChoiceField(
        label=gettext_lazy("Instrument"),
        queryset=InstrumentVersion.objects.none(),
        empty_label=gettext_lazy("Choose an instrument"),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Left empty: the instrument’s title."),
    )
    moment = forms.ChoiceField(label=gettext_lazy("Moment"), choices=Administration.Moment.choices)
    audience = forms.ChoiceField(
        label=gettext_lazy("Who is asked"), choices=Administration.Audience.choices
    )
    wave: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("Wave"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("the whole programme"),
    )
    opens_on = forms.DateField(label=gettext_lazy("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=gettext_lazy("Closes on"), widget=DateInput)
    min_group_size = forms.IntegerField(
        label=gettext_lazy("Minimum group size for results"), min_value=2, max_value=100
    )

    def __init__(self, *args: Any, programme: Any, versions: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_group_size"].initial = default_min_group()
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ModelChoiceField)
        version_field.queryset = InstrumentVersion.objects.filter(pk__in=[v.pk for v in versions])
        version_field.label_from_instance = _version_label  # type: ignore[method-assign,assignment]
        wave_field = self.fields["wave"]
        assert isinstance(wave_field, forms.ModelChoiceField)
        wave_field.queryset = programme.waves.all()


class ResponseForm(forms.Form):
    """One field per item of the version: a radio group on the scale, or a text box."""

    def __init__(self, *args: Any, version: InstrumentVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        choices = [
            (str(value), f"{value} – {label}" if label else str(value))
            for value, label in version.scale_points
        ]
        for item in version.items:
            required = not item.get("optional")
            if item.get("kind") == "open":
                field: forms.Field = forms.CharField(
                    label=item["text"],
                    required=required,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages={"required": _("Answer this question.")},
                )
            else:
                field = forms.ChoiceField(
                    label=item["text"],
                    required=required,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )
            self.fields[item["key"]] = field
