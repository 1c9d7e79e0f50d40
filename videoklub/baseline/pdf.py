"""The analysis report as a PDF (WeasyPrint, A4), made the way the learning trail's PDF is
(`videoklub.cycles.pdf`): a self-contained template, nothing fetched while rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.baseline.models import SchoolTrack


def report_pdf(request: HttpRequest, *, track: SchoolTrack, context: dict) -> bytes:
    # Imported here: WeasyPrint loads pango at import time, which only this view needs.
    from weasyprint import HTML

    html = render_to_string(
        "baseline/report_pdf.html",
        {"track": track, "today": timezone.localdate(), **context},
        request=request,
    )
    return HTML(string=html).write_pdf()
