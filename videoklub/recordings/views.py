from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.consent import selectors as consent_selectors
from videoklub.consent.forms import RecordingClassGroupForm
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import memberships
from videoklub.recordings import pages, quotas, selectors, services, streaming, uploads
from videoklub.recordings.forms import FragmentForm
from videoklub.recordings.models import Fragment, Recording, cycles


def _upload_context(request: AuthenticatedHttpRequest) -> dict:
    from django.conf import settings

    klubs = [
        m.klub
        for m in memberships(request.user)
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
    ]
    # ?cyclus=<pk> files the new recording under one of the teacher's own cycles.
    wanted = request.GET.get("cyclus", "")
    cycle = (
        cycles()
        .filter(pk=wanted, teacher=request.user)
        .select_related("klub", "learning_question")
        .first()
        if wanted.isdigit()
        else None
    )
    from videoklub.consent.selectors import class_groups_for_filming

    # Before filming the teacher names the class group, to see whom to keep out of frame.
    class_groups = class_groups_for_filming(request.user, [cycle.klub] if cycle else klubs)
    return {
        "klubs": klubs,
        "cycle": cycle,
        "class_groups": class_groups,
        "max_bytes": settings.UPLOAD_MAX_BYTES,
        "storage": quotas.teacher_usage(request.user),
    }


@login_required
@require_GET
def recording_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "recordings/recording_list.html",
        {
            "recordings": selectors.recordings_of_owner(request.user),
            "may_add": policy.can(request.user, "add_recording"),
            **_upload_context(request),
        },
    )


@login_required
@require_GET
def recording_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can(request.user, "add_recording"):
        raise PermissionDenied
    return render(request, "recordings/recording_record.html", _upload_context(request))


def _has_source(recording: Recording) -> bool:
    """Only a failed recording asks: can it be tried again, or must it be uploaded again?"""
    return recording.status == Recording.Status.FAILED and selectors.recording_has_source(recording)


