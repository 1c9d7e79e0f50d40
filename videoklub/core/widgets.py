"""The browser's own date and time pickers.

`<input type="date">` and `<input type="time">` take their value in one format in every
language (2026-12-10, 15:45); what the person sees is the browser's business. Django renders a
date with the active language's first input format (10-12-2026 in Dutch), which such an input
drops as invalid: the field comes up empty and the form cannot be saved unchanged. So these
widgets render (and the fields accept) the ISO format whatever the language.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_TIME)
