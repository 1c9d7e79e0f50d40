"""Demo data: a running book club at a demo school, with its schedule, roles, one held meeting,
insights (one shared with the school) and an experiment with a logbook.

The demo app sits above this one and calls `seed_demo_bookclubs()` after its people exist. We
may not import it (layers), so the school is found by the name demo/people.py gives it.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.bookclubs import guiding, services
from videoklub.bookclubs.models import BookClub
from videoklub.meetings.models import WorkForm
from videoklub.organisations.models import Role, School

# Lotte Peeters' school: she facilitates the club, so her login shows it running.
DEMO_SCHOOL = "Kleuterschool De Speelvogel"
CLUB_TITLE = "Boekenclub feedback"
LOTTE = "lotte.peeters@demo.videoklub.be"


def _work_form(code: str) -> WorkForm | None:
    return WorkForm.objects.filter(code=code).first()


@transaction.atomic
def seed_demo_bookclubs() -> bool:
    """Create the demo club once; False when it was there already or the school is missing."""
    school = School.objects.filter(name=DEMO_SCHOOL).first()
    if school is None or BookClub.objects.filter(school=school, title=CLUB_TITLE).exists():
        return False
    teachers = list(
        User.objects.filter(
            memberships__klub__school=school, memberships__role=Role.TEACHER, is_active=True
        )
        .order_by("pk")
        .distinct()[:3]
    )
    if len(teachers) < 2:
        return False
    # The klub's coach reads along: four members for the four roles.
    coaches = User.objects.filter(
        memberships__klub__school=school, memberships__role=Role.COACH, is_active=True
    ).order_by("pk")[:1]
    facilitator, *others = sorted(teachers, key=lambda u: u.email != LOTTE) + list(coaches)
    club = services.book_club_create(
        by=facilitator,
        school=school,
        title=CLUB_TITLE,
        book_title="Feedback die werkt: groeigerichte feedback in de klas",
        book_authors="John Hattie, Shirley Clarke",
        isbn="978-0-306-40615-7",
        why="We willen dat leerlingen meer doen met onze feedback, vooral bij het schrijven.",
    )
    for colleague in others:
        services.member_add(club=club, user=colleague, by=facilitator)
    now = timezone.now().replace(hour=15, minute=45, second=0, microsecond=0)
    schedule = [
        (-14, "hoofdstuk 1–2", "bookclub-think-pair-share", "start"),
        (14, "hoofdstuk 3", "bookclub-placemat", "middle"),
        (42, "hoofdstuk 4–5", "bookclub-practice-link", "middle"),
        (70, "hoofdstuk 6", "bookclub-role-division", "end"),
    ]
    meetings = [
        services.club_meeting_create(
            club=club,
            by=facilitator,
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, minutes=75),
            place="Bibliotheek",
            reading=reading,
            work_form=_work_form(code),
            questions=guiding.templates()[template].as_text(),
        )
        for days, reading, code, template in schedule
    ]
    services.roles_rotate(club=club, by=facilitator)
    held = meetings[0]
    services.club_meeting_save(
        meeting=held,
        by=facilitator,
        questions=held.questions,
        notes="Iedereen herkende ‘vage wensen’ bij leerlingen. Afspraak: elk één experiment.",
        held=True,
    )
    services.book_club_update(
        club=club,
        by=facilitator,
        title=club.title,
        book_title=club.book_title,
        book_authors=club.book_authors,
        isbn=club.isbn,
        why=club.why,
        status=BookClub.Status.RUNNING,
    )
    shared = services.insight_create(
        club=club,
        author=others[0],
        kind="quote",
        text="Feedback werkt pas als de leerling er iets mee doet.",
        page_ref="23",
        meeting=held,
    )
    services.insight_share(insight=shared, by=others[0], share=True)
    services.insight_create(
        club=club,
        author=facilitator,
        kind="note",
        text="Twee sterren en een wens werkt beter met een lijst van bruikbare wensen.",
        meeting=held,
    )
    experiment = services.experiment_create(
        club=club,
        member=others[0],
        what="Bij het stellen krijgen leerlingen één concrete wens en herschrijven ze één zin.",
        success="De helft van de klas verbetert die zin zelfstandig.",
    )
    services.logbook_add(
        experiment=experiment,
        by=others[0],
        body="Eerste keer: veel vragen over wat een ‘goede wens’ is. Voorbeelden op het bord.",
    )
    return True
