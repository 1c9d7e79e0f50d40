"""The log of a person's items, in their export; it goes with them, and their name leaves
what they did to others' items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.audit.models import AuditEvent
from videoklub.core.personal_data import Contributor, ExportPart, register

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _audit(user: User, zf: zipfile.ZipFile) -> list[dict]:
    events = AuditEvent.objects.filter(owner=user).select_related("actor").order_by("at")
    return [
        {
            "wanneer": e.at,
            "wie": e.actor.full_name if e.actor else None,
            "wat": e.get_action_display(),
            "soort": e.item_type,
            "item": e.item_label,
        }
        for e in events
    ]


register(
    Contributor(
        app="audit",
        deleted=("audit.AuditEvent.owner",),
        anonymised=("audit.AuditEvent.actor",),
        exports=(ExportPart("logboek.json", _audit, order=100),),
    )
)
