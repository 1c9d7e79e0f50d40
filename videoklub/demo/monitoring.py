"""The demo programme's plan and a school year of activity, so the report in `make run` shows
real figures and charts: targets and milestones as the projects set them (scaled to the demo),
twelve more schools whose klubs held sessions, coaching visits and cycles, and surveys before
and after with synthetic answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from videoklub.baseline.demo import seed_demo_baseline
from videoklub.demo.people import PROGRAMME
from videoklub.monitoring.models import Milestone, Target
from videoklub.monitoring.synthetic import add_activity
from videoklub.organisations.models import Programme
from videoklub.surveys.demo import seed_demo_surveys

SCHOOLS = [
    ("Basisschool Het Klavertje", "Aalst"),
    ("Vrije Basisschool Sint-Jozef", "Geel"),
    ("Gemeentelijke Basisschool De Vlieger", "Ronse"),
    ("Basisschool De Knipoog", "Hasselt"),
    ("Freinetschool De Boomhut", "Leuven"),
    ("Basisschool Ter Linde", "Brugge"),
    ("Kleuterschool Het Nest", "Mechelen"),
    ("Basisschool De Horizon", "Genk"),
    ("Vrije Basisschool De Regenboog", "Kortrijk"),
    ("Basisschool Sint-Maarten", "Turnhout"),
    ("GO! Basisschool De Tuimelaar", "Ninove"),
    ("Basisschool De Zonnebloem", "Tielt"),
]
TARGETS = [
    ("coaches_trained", 12, 20),
    ("teachers_coached", 60, None),
    ("klub_sessions", 60, 90),
    ("coaching_visits", 80, None),
    ("cycles_completed", 30, None),
    ("practice_examples", 5, None),
    ("knowledge_clips", 2, None),
    ("course_completions", 20, None),
    ("pupils_reached", 300, None),
    ("teachers_applying", 80, None),
]
MILESTONES = [
    (date(2026, 12, 15), "Evaluatie van de start", "Profiel van de tweede instroomgolf."),
    (date(2027, 4, 30), "Tussentijdse evaluatie", "Aanbevelingen voor het laatste trimester."),
    (
        date(2027, 6, 30),
        "Voorstelling van het proces",
        "Filmfestival; 5 praktijkvoorbeelden en 2 kennisclips in de kennisbank.",
    ),
]


def seed_demo_monitoring() -> bool:
    """False when the demo programme already has its plan (run again: nothing is doubled)."""
    programme = Programme.objects.filter(
        name=PROGRAMME["name"], school_year=PROGRAMME["school_year"]
    ).first()
    if programme is None or Target.objects.filter(programme=programme).exists():
        return False
    for indicator, minimum, maximum in TARGETS:
        Target.objects.create(
            programme=programme,
            indicator=indicator,
            minimum=Decimal(minimum),
            maximum=None if maximum is None else Decimal(maximum),
        )
    for due_on, title, deliverables in MILESTONES:
        Milestone.objects.create(
            programme=programme, due_on=due_on, title=title, deliverables=deliverables
        )
    add_activity(
        programme,
        len(SCHOOLS),
        teachers=4,
        tag="demo",
        start=programme.starts_on or date(2026, 9, 1),
        names=[name for name, _town in SCHOOLS],
        towns=[town for _name, town in SCHOOLS],
        domain="schaal.demo.videoklub.be",
    )
    seed_demo_surveys(programme)
    seed_demo_baseline(programme)
    return True
