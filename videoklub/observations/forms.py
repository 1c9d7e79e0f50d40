"""Forms of the kijkwijzer builder and the observation form.

The builder works without JavaScript: the scale is one textarea (one level per line,
"value | label | anchor"), each domain a name plus one textarea (one indicator per line,
"text | description"), in a formset with blank domains to fill in.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from videoklub.observations.models import Framework, FrameworkVersion


def _split(line: str, parts: int) -> list[str]:
    pieces = [piece.strip() for piece in line.split("|", parts - 1)]
    return pieces + [""] * (parts - len(pieces))


def scale_to_text(scale: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join(str(part) for part in (level["value"], level["label"], level["anchor"]) if part)
        for level in scale
    )


def indicators_to_text(indicators: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{item['text']} | {item['description']}" if item["description"] else item["text"]
        for item in indicators
    )


class FrameworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    core_practice = forms.ModelChoiceField(
        label=_("Core practice"),
        # The core practices, as the kijkwijzer's foreign key names them (a floor above).
        queryset=Framework._meta.get_field("core_practice").related_model._default_manager.all(),  # type: ignore[union-attr]
        required=False,
        empty_label=_("(none)"),
    )
    owner = forms.ChoiceField(label=_("For"))
    scale = forms.CharField(
        label=_("Scale"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One level per line: value | label | anchor (what that level looks like). "
            "For example: 1 | not yet visible | The behaviour does not occur."
        ),
    )

    def __init__(self, *args: Any, owners: list[tuple[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.owners = {f"{kind}-{obj.pk}": (kind, obj) for kind, obj in owners}
            cast(forms.ChoiceField, self.fields["owner"]).choices = [
                (value, str(obj)) for value, (_kind, obj) in self.owners.items()
            ]

    def clean_scale(self) -> list[dict[str, Any]]:
        levels = []
        for number, line in enumerate(self.cleaned_data["scale"].splitlines(), start=1):
            if not line.strip():
                continue
            value, label, anchor = _split(line, 3)
            try:
                levels.append({"value": int(value), "label": label, "anchor": anchor})
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)s: a scale level starts with a whole number."),
                    params={"number": number},
                ) from None
        return levels

    def owner_kwargs(self) -> dict[str, Any]:
        kind, obj = self.owners[self.cleaned_data["owner"]]
        return {kind: obj}


class DomainForm(forms.Form):
    name = forms.CharField(label=_("Domain"), max_length=200, required=False)
    indicators = forms.CharField(
        label=_("Indicators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One indicator per line: text | description (one or two sentences)."),
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        items = []
        for line in (data.get("indicators") or "").splitlines():
            if line.strip():
                text, description = _split(line, 2)
                items.append({"text": text, "description": description})
        data["items"] = items
        if items and not data.get("name", "").strip():
            self.add_error("name", _("Give this domain a name."))
        if data.get("name", "").strip() and not items:
            self.add_error("indicators", _("Add at least one indicator to this domain."))
        return data


class BaseDomainFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.domains():
            raise forms.ValidationError(_("Add at least one domain with indicators."))

    def domains(self) -> list[dict[str, Any]]:
        """The filled-in domains, in order (blank forms are skipped)."""
        return [
            {"name": form.cleaned_data["name"], "indicators": form.cleaned_data["items"]}
            for form in self.forms
            if form.cleaned_data.get("items")
        ]


DomainFormSet = forms.formset_factory(
    DomainForm, formset=BaseDomainFormSet, extra=2, max_num=20, absolute_max=20
)


class CopyForm(forms.Form):
    owner = forms.ChoiceField(label=_("Copy into"))

    def __init__(self, *args: Any, owners: list[tuple[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.owners = {f"{kind}-{obj.pk}": (kind, obj) for kind, obj in owners}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            (value, str(obj)) for value, (_kind, obj) in self.owners.items()
        ]

    def owner_kwargs(self) -> dict[str, Any]:
        kind, obj = self.owners[self.cleaned_data["owner"]]
        return {kind: obj}


class ObservationForm(forms.Form):
    """One radio group of the scale plus a note per indicator of `version`."""

    notes = forms.CharField(
        label=_("Overall notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, version: FrameworkVersion, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.version = version
        self.levels = list(version.scale_levels.all())
        choices = [("", _("not scored"))] + [
            (str(level.value), level.label) for level in self.levels
        ]
        self.domain_rows: list[tuple[Any, list[dict[str, Any]]]] = []
        for domain in version.domains.all():
            rows = []
            for indicator in domain.indicators.all():
                score_name, note_name = f"score_{indicator.pk}", f"note_{indicator.pk}"
                self.fields[score_name] = forms.TypedChoiceField(
                    label=indicator.text,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[note_name] = forms.CharField(
                    label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
                rows.append({"indicator": indicator, "score": score_name, "note": note_name})
            self.domain_rows.append((domain, rows))

    def indicator_rows(self) -> list[tuple[Any, list[dict[str, Any]]]]:
        """Per domain, per indicator: the indicator and its bound score and note fields."""
        return [
            (
                domain,
                [
                    {
                        "indicator": row["indicator"],
                        "score": self[row["score"]],
                        "note": self[row["note"]],
                    }
                    for row in rows
                ],
            )
            for domain, rows in self.domain_rows
        ]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            row["indicator"].pk: (self.cleaned_data[row["score"]], self.cleaned_data[row["note"]])
            for _domain, rows in self.domain_rows
            for row in rows
        }
