"""A person in a school's track: the actions of an action plan given to them (in their export).

The track is the school's, not the person's: on erasure every row stays without the name
(SET_NULL), so the school keeps its plan, its phase history and its evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.baseline.models import ActionPlanItem
from videoklub.core.personal_data import Contributor, ExportPart, register

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _actions(user: User, zf: zipfile.ZipFile) -> list[dict]:
    items = ActionPlanItem.objects.filter(owner=user).select_related("track__school")
    return [
        {
            "school": item.track.school.name,
            "doel": item.goal,
            "actie": item.action,
            "tegen": item.due_on,
            "status": item.status,
        }
        for item in items.order_by("pk")
    ]


register(
    Contributor(
        app="baseline",
        anonymised=(
            "baseline.ActionPlanItem.owner",
            "baseline.ActionPlanItem.updated_by",
            "baseline.PhaseChange.by",
            "baseline.ChecklistTick.ticked_by",
            "baseline.EvidenceLink.added_by",
        ),
        exports=(ExportPart("actieplannen.json", _actions, order=75),),
    )
)
