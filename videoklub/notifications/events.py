"""Receivers for what apps below this one announce by signal."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify


def on_invitation_accepted(sender, *, invitation: Any, user: Any, **kwargs) -> None:
    if invitation.invited_by_id is None:
        return
    where = invitation.klub or invitation.school or invitation.programme
    if invitation.klub_id:
        url = reverse("home:klub_detail", args=[invitation.klub_id])
    elif invitation.school_id:
        url = reverse("home:school_detail", args=[invitation.school_id])
    elif invitation.programme_id:
        url = reverse("home:programme_detail", args=[invitation.programme_id])
    else:
        url = reverse("home:home")
    notify(
        recipients=[invitation.invited_by_id],
        kind=Kind.INVITATION_ACCEPTED,
        actor=user,
        url=url,
        context={"klub": str(where) if where else ""},
    )
