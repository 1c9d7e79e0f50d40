"""Views that change or undo: a member leaves or is removed, meetings and insights are edited
and deleted. Each asks first (a confirmation page, or with htmx the same form in place)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from videoklub import policy
from videoklub.bookclubs import selectors, services_edit
from videoklub.bookclubs.forms import ClubMeetingForm, InsightForm
from videoklub.bookclubs.models import Insight
from videoklub.bookclubs.views import _club_context
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest


def _remove_or_leave(request: AuthenticatedHttpRequest, member, *, leaving: bool) -> HttpResponse:
    club = member.club
    error = ""
    if request.method == "POST":
        try:
            services_edit.member_remove(member=member, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if leaving:
                messages.success(request, _("You have left the book club."))
                return redirect("bookclubs:list")
            messages.success(
                request,
                _("%(name)s is no longer a member of the book club.")
                % {"name": member.user.full_name},
            )
            if policy.can(request.user, "manage_book_club", club):
                return redirect("bookclubs:member_add", pk=club.pk)
            return redirect("bookclubs:detail", pk=club.pk)
    return render(
        request,
        "bookclubs/member_remove.html",
        {"club": club, "member": member, "leaving": leaving, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = selectors.member_get_for_user(request.user, pk, member_pk)
    return _remove_or_leave(request, member, leaving=member.user_id == request.user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def club_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = selectors.own_membership(request.user, pk)
    return _remove_or_leave(request, member, leaving=True)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_book_club")
    work_forms = selectors.book_club_work_forms()
    form = ClubMeetingForm(request.POST or None, work_forms=work_forms, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services_edit.club_meeting_update(
                meeting=meeting, by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("bookclubs:meeting", pk=meeting.pk)
    return render(
        request,
        "bookclubs/meeting_form.html",
        {"club": meeting.club, "meeting": meeting, "form": form, "work_forms": work_forms},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_book_club")
    club = meeting.club
    if request.method == "POST":
        services_edit.club_meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, _("The meeting has been taken off the schedule."))
        return redirect(reverse("bookclubs:detail", args=[club.pk]) + "#schedule")
    return render(
        request,
        "bookclubs/meeting_delete.html",
        {"club": club, "meeting": meeting, "insight_count": meeting.insights.count()},
    )


def _folder(request: AuthenticatedHttpRequest, insight: Insight) -> HttpResponse:
    """htmx: the whole insights folder again, as the club page shows it."""
    club = selectors.club_get_for_user(request.user, insight.club_id)
    return render(request, "bookclubs/club_detail.html#insights", _club_context(request, club))


@login_required
@require_http_methods(["GET", "POST"])
def insight_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    insight = selectors.insight_get_for_user(request.user, pk, action="edit_insight")
    initial = {f: getattr(insight, f) for f in ("kind", "text", "page_ref", "link")}
    form = InsightForm(
        request.POST or None, request.FILES or None, initial=initial, prefix=f"insight-{pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_edit.insight_update(insight=insight, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return _folder(request, insight)
            messages.success(request, _("The insight has been saved."))
            return redirect(reverse("bookclubs:detail", args=[insight.club_id]) + "#insights")
    context = {"insight": insight, "club": insight.club, "form": form}
    if request.htmx:
        # In place in the folder; with errors too (htmx swaps only a 2xx answer).
        response = render(request, "bookclubs/insight_edit.html#edit", context)
        return reswap(retarget(response, f"#insight-{pk}"), "outerHTML")
    status = 400 if form.errors else 200
    return render(request, "bookclubs/insight_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def insight_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    insight = selectors.insight_get_for_user(request.user, pk, action="edit_insight")
    if request.method == "POST":
        services_edit.insight_delete(insight=insight, by=request.user)
        if request.htmx:
            return _folder(request, insight)
        messages.success(request, _("The insight has been deleted."))
        return redirect(reverse("bookclubs:detail", args=[insight.club_id]) + "#insights")
    template = "bookclubs/insight_delete.html" + ("#confirm" if request.htmx else "")
    return render(request, template, {"insight": insight, "club": insight.club})
