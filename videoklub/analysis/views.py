"""The analysis workspace: annotations on a recording (its owner) or on a shared fragment.

The owner's workspace is the recording page itself (recordings:detail), which renders the
panel from here; a shared fragment has a workspace page of its own. Both poll the list and
post new annotations through the views below.
"""

from __future__ import annotations

from typing import cast
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.analysis import indicator_links, selectors, services
from videoklub.analysis.forms import AnnotationForm, ReplyForm
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.observations import selectors as observation_selectors
from videoklub.recordings import selectors as recording_selectors
from videoklub.recordings.models import Fragment, Recording


def recording_page_context(request: HttpRequest, recording: Recording, may_change: bool) -> dict:
    """The owner's analysis workspace on the recording page: the annotation panel beside the
    player (registered with recordings.pages)."""
    if not (recording.is_ready and may_change):
        return {}
    # The recording page is behind login_required: the request has its user.
    return panel_context(cast(AuthenticatedHttpRequest, request), recording)


def panel_context(
    request: AuthenticatedHttpRequest,
    recording: Recording,
    fragment: Fragment | None = None,
    form: AnnotationForm | None = None,
) -> dict:
    """What the annotation panel needs, for the recording page and the fragment workspace."""
    kijkwijzer = selectors.kijkwijzer_for_workspace(
        request.user, recording, request.GET.get("kijkwijzer") or request.POST.get("kijkwijzer")
    )
    if fragment is None:
        threads = selectors.annotations_of_recording(recording)
        token = selectors.change_token(recording=recording)
        list_url = reverse("analysis:recording_annotations", args=[recording.uuid])
    else:
        threads = selectors.annotations_of_fragment(fragment)
        token = selectors.change_token(fragment=fragment)
        list_url = reverse("analysis:fragment_annotations", args=[recording.uuid, fragment.pk])
    if kijkwijzer is not None:
        list_url += f"?kijkwijzer={kijkwijzer.framework.pk}"
    listed = list(threads)
    links = indicator_links.links_for(
        request.user, {t.indicator.key for t in listed if t.indicator is not None}
    )
    for thread in listed:
        # Read by the panel's template beside the indicator's badge.
        thread.indicator_links = (  # type: ignore[attr-defined]
            links.get(thread.indicator.key, []) if thread.indicator else []
        )
    return {
        "recording": recording,
        "fragment": fragment,
        "threads": listed,
        "token": token,
        "list_url": list_url,
        "form": form or AnnotationForm(kijkwijzer=kijkwijzer),
        "reply_form": ReplyForm(),
        "kijkwijzer": kijkwijzer,
        "kijkwijzers": selectors.kijkwijzers_for_user(request.user),
    }


def _annotations(
    request: AuthenticatedHttpRequest, recording: Recording, fragment: Fragment | None
) -> HttpResponse:
    """GET: the list (204 when nothing changed since `?since=`); POST: add an annotation."""
    if request.method == "GET":
        context = panel_context(request, recording, fragment)
        if request.GET.get("since") == context["token"]:
            return HttpResponse(status=204)  # htmx leaves the list as it is
        return render(request, "analysis/_panel.html#list", context)

    context = panel_context(request, recording, fragment)
    kijkwijzer = context["kijkwijzer"]
    form = AnnotationForm(request.POST, kijkwijzer=kijkwijzer)
    if form.is_valid():
        try:
            services.annotation_create(
                recording=recording,
                fragment=fragment,
                author=request.user,
                body=form.cleaned_data["body"],
                kind=form.cleaned_data["kind"],
                at_seconds=form.cleaned_data["at"],
                end_seconds=form.cleaned_data["until"],
                indicator=form.cleaned_data.get("indicator"),
                version=kijkwijzer.version if kijkwijzer is not None else None,
            )
        except ValidationError as error:
            _add_errors(form, error)
    if not form.errors:
        if not request.htmx:
            return redirect(_page_url(recording, fragment))
        # A fresh form, keeping the kind chosen: annotating goes in runs of the same kind.
        form = AnnotationForm(initial={"kind": request.POST.get("kind")}, kijkwijzer=kijkwijzer)
        return render(
            request, "analysis/_panel.html#panel", panel_context(request, recording, fragment, form)
        )
    status = 422 if request.htmx else 400
    context["form"] = form
    if request.htmx:
        return render(request, "analysis/_panel.html#panel", context, status=status)
    return _render_page(request, recording, fragment, context, status)


