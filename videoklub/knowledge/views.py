"""The kennisbank as readers see it: open items public, the rest for signed-in people."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from videoklub.core.http import HtmxHttpRequest
from videoklub.knowledge import finding, selectors
from videoklub.knowledge.forms import SearchForm
from videoklub.knowledge.presentation import dossier_context, video_context
from videoklub.knowledge.services import video_watch_record
from videoklub.policy import can
from videoklub.recordings.streaming import serve, starts_playback


@require_safe
def index(request: HtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, choices=selectors.filter_choices(request.user))
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            query=data["q"],
            core_practice=data["praktijk"],
            level=data["niveau"],
            topic=data["thema"],
        )
    dossiers = selectors.dossiers_for_user(request.user, filters)
    videos = selectors.videos_for_user(request.user, filters)
    # E-courses, practice examples: the kinds apps above this one add (finding.py).
    sections = finding.sections(request.user, filters)
    context = {
        "form": form,
        "dossiers": dossiers,
        "videos": videos,
        "sections": sections,
        "total": len(dossiers) + len(videos) + sum(len(s.hits) for s in sections),
        "filtered": filters != selectors.Filters(),
        "can_edit": can(request.user, "edit_knowledge"),
    }
    template = "knowledge/index.html#results" if request.htmx else "knowledge/index.html"
    return render(request, template, context)


@require_safe
def dossier(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    page = selectors.dossier_get_for_user(request.user, slug)
    return render(request, page.template, dossier_context(page))


@require_safe
def video(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    page = selectors.video_get_for_user(request.user, slug)
    return render(request, page.template, video_context(page))


@require_safe
def video_file(request: HttpRequest, video_uuid: UUID) -> HttpResponseBase:
    video = selectors.knowledge_video_get_for_user(request.user, video_uuid)
    if not video.is_ready:
        raise Http404
    if request.user.is_authenticated and starts_playback(request):
        video_watch_record(user=request.user, video=video)  # "clips watched", members only
    return serve(request, video.rendition, "video/mp4")


@require_safe
def video_poster(request: HttpRequest, video_uuid: UUID) -> HttpResponseBase:
    video = selectors.knowledge_video_get_for_user(request.user, video_uuid)
    if not video.poster:
        raise Http404
    return serve(request, video.poster, "image/jpeg")


@require_safe
def video_subtitles(request: HttpRequest, video_uuid: UUID) -> HttpResponse:
    video = selectors.knowledge_video_get_for_user(request.user, video_uuid)
    if not video.subtitles:
        raise Http404
    with video.subtitles.open("rb") as file:
        data = file.read()
    response = HttpResponse(data, content_type="text/vtt; charset=utf-8")
    # Checked on every request, as the video is: a page closed later stops its subtitles too.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def expert(request: HtmxHttpRequest, indicator: str) -> HttpResponse:
    """Every moment of expert commentary on one kijkwijzer indicator."""
    from videoklub.knowledge.expert import expert_moments

    found, moments = expert_moments(request.user, indicator)
    return render(request, "knowledge/expert.html", {"indicator": found, "moments": moments})
