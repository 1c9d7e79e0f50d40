"""Views for the festival's organisers (the programme's project staff): the call, curation in
blocks, the preview, the screening mode and its offline package, and the kennisbank after."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.festival import package, selectors, services
from videoklub.festival.forms import BlockForm, DecideForm, FestivalEditForm, PlaceForm


@login_required
@require_http_methods(["GET", "POST"])
def festival_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="change_festival")
    form = FestivalEditForm(request.POST or None, instance=festival)
    if request.method == "POST" and form.is_valid():
        try:
            services.festival_update(festival=festival, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The festival was saved."))
            return redirect("festival:detail", pk=pk)
    return render(
        request,
        "festival/festival_form.html",
        {"festival": festival, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def festival_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="change_festival")
    try:
        services.festival_publish_call(festival=festival, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The call is published: the programme's teachers were told."))
    return redirect("festival:detail", pk=pk)


@login_required
@require_POST
def festival_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="curate_festival")
    services.festival_close_selection(festival=festival, by=request.user)
    messages.success(request, _("The selection is closed: the festival page shows the programme."))
    return redirect("festival:curate", pk=pk)


@login_required
@require_safe
def curate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="curate_festival")
    submissions = selectors.submissions_to_curate(request.user, festival)
    blocks = list(festival.blocks.all())
    for s in submissions:
        if s.status == s.Status.SELECTED:
            s.place_form = PlaceForm(  # type: ignore[attr-defined]
                festival=festival,
                blocks=blocks,
                prefix=f"s{s.pk}",
                initial={"block": s.block_id, "order": s.order, "introduction": s.introduction},
            )
    return render(
        request,
        "festival/curate.html",
        {
            "festival": festival,
            "submissions": submissions,
            "blocks": blocks,
            "block_form": BlockForm(initial={"order": len(blocks) + 1}),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def submission_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    festival = selectors.festival_get_for_user(
        request.user, submission.festival_id, action="curate_festival"
    )
    form = DecideForm(request.POST, festival=festival)
    if not form.is_valid():
        messages.error(request, _("Choose whether to select or decline."))
        return redirect("festival:curate", pk=festival.pk)
    try:
        services.submission_decide(
            submission=submission,
            by=request.user,
            select=form.cleaned_data["decision"] == "select",
            block=form.cleaned_data["block"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your decision was saved and the teacher was told."))
    return redirect("festival:curate", pk=festival.pk)


@login_required
@require_POST
def submission_place(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    festival = selectors.festival_get_for_user(
        request.user, submission.festival_id, action="curate_festival"
    )
    form = PlaceForm(request.POST, festival=festival, prefix=f"s{pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("festival:curate", pk=festival.pk)
    try:
        services.submission_place(submission=submission, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The fragment's place and introduction were saved."))
    return redirect("festival:curate", pk=festival.pk)


@login_required
@require_POST
def block_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival = selectors.festival_get_for_user(request.user, pk, action="curate_festival")
    form = BlockForm(request.POST)
    if form.is_valid():
        services.block_save(festival=festival, by=request.user, **form.cleaned_data)
        messages.success(request, _("The block was added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("festival:curate", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def block_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    block = selectors.block_get_for_user(request.user, pk)
    form = BlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        services.block_save(
            festival=block.festival, by=request.user, block=block, **form.cleaned_data
        )
        messages.success(request, _("The block was saved."))
        return redirect("festival:curate", pk=block.festival_id)
    return render(
        request,
        "festival/block_form.html",
        {"festival_block": block, "festival": block.festival, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def block_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    block = selectors.block_get_for_user(request.user, pk)
    services.block_delete(block=block, by=request.user)
    messages.success(request, _("The block was deleted; its fragments stay selected."))
    return redirect("festival:curate", pk=block.festival_id)


@login_required
@require_safe
def preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    festival, blocks = selectors.festival_for_preview(request.user, pk)
    return render(
        request,
        "festival/festival_detail.html",
        {"festival": festival, "blocks": blocks, "preview": True, "members_view": True},
    )


@login_required
@require_safe
def screening(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Full screen, the blocks in order, the introductions as captions (screening.js)."""
    festival, blocks = selectors.festival_for_preview(request.user, pk)
    items, files = package.package_entries(festival, blocks)
    for item, (_name, submission) in zip(items, files, strict=True):
        item["video"] = reverse("festival:video", args=[festival.pk, submission.pk])
    return render(request, "festival/screening.html", {"festival": festival, "items": items})


@login_required
@require_safe
def package_download(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    """The offline screening package, streamed as it is zipped (see `package`)."""
    festival, blocks = selectors.package_for_download(request.user, pk)
    name = f"{slugify(festival.title) or 'filmfestival'}-{festival.year}.zip"
    response = StreamingHttpResponse(
        package.stream_package(festival, blocks), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def practice_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, pk)
    selectors.festival_get_for_user(request.user, submission.festival_id, action="curate_festival")
    try:
        services.practice_propose(submission=submission, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The teacher was asked; they decide whether to offer it."))
    return redirect("festival:curate", pk=submission.festival_id)
