"""Praktijkvoorbeelden in the kennisbank: thin views over `selectors.py` and `services.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub import policy
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.cycles.models import CorePractice
from videoklub.knowledge.presentation import LEVEL_LABELS, shipped_indicators
from videoklub.practice import selectors, services
from videoklub.practice.forms import PERMISSION_TEXT, OfferForm, ReviewForm
from videoklub.recordings import streaming


@require_safe
def example_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    core_practice = request.GET.get("praktijk", "")
    examples = selectors.examples_for_user(request.user, core_practice=core_practice)
    context = {
        "examples": examples,
        "core_practices": CorePractice.objects.order_by("order", "name"),
        "chosen": core_practice,
        "mine": selectors.examples_offered_by(request.user),
        "may_review": policy.can(request.user, "review_practice_examples"),
    }
    return render(request, "practice/example_list.html", context)


@require_safe
def example_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    example = selectors.example_for_viewing(request.user, pk)
    indicators = shipped_indicators()
    may_review = policy.can(request.user, "review_practice_examples")
    context = {
        "example": example,
        "level": LEVEL_LABELS.get(example.school_level, ""),
        "indicators": [indicators[key] for key in example.indicator_keys if key in indicators],
        "is_mine": example.offered_by_id == request.user.pk,
        "may_withdraw": policy.can(request.user, "withdraw_practice_example", example),
        "review_form": ReviewForm() if may_review and example.status == "offered" else None,
    }
    return render(request, "practice/example_detail.html", context)


@require_http_methods(["GET", "HEAD"])
def example_video(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    file = selectors.example_video_for_playback(
        request.user, pk, starts_playback=streaming.starts_playback(request)
    )
    return streaming.serve(request, file, "video/mp4")


@login_required
@require_http_methods(["GET", "POST"])
def example_offer(request: AuthenticatedHttpRequest, fragment_pk: int) -> HttpResponse:
    fragment = selectors.fragment_for_offer(request.user, fragment_pk)
    context = selectors.offer_context(fragment)
    form = OfferForm(request.POST or None, anonymised_available=context["anonymised_available"])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                example = services.practice_example_offer(
                    fragment=fragment,
                    by=request.user,
                    title=data["title"],
                    description=data["description"],
                    permission_given=data["permission_given"],
                    use_anonymised=data["version"] == "anonymised",
                    core_practice=data["core_practice"],
                    school_level=data["school_level"],
                    subject=data["subject"],
                    indicator_keys=data["indicator_keys"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. A reviewer looks at your practice example before it is shown."),
                )
                return redirect("practice:detail", pk=example.pk)
        # Nothing is lost on a refusal: the form comes back with what was typed.
        status = 400
    context.update({"form": form, "permission_text": PERMISSION_TEXT})
    return render(request, "practice/example_offer.html", context, status=status)


@login_required
@require_POST
def example_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    example = selectors.example_get_for_user(request.user, pk)
    services.practice_example_withdraw(example=example, by=request.user)
    messages.success(request, _("The practice example was withdrawn: nobody sees it any more."))
    return redirect("practice:list")


@login_required
@require_safe
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    examples = selectors.examples_to_review(request.user)
    return render(request, "practice/review_queue.html", {"examples": examples})


@login_required
@require_POST
def example_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    example = selectors.example_get_for_user(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to publish or decline."))
        return redirect("practice:detail", pk=pk)
    try:
        services.practice_example_review(
            example=example,
            by=request.user,
            publish=form.cleaned_data["decision"] == "publish",
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("practice:detail", pk=pk)
    messages.success(request, _("Your decision was saved and the teacher was told."))
    return redirect("practice:review_queue")
