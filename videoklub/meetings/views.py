"""Views of klub sessions: planning, agenda, attendance, session mode, calendar files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub import policy
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.meetings import ical, selectors, services
from videoklub.meetings.feed import feed_url
from videoklub.meetings.forms import (
    AgendaAddForm,
    AgreedActionForm,
    AttendanceForm,
    MeetingForm,
    TeacherNoteForm,
    suggested_initial,
)
from videoklub.meetings.models import Meeting


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- Work form library -------------------------------------------------------------------------


@login_required
@require_GET
def workform_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "meetings/workform_list.html", {"work_forms": selectors.work_forms()})


@login_required
@require_GET
def workform_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    return render(
        request, "meetings/workform_detail.html", {"work_form": selectors.work_form_get(code)}
    )


# --- Sessions of a klub --------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: AuthenticatedHttpRequest, klub_pk: int) -> HttpResponse:
    klub = selectors.klub_get_for_meetings(request.user, klub_pk)
    upcoming, past = selectors.split_upcoming(selectors.meetings_for_klub(request.user, klub))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "klub": klub,
            "upcoming": upcoming,
            "past": past,
            "may_manage": policy.can(request.user, "manage_meetings", klub),
            "feed_url": feed_url(request.user),
        },
    )


def _form_page(request, *, klub, form, meeting=None) -> HttpResponse:
    return render(
        request,
        "meetings/meeting_form.html",
        {"klub": klub, "form": form, "meeting": meeting, "work_forms": selectors.work_forms()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, klub_pk: int) -> HttpResponse:
    klub = selectors.klub_get_for_meetings(request.user, klub_pk, action="manage_meetings")
    form = MeetingForm(request.POST or None, initial=suggested_initial())
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                klub=klub, created_by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session has been planned."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, klub=klub, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, klub=meeting.klub, form=form, meeting=meeting)


# --- One session -------------------------------------------------------------------------------


def _agenda_context(meeting: Meeting, *, may_manage: bool, form=None, error=None) -> dict:
    fragments = list(selectors.shareable_fragments_for_meeting(meeting)) if may_manage else []
    agenda, hidden = selectors.meeting_agenda(meeting)
    return {
        "meeting": meeting,
        "agenda": agenda,
        "agenda_hidden": hidden,
        "may_manage": may_manage,
        "agenda_form": form or AgendaAddForm(fragments=fragments),
        "shareable_count": len(fragments),
        "agenda_error": error,
    }


@login_required
@require_GET
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    may_manage = policy.can(request.user, "manage_meetings", meeting.klub)
    members = selectors.klub_members(meeting)
    present = selectors.present_user_ids(meeting)
    notes, actions = selectors.meeting_outcomes(meeting, request.user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **_agenda_context(meeting, may_manage=may_manage),
            "members": members,
            "present": present,
            "attendance_form": AttendanceForm(members=members, initial={"present": sorted(present)})
            if may_manage
            else None,
            "notes": notes,
            "actions": actions,
        },
    )


def _agenda_response(
    request: AuthenticatedHttpRequest, meeting: Meeting, *, error: str | None = None, form=None
) -> HttpResponse:
    """htmx gets the agenda panel again; without JavaScript: a message and the page."""
    if request.htmx:
        return render(
            request,
            "meetings/meeting_detail.html#agenda",
            _agenda_context(meeting, may_manage=True, form=form, error=error),
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#agenda")


@login_required
@require_POST
def agenda_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    form = AgendaAddForm(request.POST, fragments=selectors.shareable_fragments_for_meeting(meeting))
    if not form.is_valid():
        return _agenda_response(
            request, meeting, error=_("Choose a fragment to put on the agenda."), form=form
        )
    fragment = selectors.fragment_for_agenda(form.cleaned_data["fragment"])
    if fragment is None:
        return _agenda_response(
            request,
            meeting,
            error=_(
                "This fragment is not shared with this klub. Ask the teacher to share it "
                "with the klub first."
            ),
        )
    try:
        services.agenda_add(
            meeting=meeting,
            fragment=fragment,
            added_by=request.user,
            minutes=form.cleaned_data.get("minutes"),
        )
    except ValidationError as error:
        return _agenda_response(request, meeting, error=" ".join(_messages_of(error)))
    if not request.htmx:
        messages.success(request, _("“%(title)s” is on the agenda.") % {"title": fragment.title})
    return _agenda_response(request, meeting)


@login_required
@require_POST
def agenda_remove(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    services.agenda_remove(item=selectors.agenda_item_get(meeting, item_pk))
    return _agenda_response(request, meeting)


@login_required
@require_POST
def agenda_move(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    item = selectors.agenda_item_get(meeting, item_pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        return _agenda_response(request, meeting, error=_("Choose to move the item up or down."))
    services.agenda_move(item=item, offset=offset)
    return _agenda_response(request, meeting)


@login_required
@require_POST
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    members = selectors.klub_members(meeting)
    form = AttendanceForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("The attendance could not be read; please try again."))
    else:
        try:
            services.attendance_set(meeting=meeting, present_user_ids=form.cleaned_data["present"])
        except ValidationError as error:
            messages.error(request, " ".join(_messages_of(error)))
        else:
            messages.success(request, _("Attendance saved."))
    next_url = request.POST.get("next")
    if next_url == "session":
        return redirect("meetings:session", pk=meeting.pk)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#attendance")


@login_required
@require_POST
def meeting_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    try:
        services.meeting_start(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    return redirect("meetings:session", pk=meeting.pk)


@login_required
@require_POST
def meeting_finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    try:
        services.meeting_finish(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
        return redirect("meetings:session", pk=meeting.pk)
    messages.success(request, _("The session has been marked as held."))
    return redirect("meetings:detail", pk=meeting.pk)


# --- Session mode ------------------------------------------------------------------------------


def _panel_forms(panels, bound: dict | None = None) -> list[dict]:
    bound = bound or {}
    return [
        {
            "panel": panel,
            "note_form": bound.get(("note", panel.teacher.pk))
            or TeacherNoteForm(prefix=f"note-{panel.teacher.pk}"),
            "action_form": bound.get(("action", panel.teacher.pk))
            or AgreedActionForm(prefix=f"action-{panel.teacher.pk}"),
        }
        for panel in panels
    ]


def _session_page(
    request: AuthenticatedHttpRequest, meeting: Meeting, *, bound: dict | None = None
) -> HttpResponse:
    items, index = selectors.session_mode_for_viewing(
        request.user, meeting, request.GET.get("item") or request.POST.get("item")
    )
    current = items[index] if index is not None else None
    panels, attendance_recorded = selectors.session_teacher_panels(meeting)
    return render(
        request,
        "meetings/session.html",
        {
            "meeting": meeting,
            "items": items,
            "current": current,
            "position": (index or 0) + 1,
            "previous": items[index - 1] if index else None,
            "next": items[index + 1] if index is not None and index + 1 < len(items) else None,
            "panels": _panel_forms(panels, bound),
            "attendance_recorded": attendance_recorded,
        },
    )


@login_required
@require_GET
def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    return _session_page(request, meeting)


@login_required
@require_GET
def session_annotations(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The annotations of one agenda item's fragment, polled by session mode."""
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    current = next(
        (item for item in selectors.session_mode_data(meeting) if item.pk == item_pk), None
    )
    if current is None:
        raise Http404
    return render(
        request, "meetings/session.html#annotations", {"meeting": meeting, "current": current}
    )


