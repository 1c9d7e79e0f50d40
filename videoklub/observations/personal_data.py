"""Annotations and observations a person wrote, in their export; on erasure they stay without
the name (a colleague's discussion stays readable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.observations.models import Annotation, Observation

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _annotations(user: User, zf: zipfile.ZipFile) -> list[dict]:
    annotations = (
        Annotation.objects.filter(author=user)
        .select_related("recording", "fragment", "indicator", "parent")
        .order_by("created_at")
    )
    return [
        {
            "id": a.pk,
            "opname": a.recording.title,
            "opname_id": str(a.recording.uuid),
            "eigen_opname": a.recording.owner_id == user.pk,
            "fragment": a.fragment.title if a.fragment else None,
            "soort": a.get_kind_display(),
            "op_seconde": a.at_seconds,
            "tot_seconde": a.end_seconds,
            "indicator": a.indicator.text if a.indicator else None,
            "antwoord_op": a.parent_id,
            "tekst": a.body,
            "geschreven_op": a.created_at,
            "bewerkt_op": a.edited_at,
        }
        for a in annotations
    ]


def _observations(user: User, zf: zipfile.ZipFile) -> list[dict]:
    observations = (
        Observation.objects.filter(observer=user)
        .select_related("fragment__recording", "version__framework")
        .prefetch_related("scores__indicator")
        .order_by("created_at")
    )
    return [
        {
            "kijkwijzer": o.version.framework.name,
            "versie": o.version.number,
            "opname": o.fragment.recording.title,
            "fragment": o.fragment.title,
            "notities": o.notes,
            "gemaakt_op": o.created_at,
            "scores": [
                {"indicator": s.indicator.text, "score": s.value, "notitie": s.note}
                for s in o.scores.all()
            ],
        }
        for o in observations
    ]


register(
    Contributor(
        app="observations",
        anonymised=(
            "observations.Framework.created_by",
            "observations.FrameworkVersion.created_by",
            "observations.Observation.observer",
            "observations.Annotation.author",
        ),
        exports=(
            ExportPart("aantekeningen.json", _annotations, order=30),
            ExportPart("observaties.json", _observations, order=80),
        ),
    )
)
