"""Moving a cycle by hand, closing or stopping it, and filing a recording under it."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.cycles import selectors, services, steps
from videoklub.cycles.forms import PhaseForm
from videoklub.cycles.models import Cycle
from videoklub.recordings import selectors as recording_selectors


class FileRecordingForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=gettext_lazy("File under a cycle"), queryset=Cycle.objects.none(), empty_label=None
    )

    def __init__(self, *args, cycles: list[Cycle], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = Cycle.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in cycles]
        )


def _error_message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@login_required
@require_POST
def cycle_phase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a phase of the cycle."))
        return redirect("cycles:detail", pk=cycle.pk)
    advice = steps.phase_advice(cycle)
    moving_on = steps.neighbour_phases(cycle.phase)[1] == form.cleaned_data["phase"]
    cycle = services.cycle_set_phase(cycle=cycle, phase=form.cleaned_data["phase"], by=request.user)
    if advice and moving_on:
        messages.warning(
            request,
            _("%(advice)s You can still do it later, or go back a step.") % {"advice": advice},
        )
    messages.success(
        request,
        _("The cycle is now in the phase “%(phase)s”.") % {"phase": cycle.get_phase_display()},
    )
    return redirect("cycles:detail", pk=cycle.pk)


@login_required
@require_POST
def cycle_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    try:
        services.cycle_close(cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(
            request,
            _("%(cycle)s is closed. It stays readable here and in your learning trail.")
            % {"cycle": cycle},
        )
    return redirect("cycles:detail", pk=cycle.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cycle_abandon(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Stopping a cycle asks first: a page that says what stays and what stops."""
    cycle = selectors.cycle_get_for_user(request.user, pk, action="change_cycle")
    if not cycle.is_open:
        messages.error(request, _("This cycle is already closed."))
        return redirect("cycles:detail", pk=cycle.pk)
    if request.method == "POST":
        services.cycle_abandon(cycle=cycle, by=request.user)
        messages.success(
            request,
            _("%(cycle)s is stopped. It stays readable here and in your learning trail.")
            % {"cycle": cycle},
        )
        return redirect("cycles:detail", pk=cycle.pk)
    return render(request, "cycles/cycle_abandon.html", {"cycle": cycle})


@login_required
@require_POST
def recording_file(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    """File one of the teacher's recordings under one of their open cycles."""
    recording = recording_selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )
    form = FileRecordingForm(
        request.POST, cycles=selectors.cycles_for_filing(request.user, recording)
    )
    if not form.is_valid():
        messages.error(request, _("Choose one of your open cycles for this recording."))
        return redirect("recordings:detail", recording_uuid=recording.uuid)
    cycle = form.cleaned_data["cycle"]
    try:
        services.cycle_file_recording(cycle=cycle, recording=recording, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(
            request,
            _("“%(title)s” is filed under %(cycle)s.") % {"title": recording.title, "cycle": cycle},
        )
    return redirect("recordings:detail", recording_uuid=recording.uuid)
