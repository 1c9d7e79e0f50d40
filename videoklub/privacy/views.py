""" "My data": the export of everything of a person's, and erasing the account."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.privacy.erasure import account_erase
from videoklub.privacy.exports import (
    data_export_get_for_user,
    data_export_request,
    data_exports_change_token,
    data_exports_of,
)
from videoklub.privacy.forms import AccountEraseForm
from videoklub.recordings import streaming


@login_required
@require_GET
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page; htmx polls its list of files (`?part=exports`) while one is being prepared and
    gets a 204 while nothing changed since the token it sends (`since`)."""
    exports = list(data_exports_of(request.user)[:10])
    context = {
        "exports": exports,
        "exports_token": data_exports_change_token(exports),
        "exports_pending": any(export.is_pending for export in exports),
    }
    if request.htmx and request.GET.get("part") == "exports":
        if request.GET.get("since") == context["exports_token"]:
            return HttpResponse(status=204)  # htmx leaves the list as it is
        return render(request, "privacy/my_data.html#exports", context)
    return render(request, "privacy/my_data.html", context)


@login_required
@require_POST
def data_export_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    data_export_request(user=request.user)
    messages.success(
        request,
        _("Your file is being prepared. We send you an e-mail when it is ready to download."),
    )
    return redirect("privacy:my_data")


@login_required
@require_GET
def data_export_download(request: AuthenticatedHttpRequest, token: UUID) -> HttpResponseBase:
    export = data_export_get_for_user(request.user, token)
    if not export.is_ready:
        messages.error(request, _("This file is not ready (any more). Ask for a new one."))
        return redirect("privacy:my_data")
    return streaming.serve(
        request,
        export.file,
        "application/zip",
        download_name=f"videoklub-{export.finished_at or export.created_at:%Y-%m-%d}.zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AccountEraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_erase(user=user)
        messages.success(request, _("Your account and everything of yours have been deleted."))
        return redirect("accounts:login")
    return render(request, "privacy/account_delete.html", {"form": form})
