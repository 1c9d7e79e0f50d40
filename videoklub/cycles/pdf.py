"""The learning trail as a PDF for the teacher's own portfolio (WeasyPrint, A4): per cycle the
learning question with its GRROW answers, the timeline, the observations with their scores and
the klub's feedback (see `portfolio`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone

from videoklub.cycles.portfolio import learning_trail_portfolio

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.accounts.models import User


def trail_pdf(request: HttpRequest, *, teacher: User) -> bytes:
    # Imported here: WeasyPrint loads pango at import time, which only this view needs.
    from weasyprint import HTML

    html = render_to_string(
        "cycles/trail_pdf.html",
        {
            "teacher": teacher,
            "portfolio": learning_trail_portfolio(teacher),
            "today": timezone.localdate(),
        },
        request=request,
    )
    # No base_url: the template is self-contained, so nothing is fetched while rendering.
    return HTML(string=html).write_pdf()
