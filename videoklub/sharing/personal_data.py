"""The shares a person made, in their export; on erasure they stay without the name (and go
with their recordings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.sharing.models import Share

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _shares(user: User, zf: zipfile.ZipFile) -> list[dict]:
    shares = Share.objects.filter(created_by=user).select_related(
        "fragment__recording", "recording", "klub"
    )
    return [
        {
            "opname": (s.fragment.recording if s.fragment else s.recording).title
            if (s.fragment or s.recording)
            else None,
            "fragment": s.fragment.title if s.fragment else None,
            "gedeeld_met": s.get_audience_display(),
            "klub": s.klub.name,
            "gedeeld_op": s.created_at,
            "tot": s.expires_at,
            "ingetrokken_op": s.revoked_at,
            "geanonimiseerd": s.anonymised,
        }
        for s in shares.order_by("created_at")
    ]


register(
    Contributor(
        app="sharing",
        anonymised=("sharing.Share.created_by",),
        exports=(ExportPart("delingen.json", _shares, order=90),),
    )
)
