"""A coach's learning community in their export: registrations, attendance and their learning
log. On erasure all three go with the person; events they planned stay for the programme,
without their name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.community.models import Attendance, LearningLogEntry, Registration
from videoklub.core.personal_data import Contributor, ExportPart, register

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _community(user: User, zf: zipfile.ZipFile) -> dict:
    return {
        "inschrijvingen": [
            {"activiteit": r.event.title, "datum": r.event.date, "ingeschreven_op": r.registered_at}
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "aanwezigheid": [
            {"activiteit": a.event.title, "datum": a.event.date, "status": a.status}
            for a in Attendance.objects.filter(user=user).select_related("event")
        ],
        "leerlogboek": [
            {
                "datum": e.date,
                "activiteit": e.event.title if e.event else "",
                "tekst": e.text,
                "geschreven_op": e.created_at,
            }
            for e in LearningLogEntry.objects.filter(user=user).select_related("event")
        ],
    }


register(
    Contributor(
        app="community",
        deleted=(
            "community.Registration.user",
            "community.Attendance.user",
            "community.LearningLogEntry.user",
        ),
        anonymised=(
            "community.Event.created_by",
            "community.EventMaterial.added_by",
            "community.Attendance.recorded_by",
        ),
        exports=(ExportPart("leergemeenschap.json", _community, order=76),),
    )
)
