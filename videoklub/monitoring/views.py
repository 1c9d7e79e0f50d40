"""Monitoring as the programme's staff and the schools' leaders see it: thin views."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.monitoring import exports, selectors, services
from videoklub.monitoring.forms import MilestoneForm, TargetForm
from videoklub.monitoring.models import Milestone, Target
from videoklub.monitoring.report import report_context, report_pdf
from videoklub.monitoring.surveys import survey_section
from videoklub.policy import can


def _as_of(request: AuthenticatedHttpRequest) -> date | None:
    """`?op=2027-06-30`: the figures as they stood on that date (a milestone's report)."""
    try:
        return date.fromisoformat(request.GET.get("op", ""))
    except ValueError:
        return None


@login_required
@require_safe
def dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk)
    figures = selectors.programme_figures(request.user, programme, as_of=_as_of(request))
    context = {
        **report_context(figures, survey_section(request.user, programme)),
        "schools": selectors.schools_of(programme),
        "may_manage": can(request.user, "manage_monitoring", programme),
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
@require_safe
def infographic(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk)
    figures = selectors.programme_figures(request.user, programme, as_of=_as_of(request))
    return render(request, "monitoring/infographic.html", report_context(figures))


def _filename(figures: selectors.Figures, extension: str) -> str:
    place = figures.school.name if figures.school else figures.programme.name
    return f"rapport-{slugify(place)}-{figures.as_of:%Y-%m-%d}.{extension}"


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk)
    figures = selectors.programme_figures(request.user, programme, as_of=_as_of(request))
    pdf = report_pdf(request, figures, survey_section(request.user, programme))
    return _download(pdf, "application/pdf", _filename(figures, "pdf"))


@login_required
@require_safe
def figures_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk)
    figures = selectors.programme_figures(request.user, programme, as_of=_as_of(request))
    # A byte order mark, so a spreadsheet opens the Dutch text as UTF-8.
    content = "\ufeff" + exports.as_csv(figures)
    return _download(content, "text/csv; charset=utf-8", _filename(figures, "csv"))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def figures_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk)
    figures = selectors.programme_figures(request.user, programme, as_of=_as_of(request))
    return _download(exports.as_xlsx(figures), XLSX, _filename(figures, "xlsx"))


@login_required
@require_safe
def school_report(request: AuthenticatedHttpRequest, pk: int, school_pk: int) -> HttpResponse:
    place = selectors.school_place_get(request.user, pk, school_pk)
    figures = selectors.school_figures(request.user, place, as_of=_as_of(request))
    return render(request, "monitoring/school_report.html", report_context(figures))


@login_required
@require_safe
def school_report_pdf(request: AuthenticatedHttpRequest, pk: int, school_pk: int) -> HttpResponse:
    place = selectors.school_place_get(request.user, pk, school_pk)
    figures = selectors.school_figures(request.user, place, as_of=_as_of(request))
    return _download(report_pdf(request, figures), "application/pdf", _filename(figures, "pdf"))


# --- Targets and milestones ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    form = TargetForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(programme=programme, by=request.user, target=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Target saved."))
            return redirect("monitoring:targets", pk=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "targets": selectors.targets_of(request.user, programme),
        "milestones": list(programme.milestones.all()),
        "milestone_form": MilestoneForm(),
    }
    return render(request, "monitoring/targets.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: AuthenticatedHttpRequest, pk: int, target_pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    target: Target = selectors.target_get(request.user, programme, target_pk)
    form = TargetForm(request.POST or None, instance=target, programme=programme)
    if request.method == "POST" and form.is_valid():
        services.target_save(programme=programme, by=request.user, target=form.instance)
        messages.success(request, _("Target saved."))
        return redirect("monitoring:targets", pk=programme.pk)
    return render(
        request,
        "monitoring/target_edit.html",
        {"programme": programme, "form": form, "target": target},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def target_delete(request: AuthenticatedHttpRequest, pk: int, target_pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    services.target_delete(
        target=selectors.target_get(request.user, programme, target_pk), by=request.user
    )
    messages.success(request, _("Target removed."))
    return redirect("monitoring:targets", pk=programme.pk)


@login_required
@require_POST
def milestone_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.milestone_save(programme=programme, by=request.user, milestone=form.instance)
        messages.success(request, _("Milestone saved."))
        return redirect("monitoring:targets", pk=programme.pk)
    context = {
        "programme": programme,
        "form": TargetForm(programme=programme),
        "targets": selectors.targets_of(request.user, programme),
        "milestones": list(programme.milestones.all()),
        "milestone_form": form,
    }
    return render(request, "monitoring/targets.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthenticatedHttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    milestone: Milestone = selectors.milestone_get(request.user, programme, milestone_pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        services.milestone_save(programme=programme, by=request.user, milestone=form.instance)
        messages.success(request, _("Milestone saved."))
        return redirect("monitoring:targets", pk=programme.pk)
    return render(
        request,
        "monitoring/milestone_edit.html",
        {"programme": programme, "form": form, "milestone": milestone},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def milestone_delete(request: AuthenticatedHttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_monitoring(request.user, pk, "manage_monitoring")
    services.milestone_delete(
        milestone=selectors.milestone_get(request.user, programme, milestone_pk), by=request.user
    )
    messages.success(request, _("Milestone removed."))
    return redirect("monitoring:targets", pk=programme.pk)