@login_required
@require_GET
def recording_detail(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    recording = selectors.recording_for_viewing(request.user, recording_uuid)
    may_change = policy.can(request.user, "change_recording", recording)
    context = {
        "recording": recording,
        "has_source": _has_source(recording),
        "fragments": recording.fragments.all(),
        "may_change": may_change,
        "fragment_form": FragmentForm() if may_change else None,
        # The annotation panel (analysis) and the shares (sharing) come from their apps.
        **pages.page_context(request, recording, may_change=may_change),
    }
    return render(request, "recordings/recording_detail.html", context)


@login_required
@require_GET
def recording_status(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    """Polled by htmx while a recording is processed; reloads the page once it is ready."""
    recording = selectors.recording_get_for_user(request.user, recording_uuid)
    response = render(
        request,
        "recordings/recording_detail.html#status",
        {"recording": recording, "has_source": _has_source(recording)},
    )
    if recording.status == Recording.Status.READY and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def recording_stream(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponseBase:
    recording = selectors.recording_for_playback(
        request.user, recording_uuid, starts_playback=streaming.starts_playback(request)
    )
    if recording is None:
        return HttpResponse(status=404)
    return streaming.serve(request, recording.rendition, "video/mp4")


@login_required
@require_GET
def recording_poster(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponseBase:
    recording = selectors.recording_get_for_user(request.user, recording_uuid)
    if not recording.poster:
        return HttpResponse(status=404)
    return streaming.serve(request, recording.poster, "image/jpeg")


@login_required
@require_GET
def recording_thumbnails(
    request: AuthenticatedHttpRequest, recording_uuid: UUID
) -> HttpResponseBase:
    recording = selectors.recording_get_for_user(request.user, recording_uuid)
    if not recording.thumbnails:
        return HttpResponse(status=404)
    return streaming.serve(request, recording.thumbnails, "image/jpeg")


@login_required
@require_POST
def recording_delete(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    recording = selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    title = recording.title
    services.recording_delete(recording=recording, by=request.user)
    messages.success(
        request, _("“%(title)s” and all its files have been deleted.") % {"title": title}
    )
    return redirect("recordings:list")


@login_required
@require_POST
def recording_retry(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    recording = selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    if not services.recording_retry(recording=recording):
        messages.error(request, _("This recording cannot be processed again."))
    return redirect("recordings:detail", recording_uuid=recording.uuid)


@login_required
@require_POST
def fragment_create(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    recording = selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    form = FragmentForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            services.fragment_create(recording=recording, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                return redirect("recordings:detail", recording_uuid=recording.uuid)
            form = FragmentForm()
    if form.errors:
        status = 422 if request.htmx else 400
    context = {
        "recording": recording,
        "fragments": recording.fragments.all(),
        "may_change": True,
        "fragment_form": form,
        **pages.page_context(request, recording, may_change=True),
    }
    template = "recordings/recording_detail.html"
    if request.htmx:
        template += "#fragments"
    return render(request, template, context, status=status)


@login_required
@require_GET
def fragment_detail(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(request.user, recording_uuid, pk)
    return render(
        request,
        "recordings/fragment_detail.html",
        {
            "fragment": fragment,
            "recording": fragment.recording,
            "may_change": policy.can(request.user, "change_recording", fragment.recording),
        },
    )


@login_required
@require_POST
def fragment_delete(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    services.fragment_delete(fragment=fragment, by=request.user)
    return redirect("recordings:detail", recording_uuid=recording_uuid)


@login_required
@require_POST
def fragment_export(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    try:
        services.fragment_export_request(fragment=fragment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("recordings:fragment_detail", recording_uuid=recording_uuid, pk=pk)


@login_required
@require_GET
def fragment_export_status(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(request.user, recording_uuid, pk)
    return render(
        request,
        "recordings/fragment_detail.html#export",
        {"fragment": fragment, "recording": fragment.recording, "may_change": True},
    )


@login_required
@require_GET
def fragment_download(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponseBase:
    fragment = selectors.fragment_for_download(request.user, recording_uuid, pk)
    if fragment is None:
        return HttpResponse(status=404)
    name = f"{uploads.safe_filename(fragment.title)}.mp4"
    return streaming.serve(request, fragment.export, "video/mp4", download_name=name)


@login_required
@require_http_methods(["GET", "HEAD"])
def fragment_video(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponseBase:
    """The fragment's own video file, for its owner and whoever it is shared with.

    Shared viewers get the cut file only, never the whole recording: they cannot seek
    outside what the teacher chose to show.
    """
    file = selectors.fragment_video_for_playback(
        request.user, recording_uuid, pk, starts_playback=streaming.starts_playback(request)
    )
    if file is None:
        return HttpResponse(status=404)
    return streaming.serve(request, file, "video/mp4")


def _anonymisation_context(fragment: Fragment) -> dict:
    return {"fragment": fragment, "recording": fragment.recording, "may_change": True}


@login_required
@require_POST
def fragment_anonymise(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    try:
        fragment = services.fragment_anonymise_request(fragment=fragment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render(
            request,
            "recordings/fragment_detail.html#anonymisation",
            _anonymisation_context(fragment),
        )
    return redirect("recordings:fragment_detail", recording_uuid=recording_uuid, pk=pk)


@login_required
@require_GET
def fragment_anonymisation_status(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    """Polled by htmx while the faces are being blurred."""
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    return render(
        request,
        "recordings/fragment_detail.html#anonymisation",
        _anonymisation_context(fragment),
    )


@login_required
@require_POST
def fragment_anonymisation_approve(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    try:
        services.fragment_anonymisation_approve(fragment=fragment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The blurred version is approved."))
    return redirect("recordings:fragment_detail", recording_uuid=recording_uuid, pk=pk)


@login_required
@require_POST
def fragment_anonymisation_discard(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    revoked = services.fragment_anonymisation_discard(fragment=fragment, by=request.user)
    if revoked:
        messages.warning(
            request,
            ngettext(
                "The blurred version was deleted and the %(count)d share that showed it was "
                "revoked.",
                "The blurred version was deleted and the %(count)d shares that showed it were "
                "revoked.",
                revoked,
            )
            % {"count": revoked},
        )
    else:
        messages.success(request, _("The blurred version was deleted."))
    return redirect("recordings:fragment_detail", recording_uuid=recording_uuid, pk=pk)


@login_required
@require_http_methods(["GET", "HEAD"])
def fragment_anonymised_video(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponseBase:
    """The copy with the faces blurred, for its owner to review (sharing serves its own)."""
    fragment = selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    if not fragment.anonymised or fragment.anonymisation_status not in (
        Fragment.Anonymisation.REVIEW,
        Fragment.Anonymisation.APPROVED,
    ):
        return HttpResponse(status=404)
    return streaming.serve(request, fragment.anonymised, "video/mp4")


@login_required
@require_POST
def recording_class_group(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    """The owner says (or changes) which class group is in a recording."""
    recording = selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    form = RecordingClassGroupForm(
        request.POST, class_groups=consent_selectors.class_groups_for_user(request.user)
    )
    if form.is_valid():
        services.recording_class_group_set(
            recording=recording, class_group=form.cleaned_data["class_group"]
        )
        messages.success(request, _("The class group of this recording was saved."))
    else:
        messages.error(request, _("Choose a class group of your own school."))
    return redirect("recordings:detail", recording_uuid=recording.uuid)
