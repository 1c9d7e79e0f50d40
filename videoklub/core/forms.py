"""Form helpers every app's views share."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, fields: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form that was posted: a field's error beside the
    field (`fields` maps a model field to the form field where the names differ), the rest
    above the form. So bad input gets its Dutch sentence and the form keeps what was typed."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (fields or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)
