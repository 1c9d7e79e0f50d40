"""The e-courses' two PDFs (WeasyPrint, A4): a learner's certificate of completion and the
staff's "feedback document" with all feedback on a course, without names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.courses.kit import CoachingKit
    from videoklub.courses.models import Enrolment
    from videoklub.courses.selectors import FeedbackOverview


def _pdf(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    # Imported here: WeasyPrint loads pango at import time, which only these views need.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    # No base_url: the templates are self-contained, so nothing is fetched while rendering.
    return HTML(string=html).write_pdf()


def certificate_pdf(request: HttpRequest, *, enrolment: Enrolment) -> bytes:
    return _pdf(
        request,
        "courses/certificate_pdf.html",
        {"enrolment": enrolment, "course": enrolment.course, "learner": enrolment.user},
    )


def feedback_pdf(request: HttpRequest, *, overview: FeedbackOverview) -> bytes:
    return _pdf(
        request,
        "courses/feedback_pdf.html",
        {"overview": overview, "course": overview.course, "today": timezone.localdate()},
    )


def kit_pdf(request: HttpRequest, *, kit: CoachingKit) -> bytes:
    return _pdf(request, "courses/kit_pdf.html", {"kit": kit, "today": timezone.localdate()})
