"""Reading the audit log: owners read the log of their own items, nobody else's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from videoklub.audit.models import AuditEvent

if TYPE_CHECKING:
    from videoklub.accounts.models import User


def events_of_my_items(
    user: User, *, item_type: str = "", item_id: str = "", others_only: bool = False
) -> QuerySet[AuditEvent]:
    """The log of `user`'s own items (never anyone else's), newest first. A recording's log
    includes its fragments': a shared fragment is how others mostly watch a recording."""
    events = AuditEvent.objects.filter(owner=user).select_related("actor")
    if item_type and item_id:
        item = Q(item_type=item_type, item_id=item_id)
        if item_type == "recording":
            # Every fragment entry names its recording (audit_record), also once it is deleted.
            item |= Q(item_type="fragment", details__recording=item_id)
        events = events.filter(item)
    if others_only:
        events = events.exclude(actor=user)
    return events.order_by("-at")