def _panel_response(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    teacher_pk: int,
    bound: dict,
    *,
    saved: bool = False,
) -> HttpResponse:
    panels, _recorded = selectors.session_teacher_panels(meeting, only_teacher_id=teacher_pk)
    if not panels:
        raise Http404
    return render(
        request,
        "meetings/session.html#teacher-panel",
        {"meeting": meeting, "entry": _panel_forms(panels, bound)[0], "saved": saved},
    )


def _session_redirect(request: AuthenticatedHttpRequest, meeting: Meeting, teacher_pk: int):
    url = reverse("meetings:session", args=[meeting.pk])
    item = request.POST.get("item")
    return redirect(f"{url}?item={item}#teacher-{teacher_pk}" if item else url)


def _teacher_write(request: AuthenticatedHttpRequest, pk: int, teacher_pk: int, kind: str):
    meeting = selectors.meeting_get_for_user(request.user, pk, action="manage_meetings")
    panels, _recorded = selectors.session_teacher_panels(meeting, only_teacher_id=teacher_pk)
    if not panels:
        raise Http404  # not a (present) teacher of this klub
    teacher = panels[0].teacher
    form_class = TeacherNoteForm if kind == "note" else AgreedActionForm
    form = form_class(request.POST, prefix=f"{kind}-{teacher.pk}")
    if form.is_valid():
        try:
            if kind == "note":
                services.teacher_note_add(
                    meeting=meeting, teacher=teacher, author=request.user, **form.cleaned_data
                )
            else:
                services.meeting_agree_action(
                    meeting=meeting, teacher=teacher, created_by=request.user, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return _panel_response(request, meeting, teacher.pk, {}, saved=True)
            return _session_redirect(request, meeting, teacher.pk)
    bound = {(kind, teacher.pk): form}
    if request.htmx:
        return _panel_response(request, meeting, teacher.pk, bound)
    return _session_page(request, meeting, bound=bound)


@login_required
@require_POST
def session_note(request: AuthenticatedHttpRequest, pk: int, teacher_pk: int) -> HttpResponse:
    return _teacher_write(request, pk, teacher_pk, "note")


@login_required
@require_POST
def session_action(request: AuthenticatedHttpRequest, pk: int, teacher_pk: int) -> HttpResponse:
    return _teacher_write(request, pk, teacher_pk, "action")


# --- Calendar ----------------------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def meeting_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_calendar(request.user, pk)
    body = ical.calendar_bytes(
        [meeting],
        url_for=lambda m: request.build_absolute_uri(reverse("meetings:detail", args=[m.pk])),
        name=meeting.klub.name,
    )
    return _ics_response(body, f"bijeenkomst-{meeting.pk}.ics")


@login_required
@require_GET
def klub_ics(request: AuthenticatedHttpRequest, klub_pk: int) -> HttpResponse:
    klub = selectors.klub_get_for_meetings(request.user, klub_pk)
    body = ical.calendar_bytes(
        selectors.klub_meetings_for_calendar(request.user, klub),
        url_for=lambda m: request.build_absolute_uri(reverse("meetings:detail", args=[m.pk])),
        name=klub.name,
    )
    return _ics_response(body, f"bijeenkomsten-{klub.pk}.ics")