# The service speaks of model fields; the form of what the teacher typed.
_FORM_FIELDS = {"at_seconds": "at", "end_seconds": "until"}


def _add_errors(form: AnnotationForm, error: ValidationError) -> None:
    add_service_errors(form, error, fields=_FORM_FIELDS)


def _page_url(recording: Recording, fragment: Fragment | None) -> str:
    if fragment is None:
        return reverse("recordings:detail", args=[recording.uuid])
    return reverse("analysis:fragment", args=[recording.uuid, fragment.pk])


def _render_page(request, recording, fragment, context, status=200) -> HttpResponse:
    if fragment is None:
        # Without JavaScript an invalid annotation on the recording page shows its own form.
        return render(request, "analysis/annotation_form_page.html", context, status=status)
    return render(request, "analysis/fragment_workspace.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def recording_annotations(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    # Notes on the whole recording are the owner's alone.
    recording = recording_selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    return _annotations(request, recording, None)


@login_required
@require_http_methods(["GET", "POST"])
def fragment_annotations(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    if request.method == "POST":
        fragment = recording_selectors.visible_fragment_get_for_user(
            request.user, recording_uuid, pk, action="annotate_fragment"
        )
    else:
        fragment = recording_selectors.fragment_for_viewing(
            request.user, recording_uuid, pk, page="annotations"
        )
    return _annotations(request, fragment.recording, fragment)


@login_required
@require_GET
def fragment_workspace(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    """A fragment with its annotations, for its owner and whoever it is shared with."""
    fragment = recording_selectors.fragment_for_viewing(
        request.user, recording_uuid, pk, page="workspace"
    )
    recording = fragment.recording
    context = panel_context(request, recording, fragment)
    context["is_owner"] = recording.owner_id == request.user.pk
    context["may_share"] = policy.can(request.user, "share_fragment", fragment)
    context["observations"] = observation_selectors.observations_for_fragment(
        request.user, fragment
    )
    if request.htmx and request.GET.get("part") == "player":
        return render(request, "analysis/fragment_workspace.html#player", context)
    return render(request, "analysis/fragment_workspace.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def annotation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    annotation = selectors.annotation_get_for_user(request.user, pk, action="change_annotation")
    recording, fragment = annotation.recording, annotation.fragment
    kijkwijzer = selectors.kijkwijzer_for_workspace(
        request.user, recording, request.GET.get("kijkwijzer") or request.POST.get("kijkwijzer")
    )
    initial = {
        "kind": annotation.kind,
        "at": annotation.at_seconds,
        "until": annotation.end_seconds,
        "indicator": annotation.indicator_id,
        "body": annotation.body,
    }
    form = AnnotationForm(request.POST or None, initial=initial, kijkwijzer=kijkwijzer)
    if annotation.parent_id is not None:
        for name in ("kind", "at", "until", "indicator"):
            form.fields.pop(name, None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.annotation_update(
                annotation=annotation,
                body=data["body"],
                kind=data.get("kind", annotation.kind),
                at_seconds=data.get("at", annotation.at_seconds),
                end_seconds=data.get("until", annotation.end_seconds),
                indicator=data.get("indicator", annotation.indicator),
                version=kijkwijzer.version if kijkwijzer is not None else None,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(_page_url(recording, fragment))
    return render(
        request,
        "analysis/annotation_edit.html",
        {"annotation": annotation, "form": form, "back": _page_url(recording, fragment)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def annotation_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    annotation = selectors.annotation_get_for_user(request.user, pk, action="change_annotation")
    recording, fragment = annotation.recording, annotation.fragment
    services.annotation_delete(annotation=annotation)
    if request.htmx:
        return _annotations_list(request, recording, fragment)
    return redirect(_page_url(recording, fragment))


@login_required
@require_POST
def annotation_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    parent = selectors.annotation_get_for_user(request.user, pk)
    recording, fragment = parent.recording, parent.fragment
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.annotation_reply(
            parent=parent, author=request.user, body=form.cleaned_data["body"]
        )
    if request.htmx:
        return _annotations_list(
            request, recording, fragment, status=200 if form.is_valid() else 422
        )
    return redirect(_page_url(recording, fragment))


def _annotations_list(request, recording, fragment, status: int = 200) -> HttpResponse:
    return render(
        request,
        "analysis/_panel.html#list",
        panel_context(request, recording, fragment),
        status=status,
    )
