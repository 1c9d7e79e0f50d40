"""A person's cycles in their data: questions, comments, actions, reflections, coaching visits
and the learning trail (PDF) in the export; their cycles go with the account on erasure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.cycles.models import CoachingVisit, Cycle, QuestionComment
from videoklub.cycles.pdf import trail_pdf

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _cycles(user: User, zf: zipfile.ZipFile) -> list[dict]:
    cycles = (
        Cycle.objects.filter(teacher=user)
        .select_related("klub", "core_practice", "learning_question")
        .prefetch_related(
            "question_comments__author", "actions", "reflections", "phase_changes__by"
        )
        .order_by("created_at")
    )
    result = []
    for cycle in cycles:
        question = getattr(cycle, "learning_question", None)
        result.append(
            {
                "nummer": cycle.number,
                "klub": cycle.klub.name,
                "kernpraktijk": str(cycle.core_practice) if cycle.core_practice else None,
                "fase": cycle.get_phase_display(),
                "stopgezet": cycle.abandoned,
                "gestart_op": cycle.created_at,
                "afgerond_op": cycle.finished_at,
                "fasewissels": [
                    {
                        "van": change.get_from_phase_display(),
                        "naar": change.get_to_phase_display(),
                        "waarom": change.get_reason_display(),
                        "door": change.by.full_name if change.by else None,
                        "op": change.created_at,
                    }
                    for change in cycle.phase_changes.all()
                ],
                "leervraag": {
                    "doel": question.goal,
                    "realiteit": question.reality,
                    "hulpbronnen": question.resources,
                    "opties": question.options,
                    "weg_vooruit": question.way_forward,
                    "vraag": question.question,
                }
                if question
                else None,
                "reacties": [
                    {
                        "van": (c.author.full_name if c.author else None),
                        "tekst": c.body,
                        "op": c.created_at,
                    }
                    for c in cycle.question_comments.all()
                ],
                "acties": [
                    {
                        "wat": a.description,
                        "succescriterium": a.success_criterion,
                        "tegen": a.due_on,
                        "status": a.get_status_display(),
                        "gemaakt_op": a.created_at,
                    }
                    for a in cycle.actions.all()
                ],
                "reflecties": [
                    {"tekst": r.body, "geschreven_op": r.created_at}
                    for r in cycle.reflections.all()
                ],
            }
        )
    return result


def _comments(user: User, zf: zipfile.ZipFile) -> list[dict]:
    comments = QuestionComment.objects.filter(author=user).select_related("cycle__klub")
    return [
        {
            "cyclus": c.cycle.number,
            "klub": c.cycle.klub.name,
            "eigen_cyclus": c.cycle.teacher_id == user.pk,
            "tekst": c.body,
            "op": c.created_at,
        }
        for c in comments.order_by("created_at")
    ]


def _coaching(user: User, zf: zipfile.ZipFile) -> list[dict]:
    visits = CoachingVisit.objects.filter(teacher=user).select_related("coach", "klub")
    return [
        {
            "soort": v.get_kind_display(),
            "datum": v.visited_on,
            "coach": v.coach.full_name if v.coach else None,
            "klub": v.klub.name,
            "doelen": v.goals,
            "acties": v.actions,
            "reflecties": v.reflections,
        }
        for v in visits.order_by("visited_on")
    ]


def _trail_pdf(user: User, zf: zipfile.ZipFile) -> bytes:
    # A bare request: the PDF template needs no request data, and context processors cope.
    return trail_pdf(HttpRequest(), teacher=user)


register(
    Contributor(
        app="cycles",
        deleted=(
            "cycles.Cycle.teacher",
            "cycles.Reflection.author",
            "cycles.CoachingVisit.teacher",
        ),
        anonymised=(
            "cycles.QuestionComment.author",
            "cycles.Action.created_by",
            "cycles.CoachingVisit.coach",
            # A coach who agreed actions in a session moved the teacher's cycle: the move
            # stays (it is the teacher's history), without the coach's name.
            "cycles.PhaseChange.by",
        ),
        exports=(
            ExportPart("cycli.json", _cycles, order=40),
            ExportPart("reacties.json", _comments, order=50),
            ExportPart("coachingbezoeken.json", _coaching, order=60),
            ExportPart("leerspoor.pdf", _trail_pdf, order=110),
        ),
        # No erase step: deleting the account cascades to their cycles (CASCADE, checked by the
        # erasure tests), and from them to the learning question, comments, actions and
        # reflections.
    )
)
