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

from videoklub.audit import selectors as audit_selectors
from videoklub.core.http import AuthenticatedHttpRequest
from videoklub.organisations import selectors as organisation_selectors
from videoklub.recordings import selectors as recording_selectors
from videoklub.recordings.models import Fragment
from videoklub.sharing import selectors, services
from videoklub.sharing.forms import ShareForm


def _expires_at(until):
    return timezone.make_aware(datetime.combine(until, time.max)) if until is not None else None


def _shares_page(request, *, item, recording, fragment, share) -> HttpResponse:
    """Who can see this item now and before; share it with another audience."""
    anonymised_available = (
        fragment is not None and fragment.anonymisation_status == Fragment.Anonymisation.APPROVED
    )
    form = ShareForm(request.POST or None, anonymised_available=anonymised_available)
    if request.method == "POST" and form.is_valid():
        try:
            created = share(
                audience=form.cleaned_data["audience"],
                expires_at=_expires_at(form.cleaned_data["until"]),
                anonymised=form.cleaned_data.get("anonymised", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now shared with %(audience)s.")
                % {"title": item.title, "audience": created.get_audience_display()},
            )
            return redirect(request.path)
    shares = selectors.shares_of(item)
    return render(
        request,
        "sharing/shares.html",
        {
            "item": item,
            "fragment": fragment,
            "recording": recording,
            "form": form,
            "active": [
                (share, selectors.audience_people(share)) for share in shares if share.is_active()
            ],
            "history": [share for share in shares if not share.is_active()],
            "events": audit_selectors.events_of_my_items(
                request.user,
                item_type="fragment" if fragment is not None else "recording",
                item_id=str(fragment.pk) if fragment is not None else str(recording.uuid),
                others_only=True,
            )[:20],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fragment_shares(
    request: AuthenticatedHttpRequest, recording_uuid: UUID, pk: int
) -> HttpResponse:
    """Who can see this fragment; share it or take a share down. For the owner only."""
    fragment = recording_selectors.fragment_get_for_user(
        request.user, recording_uuid, pk, action="change_recording"
    )

    def share(*, audience, expires_at, anonymised):
        return services.fragment_share(
            fragment=fragment,
            by=request.user,
            audience=audience,
            expires_at=expires_at,
            anonymised=anonymised,
        )

    return _shares_page(
        request, item=fragment, recording=fragment.recording, fragment=fragment, share=share
    )


@login_required
@require_http_methods(["GET", "POST"])
def recording_shares(request: AuthenticatedHttpRequest, recording_uuid: UUID) -> HttpResponse:
    """Who can see the whole recording; share it or take a share down. For the owner only."""
    recording = recording_selectors.recording_get_for_user(
        request.user, recording_uuid, action="change_recording"
    )

    def share(*, audience, expires_at, anonymised):
        return services.recording_share(
            recording=recording, by=request.user, audience=audience, expires_at=expires_at
        )

    return _shares_page(request, item=recording, recording=recording, fragment=None, share=share)


@login_required
@require_POST
def share_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    share = selectors.share_get_for_owner(request.user, pk)
    services.share_revoke(share=share, by=request.user)
    messages.success(request, _("The share has been revoked: it gives nobody access any more."))
    if share.fragment is not None:
        return redirect("sharing:fragment", share.fragment.recording.uuid, share.fragment_id)
    assert share.recording is not None  # a share is of a fragment or of a recording
    return redirect("sharing:recording", share.recording.uuid)


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
