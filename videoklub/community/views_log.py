"""The coach's learning log (leerlogboek): private, only its writer reads it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from videoklub.community import selectors, services
from videoklub.community.forms import LogEntryForm
from videoklub.core.forms import add_service_errors
from videoklub.core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def logbook(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, action="keep_learning_log")
    events = selectors.events_for_log(programme)
    initial: dict[str, object] = {"date": timezone.localdate()}
    if request.GET.get("activiteit", "").isdigit():
        initial["event"] = int(request.GET["activiteit"])
    form = LogEntryForm(request.POST or None, events=events, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_create(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your entry is in your learning log."))
            return redirect("community:logbook", pk=programme.pk)
    return render(
        request,
        "community/logbook.html",
        {
            "programme": programme,
            "form": form,
            "entries": list(selectors.log_entries(request.user, programme)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = selectors.log_entry_get_for_user(request.user, pk)
    form = LogEntryForm(
        request.POST or None,
        events=selectors.events_for_log(entry.programme),
        initial={"date": entry.date, "event": entry.event_id, "text": entry.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_update(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your entry has been saved."))
            return redirect("community:logbook", pk=entry.programme_id)
    return render(request, "community/log_form.html", {"entry": entry, "form": form})


@login_required
@require_POST
def log_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = selectors.log_entry_get_for_user(request.user, pk)
    services.log_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("The entry has been deleted."))
    return redirect("community:logbook", pk=entry.programme_id)
