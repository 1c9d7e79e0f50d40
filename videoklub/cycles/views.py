from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.cycles import selectors, services, steps
from videoklub.cycles.forms import (
    ActionForm,
    ActionStatusForm,
    CoachingVisitForm,
    CommentForm,
    CycleStartForm,
    GrrowStepForm,
    QuestionStepForm,
    ReflectionForm,
)
from videoklub.cycles.history import phase_history
from videoklub.cycles.models import Cycle, LearningQuestion, Phase
from videoklub.observations import selectors as observation_selectors
from videoklub.organisations.selectors import klub_get_for_user

# --- Cycles ------------------------------------------------------------------------------------


@login_required
@require_GET
def cycle_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "cycles/cycle_list.html",
        {
            "cycles": selectors.cycles_of_teacher(request.user),
            "klubs": selectors.teaching_klubs(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    klubs = selectors.teaching_klubs(request.user)
    if not policy.can(request.user, "add_cycle") or not klubs:
        raise PermissionDenied
    initial = {
        "klub": request.GET.get("klub") or klubs[0].pk,
        "core_practice": request.GET.get("praktijk"),
    }
    form = CycleStartForm(request.POST or None, klubs=klubs, initial=initial)
    if request.method == "POST" and form.is_valid():
        klub = form.cleaned_data["klub"]
        decision = request.POST.get("open_cycles")
        still_open = selectors.open_cycles(request.user, klub)
        if still_open and decision not in ("close", "keep"):
            # A cycle is still open in this klub: ask first, close it or keep both.
            return render(
                request,
                "cycles/cycle_start_confirm.html",
                {
                    "klub": klub,
                    "core_practice": form.cleaned_data["core_practice"],
                    "open_cycles": still_open,
                },
            )
        try:
            cycle = services.cycle_start(
                teacher=request.user,
                klub=klub,
                core_practice=form.cleaned_data["core_practice"],
                close_open=decision == "close",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Cycle %(number)s has started.") % {"number": cycle.number})
            return redirect("cycles:question", pk=cycle.pk, step=1)
    return render(request, "cycles/cycle_start.html", {"form": form})


def _detail_context(request: AuthenticatedHttpRequest, cycle: Cycle, **extra) -> dict:
    may_change = policy.can(request.user, "change_cycle", cycle)
    recordings = list(selectors.cycle_recordings(cycle))
    previous_phase, following_phase = steps.neighbour_phases(cycle.phase)
    if cycle.abandoned:
        previous_phase = following_phase = None  # stopped: it stays as it was left
    history = phase_history(selectors.phase_changes(cycle), viewer=request.user)
    return {
        "cycle": cycle,
        "phase_history": history,
        # Why the cycle is in this phase, when the work (not a click) put it there.
        "phase_reason": history[0] if history and history[0].automatic else None,
        "question": getattr(cycle, "learning_question", None),
        "may_change": may_change,
        "may_comment": policy.can(request.user, "comment_on_cycle", cycle),
        # Videos are private: the coach learns how many there are, never where they are.
        "recordings": recordings if may_change else None,
        "recording_count": len(recordings),
        "actions": cycle.actions.all(),
        "reflections": cycle.reflections.all(),
        "comments": selectors.question_comments(cycle),
        "next_step": steps.next_step(cycle) if may_change else None,
        "previous_phase": previous_phase,
        "previous_label": Phase(previous_phase).label if previous_phase else "",
        "following_phase": following_phase,
        "following_label": Phase(following_phase).label if following_phase else "",
        "next_cycle": selectors.next_cycle(cycle),
        # Scores are the teacher's own reading of their lessons: for the teacher's eyes.
        "observation_summary": (
            observation_selectors.observation_summary_for_cycle(cycle) if may_change else None
        ),
        "comparison": (
            observation_selectors.compare_cycles(cycle.previous, cycle)
            if may_change and cycle.previous is not None
            else None
        ),
        "grrow_steps": steps.GRROW_STEPS[:-1],
        "comment_form": CommentForm(),
        "reflection_form": ReflectionForm(),
        "status_choices": ActionStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        **extra,
    }


@login_required
@require_GET
def cycle_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk)
    return render(request, "cycles/cycle_detail.html", _detail_context(request, cycle))


# --- GRROW learning question --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def question_step(request: AuthenticatedHttpRequest, pk: int, step: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    if not 1 <= step <= len(steps.GRROW_STEPS):
        raise Http404
    grrow = steps.GRROW_STEPS[step - 1]
    is_last = step == len(steps.GRROW_STEPS)
    question = getattr(cycle, "learning_question", None) or LearningQuestion(cycle=cycle)
    if is_last:
        initial = {"question": question.question, "core_practice": cycle.core_practice_id}
        form: GrrowStepForm | QuestionStepForm = QuestionStepForm(
            request.POST or None, initial=initial
        )
    else:
        form = GrrowStepForm(request.POST or None, initial={"text": getattr(question, grrow.field)})
        form.fields["text"].label = str(grrow.title)
    if request.method == "POST" and form.is_valid():
        going_back = "back" in request.POST
        if is_last:
            text = form.cleaned_data["question"].strip()
            if not text and not going_back:
                form.add_error(
                    "question",
                    _(
                        "Write your learning question before you finish: one question, "
                        "starting with “Hoe …”."
                    ),
                )
            else:
                services.learning_question_update(cycle=cycle, question=text)
                services.cycle_set_core_practice(
                    cycle=cycle, core_practice=form.cleaned_data["core_practice"]
                )
                if going_back:
                    return redirect("cycles:question", pk=cycle.pk, step=step - 1)
                unticked = [
                    str(label)
                    for name, label, _help in steps.QUESTION_CRITERIA
                    if not form.cleaned_data[name]
                ]
                messages.success(request, _("Your learning question is saved."))
                if unticked:
                    messages.info(
                        request,
                        _("Look at your question again: is it %(criteria)s?")
                        % {"criteria": ", ".join(c.lower() for c in unticked)},
                    )
                return redirect("cycles:detail", pk=cycle.pk)
        else:
            services.learning_question_update(
                cycle=cycle, **{grrow.field: form.cleaned_data["text"]}
            )
            if going_back:
                if step == 1:
                    return redirect("cycles:detail", pk=cycle.pk)
                return redirect("cycles:question", pk=cycle.pk, step=step - 1)
            return redirect("cycles:question", pk=cycle.pk, step=step + 1)
    return render(
        request,
        "cycles/question_step.html",
        {
            "cycle": cycle,
            "form": form,
            "grrow": grrow,
            "step": step,
            "step_count": len(steps.GRROW_STEPS),
            "is_last": is_last,
            "criteria": steps.QUESTION_CRITERIA,
            "question": question,
            "comments": selectors.question_comments(cycle) if is_last else [],
        },
    )


@login_required
@require_POST
def comment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="comment_on_cycle")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.question_comment_create(
            cycle=cycle, author=request.user, body=form.cleaned_data["body"]
        )
        form = CommentForm()
    if request.htmx:
        return render(
            request,
            "cycles/cycle_detail.html#comments",
            _detail_context(request, cycle, comment_form=form),
        )
    if form.errors:
        messages.error(request, _("Write a comment before you send it."))
    return redirect(reverse("cycles:detail", args=[cycle.pk]) + "#comments")


@login_required
@require_POST
def reflection_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    form = ReflectionForm(request.POST)
    if form.is_valid():
        services.reflection_create(cycle=cycle, author=request.user, body=form.cleaned_data["body"])
        form = ReflectionForm()
    if request.htmx:
        return render(
            request,
            "cycles/cycle_detail.html#reflections",
            _detail_context(request, cycle, reflection_form=form),
        )
    if form.errors:
        messages.error(request, _("Write your reflection before you save it."))
    return redirect(reverse("cycles:detail", args=[cycle.pk]) + "#reflections")


# --- Actions -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(
                cycle=cycle,
                created_by=request.user,
                description=form.cleaned_data["description"],
                success_criterion=form.cleaned_data["success_criterion"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is planned."))
            return redirect(reverse("cycles:detail", args=[cycle.pk]) + "#actions")
    return render(request, "cycles/action_form.html", {"cycle": cycle, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.action_get_for_user(request.user, pk)
    form = ActionForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action=item,
                description=form.cleaned_data["description"],
                success_criterion=form.cleaned_data["success_criterion"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect(reverse("cycles:detail", args=[item.cycle_id]) + "#actions")
    return render(
        request, "cycles/action_form.html", {"cycle": item.cycle, "form": form, "action": item}
    )


@login_required
@require_POST
def action_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.action_get_for_user(request.user, pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(action=item, status=form.cleaned_data["status"])
        messages.success(request, _("The status of the action is saved."))
    else:
        messages.error(request, _("Choose a status for the action."))
    return redirect(reverse("cycles:detail", args=[item.cycle_id]) + "#actions")


# --- The klub board -----------------------------------------------------------------------------


@login_required
@require_GET
def klub_board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    klub = klub_get_for_user(request.user, pk, action="view_klub_board")
    return render(
        request,
        "cycles/klub_board.html",
        {
            "klub": klub,
            "rows": selectors.klub_board(klub, request.user),
            "now": timezone.now(),
        },
    )


# --- The coaching log ---------------------------------------------------------------------------


@login_required
@require_GET
def coaching_klub(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    klub = klub_get_for_user(request.user, pk, action="keep_coaching_log")
    return render(
        request,
        "cycles/coaching_klub.html",
        {
            "klub": klub,
            "teachers": selectors.klub_teachers(klub),
            "visits": selectors.coaching_visits_of_klub(klub),
        },
    )


@login_required
@require_GET
def coaching_teacher(request: AuthenticatedHttpRequest, pk: int, teacher_pk: int) -> HttpResponse:
    klub = klub_get_for_user(request.user, pk)
    teacher = selectors.klub_teacher(klub, teacher_pk)
    if not selectors.may_read_coaching_log(request.user, klub, teacher):
        raise PermissionDenied
    return render(
        request,
        "cycles/coaching_teacher.html",
        {
            "klub": klub,
            "teacher": teacher,
            "visits": selectors.coaching_visits_of(klub, teacher),
            "may_keep": policy.can(request.user, "keep_coaching_log", klub),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coaching_create(request: AuthenticatedHttpRequest, pk: int, teacher_pk: int) -> HttpResponse:
    klub = klub_get_for_user(request.user, pk, action="keep_coaching_log")
    teacher = selectors.klub_teacher(klub, teacher_pk)
    form = CoachingVisitForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.coaching_visit_create(
                coach=request.user, teacher=teacher, klub=klub, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The visit is added to the coaching log."))
            return redirect("cycles:coaching_teacher", pk=klub.pk, teacher_pk=teacher.pk)
    return render(
        request,
        "cycles/coaching_form.html",
        {"klub": klub, "teacher": teacher, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def coaching_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = selectors.coaching_visit_get_for_user(request.user, pk)
    form = CoachingVisitForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.coaching_visit_update(visit=visit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect(
                "cycles:coaching_teacher", pk=visit.klub_id, teacher_pk=visit.teacher_id
            )
    return render(
        request,
        "cycles/coaching_form.html",
        {"klub": visit.klub, "teacher": visit.teacher, "form": form, "visit": visit},
    )


# --- The learning trail -------------------------------------------------------------------------


@login_required
@require_GET
def trail(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "cycles/trail.html",
        {"sections": selectors.learning_trail(request.user)},
    )


@login_required
@require_GET
def trail_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    from videoklub.cycles.pdf import trail_pdf as render_pdf

    content = render_pdf(request, teacher=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"leerspoor-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
