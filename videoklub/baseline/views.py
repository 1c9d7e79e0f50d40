"""School tracks: thin views over `selectors.py` and `services.py`. Every page works without
JavaScript; with htmx the checklist and the action statuses update in place."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub import policy
from videoklub.baseline import selectors, services
from videoklub.baseline.checklist import checklist_item, checklist_items, checklist_reference
from videoklub.baseline.forms import (
    ActionItemForm,
    BaselineForm,
    EvidenceForm,
    FeedbackForm,
    PhaseForm,
    ReportForm,
    StatusForm,
)
from videoklub.baseline.models import PHASE_ORDER, ImplementationPhase, SchoolTrack
from videoklub.baseline.pdf import report_pdf as render_pdf
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest


def _track_url(track: SchoolTrack, anchor: str = "") -> str:
    url = reverse("baseline:track", args=[track.programme_id, track.school_id])
    return f"{url}#{anchor}" if anchor else url


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def _abilities(user: Any, track: SchoolTrack) -> dict[str, bool]:
    return {
        "may_edit_baseline": policy.can(user, "edit_baseline", track),
        "may_read_report": policy.can(user, "view_baseline_report", track),
        "may_update_plan": policy.can(user, "update_action_plan", track),
        "may_update_implementation": policy.can(user, "update_implementation", track),
    }


def _track_context(request: AuthenticatedHttpRequest, track: SchoolTrack) -> dict[str, Any]:
    data = selectors.track_page_data(track)
    ticks = data.pop("ticks")
    phases = [
        {
            "value": phase,
            "label": ImplementationPhase(phase).label,
            "current": phase == track.phase,
            "items": [
                {"item": item, "tick": ticks.get(item.key)} for item in checklist_items(phase)
            ],
        }
        for phase in PHASE_ORDER
    ]
    return {
        "track": track,
        "programme": track.programme,
        "school": track.school,
        "report_paragraphs": _paragraphs(track.report),
        "phases": phases,
        "reference": checklist_reference(),
        "status_choices": StatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        **data,
        **_abilities(request.user, track),
    }


@login_required
@require_safe
def programme_tracks(request: AuthenticatedHttpRequest, programme_pk: int) -> HttpResponse:
    programme = selectors.programme_for_tracks(request.user, programme_pk)
    rows = selectors.tracks_for_programme(request.user, programme)
    context = {
        "programme": programme,
        "rows": rows,
        "phase_counts": [
            (ImplementationPhase(phase).label, count)
            for phase, count in selectors.phase_counts(programme).items()
        ],
    }
    return render(request, "baseline/programme_tracks.html", context)


@login_required
@require_safe
def track_detail(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(request.user, programme_pk, school_pk)
    return render(request, "baseline/track.html", _track_context(request, track))


def _form_page(
    request: AuthenticatedHttpRequest,
    track: SchoolTrack,
    form: Any,
    *,
    title: str,
    status: int = 200,
    template: str = "baseline/track_form.html",
) -> HttpResponse:
    context = {"track": track, "form": form, "title": title}
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def baseline_edit(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(request.user, programme_pk, school_pk, action="edit_baseline")
    current = {p.core_practice_id: (p.priority, p.comment) for p in track.priorities.all()}
    form = BaselineForm(request.POST or None, instance=track, priorities=current)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.baseline_update(
                    track=track,
                    by=request.user,
                    data=form.baseline_data(),
                    priorities=form.priorities(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The baseline was saved."))
                return redirect(_track_url(track, "nulmeting"))
        # Nothing is lost on a refusal: the form comes back with what was typed.
        return _form_page(
            request,
            track,
            form,
            title=_("Intake and questionnaire"),
            status=400,
            template="baseline/baseline_form.html",
        )
    return _form_page(
        request,
        track,
        form,
        title=_("Intake and questionnaire"),
        template="baseline/baseline_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(request.user, programme_pk, school_pk, action="edit_baseline")
    initial = {"report": track.report, "final": track.report_is_final}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_update(
                    track=track,
                    by=request.user,
                    report=form.cleaned_data["report"],
                    final=form.cleaned_data["final"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The analysis report was saved."))
                return redirect(_track_url(track, "analyse"))
        return _form_page(request, track, form, title=_("Analysis report"), status=400)
    return _form_page(request, track, form, title=_("Analysis report"))


@login_required
@require_safe
def report_pdf(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="view_baseline_report"
    )
    context = {
        "report_paragraphs": _paragraphs(track.report),
        "action_items": selectors.track_page_data(track)["action_items"],
    }
    content = render_pdf(request, track=track, context=context)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"analyse-{slugify(track.school.name) or track.school_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feedback_edit(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(request.user, programme_pk, school_pk, action="edit_baseline")
    initial = {
        "feedback_on": track.feedback_on,
        "feedback_participants": track.feedback_participants,
        "feedback_notes": track.feedback_notes,
        "focus_practice": track.focus_practice_id,
        "focus_statement": track.focus_statement,
    }
    form = FeedbackForm(request.POST or None, initial=initial)
    title = _("Feedback conversation and focus")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_update(
                    track=track,
                    by=request.user,
                    data=form.feedback_data(),
                    focus_practice=form.cleaned_data["focus_practice"],
                    focus_statement=form.cleaned_data["focus_statement"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The feedback conversation and focus were saved."))
                return redirect(_track_url(track, "focus"))
        return _form_page(request, track, form, title=title, status=400)
    return _form_page(request, track, form, title=title)


# --- Action plan -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_create(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_action_plan"
    )
    form = ActionItemForm(request.POST or None, people=selectors.track_people(track))
    title = _("New action")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.action_item_create(track=track, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The action was added to the action plan."))
                return redirect(_track_url(track, "actieplan"))
        return _form_page(request, track, form, title=title, status=400)
    return _form_page(request, track, form, title=title)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int, item_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_action_plan"
    )
    item = selectors.action_item_for_track(track, item_pk)
    initial = {
        "goal": item.goal,
        "action": item.action,
        "owner": item.owner_id,
        "owner_text": item.owner_text,
        "due_on": item.due_on,
        "status": item.status,
    }
    form = ActionItemForm(
        request.POST or None, initial=initial, people=selectors.track_people(track)
    )
    title = _("Change the action")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.action_item_update(item=item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The action was saved."))
                return redirect(_track_url(track, "actieplan"))
        return _form_page(request, track, form, title=title, status=400)
    context = {"track": track, "form": form, "title": title, "item": item}
    return render(request, "baseline/track_form.html", context)


@login_required
@require_POST
def action_status(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int, item_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_action_plan"
    )
    item = selectors.action_item_for_track(track, item_pk)
    form = StatusForm(request.POST)
    status = 200
    if form.is_valid():
        services.action_item_set_status(
            item=item, by=request.user, status=form.cleaned_data["status"]
        )
    else:
        messages.error(request, _("Choose a status from the list."))
        status = 422 if request.htmx else 400
    if request.htmx:
        context = _track_context(request, track)
        return render(request, "baseline/track.html#action_plan", context, status=status)
    return redirect(_track_url(track, "actieplan"))


@login_required
@require_POST
def action_delete(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int, item_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_action_plan"
    )
    item = selectors.action_item_for_track(track, item_pk)
    services.action_item_delete(item=item, by=request.user)
    messages.success(request, _("The action was removed from the action plan."))
    return redirect(_track_url(track, "actieplan"))


# --- Implementation --------------------------------------------------------------------------


@login_required
@require_POST
def checklist_tick(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_implementation"
    )
    status = 200
    try:
        services.checklist_tick(
            track=track,
            by=request.user,
            item_key=request.POST.get("item", ""),
            ticked=request.POST.get("ticked") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        status = 400
    if request.htmx:
        context = _track_context(request, track)
        return render(request, "baseline/track.html#implementation", context, status=status)
    return redirect(_track_url(track, "implementatie"))


@login_required
@require_http_methods(["GET", "POST"])
def phase_move(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_implementation"
    )
    index = PHASE_ORDER.index(track.phase)
    following = PHASE_ORDER[min(index + 1, len(PHASE_ORDER) - 1)]
    form = PhaseForm(request.POST or None, initial={"to_phase": following})
    context: dict[str, Any] = {"track": track, "form": form, "unticked": []}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.phase_move(
                    track=track,
                    by=request.user,
                    to_phase=form.cleaned_data["to_phase"],
                    note=form.cleaned_data["note"],
                    confirmed=form.cleaned_data["confirmed"],
                )
            except services.ConfirmationNeeded as pending:
                # Not refused: the same form again, with what is still open and a confirmation.
                context["unticked"] = [checklist_item(key) for key in pending.unticked]
                data = request.POST.copy()
                data["confirmed"] = "1"
                context["form"] = PhaseForm(data)
                context["form"].is_valid()
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                messages.success(request, _("The implementation phase was changed."))
                return redirect(_track_url(track, "implementatie"))
        else:
            status = 400
    return render(request, "baseline/phase_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_implementation"
    )
    form = EvidenceForm(
        request.POST or None,
        initial={"phase": track.phase},
        meetings=selectors.track_meetings(track),
    )
    title = _("Add evidence")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.evidence_add(track=track, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The evidence was added."))
                return redirect(_track_url(track, "implementatie"))
        return _form_page(request, track, form, title=title, status=400)
    return _form_page(request, track, form, title=title)


@login_required
@require_POST
def evidence_remove(
    request: AuthenticatedHttpRequest, programme_pk: int, school_pk: int, pk: int
) -> HttpResponse:
    track = selectors.track_for_user(
        request.user, programme_pk, school_pk, action="update_implementation"
    )
    link = selectors.evidence_for_track(track, pk)
    services.evidence_remove(link=link, by=request.user)
    messages.success(request, _("The evidence was removed."))
    return redirect(_track_url(track, "implementatie"))
