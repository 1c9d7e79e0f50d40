"""A notification is its recipient's alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def is_recipient(user: AnyUser, notification: Any) -> bool:
    return notification.recipient_id == user.pk


register("view_notification", is_recipient)
