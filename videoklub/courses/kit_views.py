"""The coaching kit's pages: the general kit (public, like the open kennisbank) and a
programme's kit (for its people), each also as one PDF to print for a klub session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from videoklub.courses import kit


@require_safe
def general(request: HttpRequest) -> HttpResponse:
    return render(request, "courses/kit.html", {"kit": kit.coaching_kit(request.user)})


@require_safe
def general_pdf(request: HttpRequest) -> HttpResponse:
    return _pdf(request, kit.coaching_kit(request.user), "coachingskit.pdf")


@require_safe
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = kit.kit_programme_get(request.user, pk)
    return render(request, "courses/kit.html", {"kit": kit.coaching_kit(request.user, chosen)})


@require_safe
def programme_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = kit.kit_programme_get(request.user, pk)
    return _pdf(request, kit.coaching_kit(request.user, chosen), f"coachingskit-{pk}.pdf")


def _pdf(request: HttpRequest, the_kit: kit.CoachingKit, filename: str) -> HttpResponse:
    from videoklub.courses.pdf import kit_pdf

    response = HttpResponse(kit_pdf(request, kit=the_kit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
