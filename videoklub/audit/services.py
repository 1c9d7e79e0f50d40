"""Writing the audit log: one call per event, from the service or access helper that does the
work (never from a view: a test holds every views module to that)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.cache import cache

from videoklub.audit.models import ACCOUNT, Action, AuditEvent

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.recordings.models import Fragment, Recording


def audit_record(
    *, actor: User | None, action: str, item: Recording | Fragment, **details: Any
) -> AuditEvent:
    """Log `action` by `actor` on a recording or fragment, for its owner to read."""
    # A fragment, told by its model name: the audit log sits below the recordings it logs.
    if item._meta.model_name == "fragment":
        recording = cast("Fragment", item).recording
        owner_id, item_type, item_id = recording.owner_id, "fragment", str(item.pk)
        details.setdefault("recording", str(recording.uuid))
    else:
        recording = cast("Recording", item)
        owner_id, item_type, item_id = recording.owner_id, "recording", str(recording.uuid)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        owner_id=owner_id,
        item_type=item_type,
        item_id=item_id,
        item_label=item.title[:200],
        details=details,
    )


def audit_record_account(
    *, actor: User | None, action: str, owner: User, label: str = "", **details: Any
) -> AuditEvent:
    """Log what `actor` (an administrator) did to `owner`'s account, for `owner` to read.

    `label` names what was touched besides the account itself (the organisation of a role);
    `details` hold codes, never text: the log page words them in the reader's language.
    """
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        owner=owner,
        item_type=ACCOUNT,
        item_id=str(owner.pk),
        item_label=label[:200],
        details=details,
    )


def audit_record_membership(
    *, actor: User | None, action: str, owner: User, item_type: str, item_id: int, label: str
) -> AuditEvent:
    """Log that `owner` left a group (a book club), or `actor` removed them, for `owner` to read."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        owner=owner,
        item_type=item_type,
        item_id=str(item_id),
        item_label=label[:200],
    )


# One "viewed" entry per person, item and hour: pages that poll (the annotation list every
# 5 s) or are reloaded would otherwise bury the log the owner reads.
VIEW_LOG_WINDOW_SECONDS = 3600


def audit_view(*, actor: User, item: Recording | Fragment, page: str) -> AuditEvent | None:
    """Log that `actor` read `item` (or a page of it), at most once an hour per person and item.

    The window is kept in the cache: `cache.add` is atomic, so two requests at once write one
    entry, and a poll that was logged already costs no database query. With a cache per process
    (none configured) each process may write its own entry: more, never fewer.
    """
    item_key = f"{type(item).__name__.lower()}:{item.pk}"
    if not cache.add(f"audit-view:{actor.pk}:{item_key}", 1, VIEW_LOG_WINDOW_SECONDS):
        return None
    return audit_record(actor=actor, action=Action.VIEW, item=item, page=page)


def audit_views(*, actor: User | None, fragments: list[Fragment], page: str, **details: Any) -> int:
    """`audit_view` for a page that shows many fragments at once (a festival programme): the
    same once-an-hour window per person and fragment, written in one query. Returns how many
    entries were written. An anonymous visitor is logged without a name."""
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    rows = []
    for fragment in fragments:
        if not cache.add(
            f"audit-view:{actor_id}:fragment:{fragment.pk}", 1, VIEW_LOG_WINDOW_SECONDS
        ):
            continue
        recording = fragment.recording
        rows.append(
            AuditEvent(
                actor_id=actor_id,
                action=Action.VIEW,
                owner_id=recording.owner_id,
                item_type="fragment",
                item_id=str(fragment.pk),
                item_label=fragment.title[:200],
                details={"page": page, "recording": str(recording.uuid), **details},
            )
        )
    AuditEvent.objects.bulk_create(rows)
    return len(rows)
