"""Views of the Filmfestival for everyone: the programme's festivals, the festival page, the
video it plays, and a teacher's submission. Thin: a selector reads, a service writes."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub import policy
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.festival import selectors, services
from videoklub.festival.forms import FestivalForm, PracticeConfirmForm, SubmissionForm
from videoklub.organisations.models import Programme
from videoklub.recordings import streaming


def public_or_login(view):
    """Anonymous visitors of a festival that is not public are asked to log in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except selectors.LoginFirst:
            return selectors.login_first(request)

    return wrapper


@login_required
@require_http_methods(["GET", "POST"])
def programme_festivals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The programme's Filmfestivals; its staff plan a new one here."""
    programme = get_object_or_404(Programme, pk=pk)
    festivals = selectors.festivals_of_programme(request.user, programme)
    may_create = policy.can(request.user, "create_festival", programme)
    form = FestivalForm(request.POST or None) if may_create else None
    if request.method == "POST":
        policy.authorize(request.user, "create_festival", programme)
        assert form is not None
        if form.is_valid():
            try:
                festival = services.festival_create(
                    programme=programme, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The Filmfestival was created. Publish its call."))
                return redirect("festival:detail", pk=festival.pk)
    return render(
        request,
        "festival/programme_festivals.html",
        {"programme": programme, "festivals": festivals, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@public_or_login
@require_safe
def festival_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival, blocks = selectors.festival_for_viewing(request.user, pk)
    user = request.user
    return render(
        request,
        "festival/festival_detail.html",
        {
            "festival": festival,
            "blocks": blocks,
            "members_view": user.is_authenticated,
            "may_curate": policy.can(user, "curate_festival", festival),
            "may_submit": policy.can(user, "submit_to_festival", festival) and festival.call_open(),
            "mine": selectors.my_submissions(user, festival),
        },
    )


@public_or_login
@require_http_methods(["GET", "HEAD"])
def submission_video(
    request: AuthenticatedHttpRequest, pk: int, submission_pk: int
) -> HttpResponseBase:
    """The fragment a festival shows, served by the recordings' streaming (Range, signed
    URLs), after the festival's own check: anonymous visitors of a public festival included."""
    file = selectors.submission_video_for_playback(
        request.user, pk, submission_pk, starts_playback=streaming.starts_playback(request)
    )
    return streaming.serve(request, file, "video/mp4")


@login_required
@require_http_methods(["GET", "POST"])
def submission_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="submit_to_festival")
    form = SubmissionForm(
        request.POST or None, fragments=selectors.fragments_to_submit(request.user, festival)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submission_create(
                festival=festival,
                fragment=data["fragment"],
                by=request.user,
                title=data["title"],
                what_it_shows=data["what_it_shows"],
                why=data["why"],
                anonymised=data["version"] == "anonymised",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your fragment was submitted."))
            return redirect("festival:submission", pk=submission.pk)
    return render(
        request,
        "festival/submission_form.html",
        {"festival": festival, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def submission_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    return render(
        request,
        "festival/submission_detail.html",
        {
            "submission": submission,
            "festival": submission.festival,
            "may_withdraw": policy.can(request.user, "withdraw_submission", submission)
            and submission.status in submission.ACTIVE
            and not submission.festival.selection_closed,
            "may_confirm": submission.practice_proposed_at is not None
            and submission.practice_example_id is None
            and policy.can(request.user, "confirm_festival_practice", submission),
        },
    )


@login_required
@require_POST
def submission_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk, action="withdraw_submission")
    try:
        services.submission_withdraw(submission=submission, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Your submission was withdrawn: the festival no longer shows it.")
        )
    return redirect("festival:submission", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def practice_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The teacher offers the festival fragment to the kennisbank, as staff asked."""
    submission = selectors.submission_get_for_user(
        request.user, pk, action="confirm_festival_practice"
    )
    form = PracticeConfirmForm(
        request.POST or None, initial={"description": submission.what_it_shows}
    )
    if request.method == "POST" and form.is_valid():
        try:
            example = services.practice_confirm(
                submission=submission,
                by=request.user,
                permission_given=form.cleaned_data["permission_given"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. A reviewer looks at your practice example before it is shown."),
            )
            return redirect("practice:detail", pk=example.pk)
    return render(
        request,
        "festival/practice_confirm.html",
        {"submission": submission, "form": form},
        status=400 if request.method == "POST" else 200,
    )
