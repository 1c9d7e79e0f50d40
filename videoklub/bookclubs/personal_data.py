"""A member's book clubs in their export: memberships, their insights, experiments with the
logbook, and the self-evaluation. On erasure memberships, experiments and evaluations go with
the person; insights and clubs they started stay for the club, without their name (the folder is
the club's collective memory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.bookclubs.models import ActionExperiment, BookClubMember, Evaluation, Insight
from videoklub.core.personal_data import Contributor, ExportPart, register

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _book_clubs(user: User, zf: zipfile.ZipFile) -> dict:
    return {
        "boekenclubs": [
            {
                "boekenclub": m.club.title,
                "boek": m.club.book_title,
                "lid_sinds": m.joined_at,
                "vertrokken_op": m.left_at,
            }
            for m in BookClubMember.objects.filter(user=user).select_related("club")
        ],
        "inzichten": [
            {
                "boekenclub": i.club.title,
                "soort": i.kind,
                "tekst": i.text,
                "pagina": i.page_ref,
                "link": i.link,
                "gedeeld_met_school": i.shared_with_school,
                "op": i.created_at,
            }
            for i in Insight.objects.filter(author=user).select_related("club")
        ],
        "experimenten": [
            {
                "boekenclub": e.club.title,
                "wat": e.what,
                "succescriterium": e.success,
                "logboek": [{"op": x.created_at, "tekst": x.body} for x in e.entries.all()],
                "besproken": e.review,
            }
            for e in ActionExperiment.objects.filter(member=user)
            .select_related("club")
            .prefetch_related("entries")
        ],
        "zelfevaluaties": [
            {
                "boekenclub": ev.club.title,
                "inzicht": ev.understood,
                "uitgeprobeerd": ev.tried,
                "effect_leerlingen": ev.pupils,
                "gesprekken": ev.conversation,
                "verder": ev.continue_with,
                "open_antwoord": ev.open_answer,
                "op": ev.submitted_at,
            }
            for ev in Evaluation.objects.filter(user=user).select_related("club")
        ],
    }


register(
    Contributor(
        app="bookclubs",
        deleted=(
            "bookclubs.BookClubMember.user",
            "bookclubs.ActionExperiment.member",
            "bookclubs.Evaluation.user",
        ),
        anonymised=(
            "bookclubs.BookClub.facilitator",
            "bookclubs.BookClub.created_by",
            "bookclubs.Insight.author",
            "bookclubs.Insight.shared_by",
        ),
        exports=(ExportPart("boekenclubs.json", _book_clubs, order=75),),
    )
)
