"""E-courses as learners and staff see them: thin views over `selectors` and `services`.

Open courses are public (overview and text steps, no progress kept); answering, the
certificate and feedback need an account; the feedback overview is for the kennisbank's
editors.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from videoklub.courses import selectors, services, team
from videoklub.courses.forms import FeedbackForm, StepAnswerForm, TeamForm
from videoklub.knowledge.presentation import video_context
from videoklub.knowledge.selectors import video_page_readable
from videoklub.policy import can


@require_safe
def index(request: HtmxHttpRequest) -> HttpResponse:
    choices = selectors.core_practice_choices(request.user)
    practice = request.GET.get("praktijk", "")
    if practice not in dict(choices):
        practice = ""  # an unknown value shows everything, as the dossiers' filters do
    context = {
        "items": selectors.courses_for_user(request.user, core_practice=practice),
        "choices": choices,
        "practice": practice,
    }
    template = "courses/course_list.html#results" if request.htmx else "courses/course_list.html"
    return render(request, template, context)


@require_safe
def detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, course)
    outline = selectors.outline_for(course, enrolment)
    resume = None
    if enrolment and (step := outline.resume_at(enrolment.last_step_id)):
        resume = step.id
    context = {
        "course": course,
        "outline": outline,
        "enrolment": enrolment,
        "resume": resume,
        "feedback_given": selectors.feedback_of(request.user, course) is not None,
        "can_read_feedback": can(request.user, "read_course_feedback", course),
        "team_klubs": team.team_klubs_for_course(request.user, course),
    }
    klubs = team.klubs_to_join(request.user)
    if klubs:
        context["team_form"] = TeamForm(
            klubs=klubs, initial={"klub": (enrolment.klub_id if enrolment else None) or ""}
        )
    return render(request, course.template, context)


@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HtmxHttpRequest, slug: str, step_id: str) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, course)
    outline = selectors.outline_for(course, enrolment)
    current = selectors.step_get(outline, step_id)
    signed_in = request.user.is_authenticated
    # A visitor of an open course reads its text; answering needs an account.
    if not signed_in and (current.kind != "text" or request.method == "POST"):
        return redirect_to_login(request.get_full_path())
    state = outline.state(step_id)
    assert state is not None
    previous, following = outline.neighbours(step_id)
    initial = {}
    if state.response is not None:
        initial = {
            "answer": state.response.answer,
            "choice": state.response.choice,
            "share": state.response.shared_with_klub,
            **StepAnswerForm.initial_from_answers(state.response.answers),
        }
    form = StepAnswerForm(
        request.POST if request.method == "POST" else None, step=current, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_response_save(
                user=request.user,  # type: ignore[arg-type]
                course=course,
                step_id=current.id,
                answer=form.cleaned_data.get("answer", ""),
                choice=form.cleaned_data.get("choice"),
                shared_with_klub=form.cleaned_data.get("share", False),
                answers=form.task_answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if current.answered:
                # Stay: the feedback or model answer shows now, beside the answer.
                return redirect("courses:step", slug=course.slug, step_id=current.id)
            if following is not None:
                return redirect("courses:step", slug=course.slug, step_id=following.id)
            return redirect("courses:detail", slug=course.slug)
    chosen = None
    if state.response is not None and current.is_choice and state.response.choice is not None:
        choices = current.value["choices"]
        if state.response.choice < len(choices):
            chosen = choices[state.response.choice]
    context = {
        **_video_of(request, current),
        "course": course,
        "outline": outline,
        "step": current,
        "state": state,
        "previous": previous,
        "following": following,
        "form": form,
        "chosen": chosen,
        "may_start_cycle": course.core_practice_id is not None and can(request.user, "add_cycle"),
        "team_answers": team.team_answers_for_step(request.user, course, enrolment, current),
    }
    template = "courses/step.html#step" if request.htmx else "courses/step.html"
    return render(request, template, context)


def _video_of(request: HtmxHttpRequest, current) -> dict:
    """A video step's player, chapters and expert commentary (nothing for other steps, or when
    the video page is not published or not readable to this person)."""
    if current.kind != "video":
        return {}
    page = video_page_readable(request.user, current.value["video"])
    if page is None:
        return {"video": None}
    return video_context(page)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_choose(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Take the course alone or with a klub: starts it, or changes the klub of a started one."""
    course = selectors.course_get_for_user(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, course)
    klubs = team.klubs_to_join(request.user)
    form = TeamForm(
        request.POST if request.method == "POST" else None,
        klubs=klubs,
        initial={"klub": (enrolment.klub_id if enrolment else None) or ""},
    )
    if request.method == "POST" and form.is_valid():
        klub = next((k for k in klubs if k.pk == form.cleaned_data["klub"]), None)
        go_to = reverse("courses:detail", args=[course.slug])
        try:
            if enrolment is None:
                services.enrolment_start(user=request.user, course=course, klub=klub)
                first = selectors.outline_for(course, None).steps
                if first:
                    go_to = reverse("courses:step", args=[course.slug, first[0].step.id])
            else:
                services.enrolment_team_set(enrolment=enrolment, klub=klub, by=request.user)
                if klub is None:
                    messages.success(request, _("You take this course on your own now."))
                else:
                    messages.success(
                        request,
                        _("You take this course with your klub %(name)s now.") % {"name": klub},
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The form swaps itself on an error; on success the whole page moves on.
            return HttpResponseClientRedirect(go_to) if request.htmx else redirect(go_to)
    context = {"course": course, "enrolment": enrolment, "team_form": form}
    template = "courses/team_choose.html#form" if request.htmx else "courses/team_choose.html"
    return render(request, template, context)


@login_required
@require_safe
def team_detail(request: AuthenticatedHttpRequest, slug: str, klub_id: int) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    course_team = team.course_team_get(request.user, course, klub_id)
    return render(request, "courses/team_detail.html", {"course": course, "team": course_team})


@login_required
@require_safe
def certificate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    from videoklub.courses.pdf import certificate_pdf

    course = selectors.course_get_for_user(request.user, slug)
    enrolment = selectors.completed_enrolment_get(request.user, course)
    response = HttpResponse(
        certificate_pdf(request, enrolment=enrolment), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="getuigschrift-{course.slug}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    selectors.completed_enrolment_get(request.user, course)
    given = selectors.feedback_of(request.user, course)
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        questions=list(course.feedback_questions),
        initial=FeedbackForm.initial_from(given.answers) if given else None,
    )
    if request.method == "POST" and form.is_valid():
        services.feedback_save(user=request.user, course=course, answers=form.answers())
        messages.success(request, _("Thank you for your feedback."))
        return redirect("courses:detail", slug=course.slug)
    return render(
        request,
        "courses/feedback_form.html",
        {"course": course, "form": form, "given": given},
    )


@login_required
@require_safe
def feedback_overview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    overview = selectors.feedback_overview(request.user, course)
    return render(request, "courses/feedback_overview.html", {"overview": overview})


@login_required
@require_safe
def feedback_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, slug)
    overview = selectors.feedback_overview(request.user, course)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{course.slug}.csv"'
    # A byte order mark, so a spreadsheet opens the Dutch text as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([q.question for q in overview.questions])
    writer.writerows(overview.rows)
    return response


@login_required
@require_safe
def feedback_pdf(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    from videoklub.courses.pdf import feedback_pdf as render_pdf

    course = selectors.course_get_for_user(request.user, slug)
    overview = selectors.feedback_overview(request.user, course)
    response = HttpResponse(render_pdf(request, overview=overview), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="feedback-{course.slug}.pdf"'
    return response
