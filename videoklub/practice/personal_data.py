"""The practice examples a person offered: in their export; on erasure they go with them
(their permission ends with their account). Reviewers stay on others' examples without name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.practice.models import PracticeExample

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _examples(user: User, zf: zipfile.ZipFile) -> list[dict]:
    examples = PracticeExample.objects.filter(offered_by=user).select_related(
        "fragment__recording", "core_practice"
    )
    return [
        {
            "titel": e.title,
            "beschrijving": e.description,
            "opname": e.fragment.recording.title,
            "fragment": e.fragment.title,
            "kernpraktijk": str(e.core_practice) if e.core_practice else None,
            "niveau": e.school_level,
            "vak": e.subject,
            "indicatoren": e.indicator_keys,
            "geanonimiseerd": e.use_anonymised,
            "status": e.status,
            "toestemming_gegeven_op": e.permission_given_at,
            "aangeboden_op": e.offered_at,
            "beoordeeld_op": e.reviewed_at,
            "opmerking_beoordeling": e.review_note,
            "ingetrokken_op": e.withdrawn_at,
        }
        for e in examples.order_by("offered_at")
    ]


register(
    Contributor(
        app="practice",
        deleted=("practice.PracticeExample.offered_by",),
        anonymised=("practice.PracticeExample.reviewed_by",),
        exports=(ExportPart("praktijkvoorbeelden.json", _examples, order=95),),
    )
)
