"""Writing the audit log: one call per event, from the view or service where it happens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from videoklub.audit.models import AuditEvent

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.recordings.models import Fragment, Recording


def audit_record(
    *, actor: User | None, action: str, item: Recording | Fragment, **details: Any
) -> AuditEvent:
    """Log `action` by `actor` on a recording or fragment, for its owner to read."""
    from videoklub.recordings.models import Fragment

    if isinstance(item, Fragment):
        owner_id, item_type, item_id = item.recording.owner_id, "fragment", str(item.pk)
        details.setdefault("recording", str(item.recording.uuid))
    else:
        owner_id, item_type, item_id = item.owner_id, "recording", str(item.uuid)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        owner_id=owner_id,
        item_type=item_type,
        item_id=item_id,
        item_label=item.title[:200],
        details=details,
    )
