"""Demo data for school tracks: the demo programme's schools at different stages.

Called by the demo app (`seed_demo_baseline(programme)`); running it again changes nothing
that is already there. Rows are written directly, not through the services: the demo has no
signed-in person to authorize, and it writes history (earlier phase moves) a service would
date today.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from videoklub.baseline.checklist import checklist_items
from videoklub.baseline.models import (
    PHASE_ORDER,
    ActionPlanItem,
    ChecklistTick,
    EvidenceLink,
    PhaseChange,
    PracticePriority,
    SchoolTrack,
)
from videoklub.cycles.models import CorePractice
from videoklub.meetings.models import Meeting
from videoklub.organisations.models import Klub, Membership, Programme, Role, School

REPORT = "\n\n".join(
    [
        "De school werkt sinds enkele jaren aan een gedeelde visie op zorg. Leraren zoeken vooral "
        "naar manieren om alle leerlingen actief te betrekken.",
        "In de klasobservaties zagen we veel goede instructie, maar weinig momenten waarop "
        "leerlingen feedback krijgen op hun werk terwijl ze bezig zijn.",
        "We stellen voor om in te zetten op groeigerichte feedback: het sluit aan bij de "
        "prioriteiten van het team en bij de vorming die de school eerder volgde.",
    ]
)

# Per stage: (phase reached, report final, focus chosen, number of action items)
STAGES = [
    ("explore", False, False, 0),
    ("prepare", True, True, 3),
    ("deliver", True, True, 4),
]
ACTIONS = [
    ("Feedback tijdens het werk", "Elke leraar filmt een les en kiest een feedbackmoment.", "done"),
    ("Gedeelde taal", "Kernteam maakt een kijkwijzer groeigerichte feedback.", "in_progress"),
    ("Klubsessies plannen", "Zes sessies vastleggen in de jaarplanning.", "done"),
    ("Ouders informeren", "Korte tekst in de nieuwsbrief over het project.", "open"),
]


def _staff(programme: Programme):
    membership = (
        Membership.objects.filter(programme=programme, role=Role.PROJECT_STAFF)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def seed_demo_baseline(programme: Programme) -> list[SchoolTrack]:
    """Give each school of `programme` a track: the first intake only, the second a final
    analysis with a focus and a plan (preparing), the third delivering with evidence."""
    by = _staff(programme)
    practices = list(CorePractice.objects.order_by("order", "name"))
    schools = School.objects.filter(
        pk__in=Klub.objects.filter(programme=programme).values("school_id")
    ).order_by("name")
    today = timezone.localdate()
    tracks = []
    for index, school in enumerate(schools):
        phase, final, with_focus, n_actions = STAGES[index % len(STAGES)]
        track, created = SchoolTrack.objects.get_or_create(programme=programme, school=school)
        tracks.append(track)
        if not created:
            continue
        track.intake_on = today - timedelta(days=60)
        track.intake_participants = "Directie, zorgcoördinator en de coach"
        track.intake_notes = "Het team wil leerlingen zelfstandiger laten werken."
        track.pupil_population = "Gemengde populatie, veel leerlingen met een andere thuistaal."
        track.team_size = 18 + 6 * index
        track.earlier_development = "Nascholing klasmanagement (2024), teamdag rond taal."
        track.result_trends = "Volgens de school stijgen de resultaten voor lezen licht."
        track.classroom_observations = "Duidelijke instructie; weinig feedback tijdens het werk."
        if final:
            track.report = REPORT
            track.report_status = SchoolTrack.ReportStatus.FINAL
            track.report_finalised_at = timezone.now() - timedelta(days=40)
            track.feedback_on = today - timedelta(days=35)
            track.feedback_participants = "Kernteam en coach"
            track.feedback_notes = "Het kernteam herkent zich in de analyse."
        else:
            track.report = REPORT.split("\n\n")[0]
        if with_focus and practices:
            track.focus_practice = practices[0]
            track.focus_statement = "Leerlingen krijgen tijdens het werk gerichte feedback."
        track.phase = phase
        track.save()
        for order, practice in enumerate(practices):
            PracticePriority.objects.create(
                track=track, core_practice=practice, priority=4 - order % 4, comment=""
            )
        for number, (goal, action, status) in enumerate(ACTIONS[:n_actions]):
            ActionPlanItem.objects.create(
                track=track,
                goal=goal,
                action=action,
                owner_text="Kernteam",
                due_on=date(today.year, 1, 1) + timedelta(days=60 * (number + 1)),
                status=status,
            )
        reached = PHASE_ORDER.index(phase)
        for step in range(reached):
            left = PHASE_ORDER[step]
            for item in checklist_items(left):
                ChecklistTick.objects.create(track=track, item_key=item.key, ticked_by=by)
            PhaseChange.objects.create(
                track=track,
                from_phase=left,
                to_phase=PHASE_ORDER[step + 1],
                by=by,
                at=timezone.now() - timedelta(days=30 * (reached - step)),
                note="Besproken in het kernteam.",
            )
        if reached >= 2:
            meeting = (
                Meeting.objects.filter(klub__school=school, klub__programme=programme)
                .order_by("starts_at")
                .first()
            )
            if meeting is not None:
                EvidenceLink.objects.create(
                    track=track, phase=phase, title=meeting.title, meeting=meeting, added_by=by
                )
            EvidenceLink.objects.create(
                track=track,
                phase="prepare",
                title="Implementatieplan van de school",
                url="https://example.org/implementatieplan.pdf",
                added_by=by,
            )
    return tracks
