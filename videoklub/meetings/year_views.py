"""The coach's year and everyone's calendar subscription."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from videoklub import policy
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.meetings import feed, ical
from videoklub.meetings.year import SESSIONS_PLANNED, coach_year, current_school_year


@login_required
@require_GET
def year(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.authorize(request.user, "view_coach_year", None)
    try:
        start = int(request.GET.get("schooljaar", current_school_year()))
    except ValueError:
        start = current_school_year()
    if not 2000 <= start <= 2100:
        raise Http404
    return render(
        request,
        "meetings/year.html",
        {
            "year": coach_year(request.user, start),
            "planned_low": SESSIONS_PLANNED[0],
            "planned_high": SESSIONS_PLANNED[1],
            "feed_url": feed.feed_url(request.user),
        },
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """What a calendar app reads: no login, the secret in the URL is the key."""
    owner = feed.feed_owner(token)
    if owner is None:
        raise Http404
    meetings, visits = feed.feed_items(owner)
    body = ical.feed_bytes(
        meetings,
        visits,
        url_for=lambda m: settings.SITE_URL + reverse("meetings:detail", args=[m.pk]),
        name=_("VideoKLuB – %(name)s") % {"name": owner.full_name},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="videoklub.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def calendar_feed_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed.calendar_feed_reset(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar link is new. The old one no longer works: add the new one to your "
            "calendar app."
        ),
    )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("home:home")
