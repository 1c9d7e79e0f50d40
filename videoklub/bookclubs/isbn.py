"""ISBN-10 and ISBN-13 check digits: a typo in a book's number is caught while typing it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_isbn(value: str) -> str:
    """Digits (and a final X) only: people type ISBNs with hyphens and spaces."""
    return re.sub(r"[\s-]", "", value or "").upper()


def isbn_is_valid(value: str) -> bool:
    isbn = normalise_isbn(value)
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        # ISBN-10: weights 10..1, the sum divisible by 11 (X stands for 10, last place only).
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", isbn):
        # ISBN-13: weights 1,3,1,3,..., the sum divisible by 10.
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _(
                "This is not a valid ISBN. Check the 10 or 13 digits on the back of the book "
                "(hyphens are fine)."
            ),
            code="invalid_isbn",
        )
