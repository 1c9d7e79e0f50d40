"""Sharing a fragment with the coach or the klub, seeing who can see it, and revoking."""

from datetime import datetime, time
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.organisations import selectors as organisation_selectors
from videoklub.recordings import selectors as recording_selectors
from videoklub.sharing import selectors, services
from videoklub.sharing.forms import ShareForm


@login_required
@require_http_methods(["GET", "POST"])
def fragment_shares(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    """Who can see this fragment; share it or take a share down. For the owner only."""
    fragment = recording_selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = form.cleaned_data["until"]
        expires_at = (
            timezone.make_aware(datetime.combine(until, time.max)) if until is not None else None
        )
        try:
            share = services.fragment_share(
                fragment=fragment,
                by=request.user,
                audience=form.cleaned_data["audience"],
                expires_at=expires_at,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now shared with %(audience)s.")
                % {"title": fragment.title, "audience": share.get_audience_display()},
            )
            return redirect("sharing:fragment", recording_uuid, pk)
    shares = list(selectors.shares_of_fragment(fragment))
    return render(
        request,
        "sharing/fragment_shares.html",
        {
            "fragment": fragment,
            "recording": fragment.recording,
            "form": form,
            "active": [
                (share, selectors.audience_people(share)) for share in shares if share.is_active()
            ],
            "history": [share for share in shares if not share.is_active()],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def share_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    share = selectors.share_get_for_owner(request.user, pk)
    services.share_revoke(share=share, by=request.user)
    messages.success(request, _("The share has been revoked: it gives nobody access any more."))
    fragment = share.fragment
    return redirect("sharing:fragment", fragment.recording.uuid, fragment.pk)


@login_required
@require_GET
def klub_shared(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What teachers shared with the klub (and, for the coach, with the coach)."""
    klub = organisation_selectors.klub_get_for_user(request.user, pk, action="view_klub_shares")
    return render(
        request,
        "sharing/klub_shared.html",
        {"klub": klub, "fragments": selectors.fragments_shared_with_klub(request.user, klub)},
    )
