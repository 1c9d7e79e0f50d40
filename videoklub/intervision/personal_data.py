"""A coach's intervision in their export: groups, the cases they brought with the advice they
were given, the advice they gave and the notes they wrote. On erasure their memberships, cases
(with that advice) and presences go with them; advice and notes they wrote for others' cases
stay without their name, as do rounds they made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.intervision.models import Advice, Case, GroupMember, StepNote

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _intervision(user: User, zf: zipfile.ZipFile) -> dict:
    return {
        "groepen": [
            {"groep": m.group.name, "ronde": m.group.round.title}
            for m in GroupMember.objects.filter(user=user).select_related("group__round")
        ],
        "casussen": [
            {
                "titel": case.title,
                "coachingsvraag": case.question,
                "context": case.context,
                "fragment": case.fragment.title if case.fragment else None,
                "ingebracht_op": case.created_at,
                "adviezen": [
                    {"advies": a.body, "ik_probeer_dit": a.will_try} for a in case.advice.all()
                ],
            }
            for case in Case.objects.filter(owner=user)
            .select_related("fragment")
            .prefetch_related("advice")
        ],
        "gegeven_adviezen": [
            {"casus": a.case.title, "advies": a.body, "op": a.created_at}
            for a in Advice.objects.filter(member=user).select_related("case")
        ],
        "notities": [
            {"stap": n.step, "notitie": n.body, "op": n.created_at}
            for n in StepNote.objects.filter(author=user)
        ],
    }


register(
    Contributor(
        app="intervision",
        deleted=(
            "intervision.GroupMember.user",
            "intervision.Case.owner",
            "intervision.Presence.user",
        ),
        anonymised=(
            "intervision.Round.created_by",
            "intervision.Session.started_by",
            "intervision.StepNote.author",
            "intervision.Advice.member",
        ),
        exports=(ExportPart("intervisie.json", _intervision, order=76),),
    )
)
