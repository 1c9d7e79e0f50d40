"""Notes a coach made about a person in klub sessions, in their export; attendance and those
notes go on erasure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.meetings.models import TeacherNote

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _session_notes(user: User, zf: zipfile.ZipFile) -> list[dict]:
    notes = TeacherNote.objects.filter(teacher=user).select_related("meeting")
    return [
        {"bijeenkomst": n.meeting.title, "datum": n.meeting.starts_at, "notitie": n.body}
        for n in notes.order_by("created_at")
    ]


register(
    Contributor(
        app="meetings",
        deleted=(
            "meetings.Attendance.user",
            "meetings.TeacherNote.teacher",
            "meetings.CalendarFeed.user",
        ),
        anonymised=("meetings.Meeting.created_by", "meetings.TeacherNote.author"),
        exports=(ExportPart("sessienotities.json", _session_notes, order=70),),
    )
)
