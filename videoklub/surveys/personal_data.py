"""A person's survey invitations: in their export (which surveys, answered or not); on erasure
they go with them. Their answers are not personal data we can find: a response has no link to
anyone (see models), so it stays, anonymous, in the results. Instruments and administrations
they created stay without their name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.surveys.models import Invitation

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _invitations(user: User, zf: zipfile.ZipFile) -> list[dict]:
    invitations = Invitation.objects.filter(user=user).select_related("administration")
    return [
        {
            "vragenlijst": i.administration.title,
            "uitgenodigd_op": i.invited_at,
            "herinnerd_op": i.reminded_at,
            "ingevuld": i.responded,
        }
        for i in invitations.order_by("invited_at", "pk")
    ]


register(
    Contributor(
        app="surveys",
        deleted=("surveys.Invitation.user",),
        anonymised=("surveys.Instrument.created_by", "surveys.Administration.created_by"),
        exports=(ExportPart("vragenlijsten.json", _invitations, order=96),),
    )
)
