"""The retention report of a programme ("Bewaartermijn"), for its project staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.organisations.selectors import programme_get_for_user
from videoklub.recordings import retention
from videoklub.recordings.retention_forms import RetentionForm


@login_required
@require_http_methods(["GET", "POST"])
def retention_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_for_user(request.user, pk, action="manage_retention")
    form = RetentionForm(request.POST or None, initial={"retention_days": programme.retention_days})
    if request.method == "POST" and form.is_valid():
        try:
            retention.programme_retention_update(
                programme=programme, retention_days=form.cleaned_data["retention_days"]
            )
        except ValidationError as error:
            # Keyed by "retention_days": shown at the field.
            form.add_error(None, error)
        else:
            messages.success(request, _("The retention period has been saved."))
            return redirect("recordings:retention", pk=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "deletes_on": retention.deletion_date(programme),
        "warning_days": retention.WARNING_DAYS,
        "upcoming": retention.upcoming_deletions(programme),
        "runs": retention.retention_runs(programme),
    }
    return render(request, "recordings/retention.html", context)
