"""Reads of recordings, always for a user and checked by the policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from videoklub import policy
from videoklub.recordings.models import Fragment, Recording

if TYPE_CHECKING:
    from uuid import UUID

    from videoklub.accounts.models import User


def recording_get_for_user(
    user: User, recording_uuid: UUID, *, action: str = "view_recording"
) -> Recording:
    recording = get_object_or_404(
        Recording.objects.select_related("owner", "klub", "cycle", "class_group"),
        uuid=recording_uuid,
    )
    _refuse_lost_access(user, recording, "view_recording")
    policy.authorize(user, action, recording, hide_as="view_recording")
    return recording


def _refuse_lost_access(user: User, item, action: str) -> None:
    """Someone whose share was revoked or ran out hears that (403), rather than a 404 that
    would suggest the item never existed."""
    if not policy.can(user, action, item) and policy.can(user, "was_shared_with", item):
        raise PermissionDenied(_("This is no longer shared with you."))


def fragment_get_for_user(
    user: User, recording_uuid: UUID, pk: int, *, action: str = "view_recording"
) -> Fragment:
    fragment = get_object_or_404(
        Fragment.objects.select_related("recording__owner"),
        pk=pk,
        recording__uuid=recording_uuid,
    )
    policy.authorize(user, action, fragment.recording, hide_as="view_recording")
    return fragment


def visible_fragment_get_for_user(
    user: User, recording_uuid: UUID, pk: int, *, action: str = "view_fragment"
) -> Fragment:
    """A fragment its owner or the audience of an active share may see (and act on)."""
    fragment = get_object_or_404(
        Fragment.objects.select_related("recording__owner", "recording__klub"),
        pk=pk,
        recording__uuid=recording_uuid,
    )
    _refuse_lost_access(user, fragment, "view_fragment")
    policy.authorize(user, action, fragment, hide_as="view_fragment")
    return fragment


def recordings_of_owner(user: User) -> QuerySet[Recording]:
    return Recording.objects.filter(owner=user).select_related("klub").order_by("-created_at")
