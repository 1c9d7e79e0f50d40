"""A teacher's festival submissions in their export. On erasure they go with the person (the
fragment goes with the recordings anyway); a curator's name on a decision is forgotten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.festival.models import Submission

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _submissions(user: User, zf: zipfile.ZipFile) -> dict:
    return {
        "inzendingen": [
            {
                "filmfestival": s.festival.title,
                "fragment": s.fragment.title,
                "titel": s.title,
                "wat_het_toont": s.what_it_shows,
                "waarom": s.why,
                "geanonimiseerd": s.anonymised,
                "status": s.status,
                "ingezonden_op": s.submitted_at,
                "ingetrokken_op": s.withdrawn_at,
                "inleiding": s.introduction,
            }
            for s in Submission.objects.filter(submitted_by=user).select_related(
                "festival", "fragment"
            )
        ]
    }


register(
    Contributor(
        app="festival",
        deleted=("festival.Submission.submitted_by",),
        anonymised=(
            "festival.Festival.created_by",
            "festival.Submission.decided_by",
            "festival.Submission.practice_proposed_by",
        ),
        exports=(ExportPart("filmfestival.json", _submissions, order=78),),
    )
)
