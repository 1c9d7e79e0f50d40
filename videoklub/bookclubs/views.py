"""Views of book clubs: thin, each asks a selector for the object and a service to write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.bookclubs import ical, selectors, services
from videoklub.bookclubs.forms import (
    ClubEditForm,
    ClubForm,
    ClubMeetingForm,
    EvaluationForm,
    ExperimentForm,
    InsightForm,
    LogbookForm,
    MeetingNotesForm,
    MemberAddForm,
    ReviewForm,
    RoleForm,
    meeting_initial,
)
from videoklub.bookclubs.models import EVALUATION_ITEMS, ROLE_HINTS, BookClub, Role
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.organisations.models import Programme, School


@login_required
@require_GET
def club_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    clubs = list(selectors.clubs_for_user(request.user))
    schools = list(selectors.schools_for_new_club(request.user))
    return render(
        request,
        "bookclubs/club_list.html",
        {
            "clubs": clubs,
            "schools": schools,
            "may_create": bool(schools) or selectors.programmes_for_new_club(request.user).exists(),
        },
    )


def _places(user) -> list[tuple[str, str]]:
    schools = [(f"school-{s.pk}", str(s)) for s in selectors.schools_for_new_club(user)]
    programmes = [
        (f"programme-{p.pk}", _("Across schools: %(programme)s") % {"programme": p})
        for p in selectors.programmes_for_new_club(user)
    ]
    return schools + programmes


@login_required
@require_http_methods(["GET", "POST"])
def club_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    places = _places(request.user)
    if not places:
        raise Http404  # nobody without a school or programme can start one: see the policy
    form = ClubForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kind, _sep, pk = data.pop("where").partition("-")
        where = (
            {"school": School.objects.get(pk=pk)}
            if kind == "school"
            else {"programme": Programme.objects.get(pk=pk)}
        )
        try:
            club = services.book_club_create(by=request.user, **where, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The book club has been started. Invite colleagues."))
            return redirect("bookclubs:detail", pk=club.pk)
    return render(request, "bookclubs/club_form.html", {"form": form})


def _club_context(request: AuthenticatedHttpRequest, club: BookClub, **extra) -> dict:
    schedule = selectors.club_schedule(club)
    upcoming = selectors.next_meeting(schedule)
    return {
        "club": club,
        "members": selectors.club_members(club),
        "schedule": schedule,
        "upcoming": upcoming,
        "insights": list(selectors.club_insights(club)),
        "experiments": list(selectors.club_experiments(club)),
        "may_manage": policy.can(request.user, "manage_book_club", club),
        "role_hints": [(role.label, ROLE_HINTS[role]) for role in Role],
        "insight_form": InsightForm(),
        "experiment_form": ExperimentForm(),
        **extra,
    }


@login_required
@require_GET
def club_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk)
    template = "bookclubs/club_detail.html"
    if request.htmx and request.GET.get("part") == "insights":
        template += "#insights"
    return render(request, template, _club_context(request, club))


@login_required
@require_http_methods(["GET", "POST"])
def club_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="manage_book_club")
    members = selectors.club_members(club)
    form = ClubEditForm(request.POST or None, club=club, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.book_club_update(club=club, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The book club has been saved."))
            return redirect("bookclubs:detail", pk=club.pk)
    return render(request, "bookclubs/club_form.html", {"form": form, "club": club})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="manage_book_club")
    form = MemberAddForm(request.POST or None, candidates=selectors.colleagues_to_invite(club))
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(club=club, user=form.cleaned_data["user"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your colleague is now a member of the book club."))
            return redirect("bookclubs:member_add", pk=club.pk)
    return render(
        request,
        "bookclubs/member_form.html",
        {
            "club": club,
            "form": form,
            "members": selectors.club_members(club),
            "may_remove": policy.can(request.user, "remove_book_club_member", club),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="manage_book_club")
    work_forms = selectors.book_club_work_forms()
    form = ClubMeetingForm(
        request.POST or None,
        work_forms=work_forms,
        initial=meeting_initial(club.meetings.count()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.club_meeting_create(
                club=club, by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is on the reading schedule."))
            return redirect("bookclubs:meeting", pk=meeting.pk)
    return render(
        request,
        "bookclubs/meeting_form.html",
        {"club": club, "form": form, "work_forms": work_forms},
    )


@login_required
@require_POST
def roles_rotate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="manage_book_club")
    try:
        services.roles_rotate(club=club, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The roles have been divided in turn over the schedule."))
    return redirect(reverse("bookclubs:detail", args=[club.pk]) + "#schedule")


@login_required
@require_GET
def club_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk)
    body = ical.calendar_bytes(
        selectors.club_schedule(club),
        url_for=lambda m: request.build_absolute_uri(reverse("bookclubs:meeting", args=[m.pk])),
        name=club.title,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="boekenclub-{club.pk}.ics"'
    return response


def _meeting_page(
    request: AuthenticatedHttpRequest, meeting, *, form=None, role_form=None, status: int = 200
) -> HttpResponse:
    club = meeting.club
    initial = {"questions": meeting.questions, "notes": meeting.notes, "held": meeting.held}
    may_manage = policy.can(request.user, "manage_book_club", club)
    return render(
        request,
        "bookclubs/meeting_detail.html",
        {
            "meeting": meeting,
            "club": club,
            "roles": selectors.meeting_roles(meeting),
            "form": form or MeetingNotesForm(initial=initial),
            "may_manage": may_manage,
            "role_form": (role_form or RoleForm(club=club)) if may_manage else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    if request.method == "GET":
        return _meeting_page(request, meeting)
    form = MeetingNotesForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, meeting, form=form, status=400)
    services.club_meeting_save(meeting=meeting, by=request.user, **form.cleaned_data)
    if request.htmx:
        saved = MeetingNotesForm(initial=form.cleaned_data)
        return render(
            request,
            "bookclubs/meeting_detail.html#notes",
            {"meeting": meeting, "form": saved, "saved": True},
        )
    messages.success(request, _("The meeting has been saved."))
    return redirect("bookclubs:meeting", pk=meeting.pk)


@login_required
@require_POST
def role_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_book_club")
    form = RoleForm(request.POST, club=meeting.club)
    if form.is_valid():
        try:
            services.role_assign(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The role has been given."))
            return redirect(reverse("bookclubs:meeting", args=[meeting.pk]) + "#roles")
    return _meeting_page(request, meeting, role_form=form, status=400)


@login_required
@require_POST
def insight_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="write_book_club")
    form = InsightForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.insight_create(club=club, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The insight is in the club’s folder."))
            return redirect(reverse("bookclubs:detail", args=[club.pk]) + "#insights")
    # Bad input: the page again with the form as typed and its errors, nothing lost.
    return render(
        request,
        "bookclubs/club_detail.html",
        _club_context(request, club, insight_form=form),
        status=400,
    )


@login_required
@require_POST
def insight_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    insight = selectors.insight_get_for_user(request.user, pk, action="share_insight")
    share = request.POST.get("share") == "1"
    services.insight_share(insight=insight, by=request.user, share=share)
    school_pk = request.POST.get("school", "")
    if school_pk.isdigit():
        # Taken back from the school's page: back there, where it is gone now.
        messages.success(request, _("The insight is for the club only again."))
        return redirect("bookclubs:school_insights", pk=int(school_pk))
    if request.htmx:
        return render(
            request,
            "bookclubs/club_detail.html#insights",
            _club_context(request, insight.club),
        )
    messages.success(
        request,
        _("The insight is shared with the school team.")
        if share
        else _("The insight is for the club only again."),
    )
    return redirect(reverse("bookclubs:detail", args=[insight.club_id]) + "#insights")


@login_required
@require_GET
def insight_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    insight = selectors.insight_get_for_user(request.user, pk)
    if not insight.file:
        raise Http404
    return FileResponse(insight.file.open("rb"), as_attachment=True)


@login_required
@require_POST
def experiment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="write_book_club")
    form = ExperimentForm(request.POST)
    if form.is_valid():
        experiment = services.experiment_create(club=club, member=request.user, **form.cleaned_data)
        messages.success(request, _("Your experiment is noted. Keep its logbook as you go."))
        return redirect("bookclubs:experiment", pk=experiment.pk)
    return render(
        request,
        "bookclubs/club_detail.html",
        _club_context(request, club, experiment_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def experiment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    experiment = selectors.experiment_get_for_user(request.user, pk)
    club = experiment.club
    meetings = club.meetings.order_by("starts_at")
    logbook = LogbookForm(request.POST if "body" in request.POST else None)
    review = ReviewForm(
        request.POST if "review" in request.POST else None,
        meetings=meetings,
        initial={"meeting": experiment.reviewed_at_meeting_id, "review": experiment.review},
    )
    if request.method == "POST":
        try:
            if logbook.is_bound and logbook.is_valid():
                services.logbook_add(experiment=experiment, by=request.user, **logbook.cleaned_data)
                messages.success(request, _("The logbook entry has been added."))
                return redirect("bookclubs:experiment", pk=experiment.pk)
            if review.is_bound and review.is_valid():
                services.experiment_review(
                    experiment=experiment, by=request.user, **review.cleaned_data
                )
                messages.success(request, _("The review has been saved."))
                return redirect("bookclubs:experiment", pk=experiment.pk)
        except ValidationError as error:
            add_service_errors(logbook if logbook.is_bound else review, error)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "bookclubs/experiment_detail.html",
        {
            "experiment": experiment,
            "club": club,
            "entries": experiment.entries.order_by("created_at", "pk"),
            "logbook_form": logbook,
            "review_form": review,
            "is_mine": experiment.member_id == request.user.pk,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_get_for_user(request.user, pk, action="write_book_club")
    existing = selectors.evaluation_of(club, request.user)
    initial = {}
    if existing is not None:
        initial = {name: str(getattr(existing, name)) for name, _s in EVALUATION_ITEMS}
        initial["open_answer"] = existing.open_answer
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.evaluation_submit(
            club=club,
            user=request.user,
            answers=form.answers(),
            open_answer=form.cleaned_data["open_answer"],
        )
        messages.success(request, _("Thank you: your self-evaluation has been saved."))
        return redirect("bookclubs:detail", pk=club.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "bookclubs/evaluation_form.html",
        {"club": club, "form": form, "existing": existing},
        status=status,
    )


@login_required
@require_GET
def school_insights(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school = selectors.school_get_for_insights(request.user, pk)
    insights = list(selectors.shared_insights_for_school(school))
    return render(
        request,
        "bookclubs/school_insights.html",
        {
            "school": school,
            "insights": insights,
            "may_unshare": selectors.insights_to_unshare(request.user, insights),
        },
    )
