"""Views of the learning community: thin, each asks a selector for the object and a service to
write. The learning log's views are in views_log.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from videoklub import policy
from videoklub.community import ical, selectors, services
from videoklub.community.forms import AttendanceForm, EventForm, MaterialForm
from videoklub.community.models import Event
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.practice.models import PracticeExample


@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coach's (or staff member's) community: their programmes and the events to come."""
    programmes = list(selectors.programmes_for_user(request.user))
    if not programmes:
        raise Http404
    return render(
        request,
        "community/home.html",
        {
            "programmes": [
                (p, policy.can(request.user, "manage_community", p)) for p in programmes
            ],
            "events": selectors.upcoming_events_for_user(request.user),
            "may_register": {
                p.pk for p in programmes if policy.can(request.user, "register_for_event", p)
            },
        },
    )


@login_required
@require_GET
def programme(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.programme_get_for_user(request.user, pk)
    events = selectors.events_of_programme(found, request.user)
    return render(
        request,
        "community/programme.html",
        {
            "programme": found,
            "upcoming": [e for e in events if not e.is_past],
            "past": [e for e in reversed(events) if e.is_past],
            "may_manage": policy.can(request.user, "manage_community", found),
            "may_register": policy.can(request.user, "register_for_event", found),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Staff's plan of the year by month against the usual year, with a quick-add form."""
    found = selectors.programme_get_for_user(request.user, pk, action="manage_community")
    form = EventForm(request.POST or None, programme=found)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, programme=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is planned; the coaches have been told."))
            return redirect(reverse("community:year_plan", args=[found.pk]) + f"#e{event.pk}")
    return render(
        request,
        "community/year_plan.html",
        {
            "programme": found,
            "plan": selectors.year_plan(found, request.user),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.programme_get_for_user(request.user, pk, action="manage_community")
    initial = {"kind": request.GET.get("soort", "")} if request.GET.get("soort") else None
    form = EventForm(request.POST or None, programme=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, programme=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is planned; the coaches have been told."))
            return redirect("community:event", pk=event.pk)
    return render(
        request, "community/event_form.html", {"programme": found, "form": form, "event": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(request.user, pk, action="manage_community")
    form = EventForm(request.POST or None, programme=event.programme, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("community:event", pk=event.pk)
    return render(
        request,
        "community/event_form.html",
        {"programme": event.programme, "form": form, "event": event},
    )


@login_required
@require_POST
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(request.user, pk, action="manage_community")
    services.event_cancel(event=event, by=request.user)
    messages.success(request, _("The event has been cancelled; registered coaches are told."))
    return redirect("community:event", pk=event.pk)


def _event_page(
    request: AuthenticatedHttpRequest, event: Event, *, material_form=None, status: int = 200
) -> HttpResponse:
    may_manage = policy.can(request.user, "manage_community", event)
    if may_manage and material_form is None:
        material_form = MaterialForm(knowledge=selectors.knowledge_choices(request.user))
    return render(
        request,
        "community/event_detail.html",
        {
            "event": event,
            "materials": selectors.event_materials(event),
            "may_manage": may_manage,
            "may_register": policy.can(request.user, "register_for_event", event),
            "is_registered": selectors.is_registered(event, request.user),
            "registered_count": event.registrations.count(),
            "material_form": material_form if may_manage else None,
        },
        status=status,
    )


@login_required
@require_GET
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, selectors.event_get_for_user(request.user, pk))


@login_required
@require_POST
def registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Register (or, with `afmelden`, unregister) the coach for the event."""
    event = selectors.event_get_for_user(request.user, pk, action="register_for_event")
    try:
        if request.POST.get("afmelden"):
            services.registration_cancel(event=event, by=request.user)
            messages.success(request, _("You are no longer registered."))
        else:
            services.registration_create(event=event, by=request.user)
            messages.success(request, _("You are registered. See you there!"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("community:event", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(request.user, pk, action="manage_community")
    rows = selectors.attendance_list(event)
    form = AttendanceForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(event=event, by=request.user, statuses=form.statuses())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attendance has been saved."))
            return redirect("community:event", pk=event.pk)
    return render(
        request,
        "community/attendance.html",
        {"event": event, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def material_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(request.user, pk, action="manage_community")
    knowledge = selectors.knowledge_choices(request.user)
    form = MaterialForm(request.POST, request.FILES, knowledge=knowledge)
    if form.is_valid():
        data = form.cleaned_data
        kind, _sep, item_pk = (data.get("item") or "").partition("-")
        try:
            services.material_add(
                event=event,
                by=request.user,
                title=data["title"],
                file=data.get("file"),
                url=data.get("url") or "",
                page=Page.objects.get(pk=item_pk) if kind == "page" else None,
                practice_example=(
                    PracticeExample.objects.get(pk=item_pk) if kind == "practice" else None
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The material has been added."))
            return redirect(reverse("community:event", args=[event.pk]) + "#materials")
    return _event_page(request, event, material_form=form, status=400)


@login_required
@require_GET
def material_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    material = selectors.material_get_for_user(request.user, pk)
    if not material.file:
        raise Http404
    return FileResponse(material.file.open("rb"), as_attachment=True)


@login_required
@require_POST
def material_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_get_for_user(request.user, pk, action="manage_community")
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material has been removed."))
    return redirect(reverse("community:event", args=[material.event_id]) + "#materials")


@login_required
@require_GET
def directory(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.programme_get_for_user(request.user, pk)
    staff = policy.can(request.user, "manage_community", found)
    return render(
        request,
        "community/directory.html",
        {
            "programme": found,
            "rows": selectors.coach_directory(found, with_log_counts=staff),
            "staff": staff,
        },
    )


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def event_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(request.user, pk)
    body = ical.calendar_bytes(
        [event],
        url_for=lambda e: request.build_absolute_uri(reverse("community:event", args=[e.pk])),
        name=event.title,
    )
    return _ics(body, f"leergemeenschap-{event.pk}.ics")


@login_required
@require_GET
def my_ics(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The events the coach registered for, as one calendar."""
    if not selectors.programmes_for_user(request.user).exists():
        raise Http404
    body = ical.calendar_bytes(
        selectors.my_events(request.user),
        url_for=lambda e: request.build_absolute_uri(reverse("community:event", args=[e.pk])),
        name=_("My learning-community events"),
    )
    return _ics(body, "mijn-leergemeenschap.ics")
