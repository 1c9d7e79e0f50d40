"""Demo data: a running intervision round with one group of the three demo coaches (each of
another school, An Verstraeten among them), a case of hers discussed with the incident method,
notes and advice from the other two. Built through the services; idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.intervision import services
from videoklub.intervision.models import Round
from videoklub.organisations.models import Membership, Role

ROUND_TITLE = "Intervisieronde 1"
COACHES = ("An Verstraeten", "Koen Van den Broeck", "Griet Coppens")


@transaction.atomic
def seed_demo_intervision() -> bool:
    """False when the round is there already or the demo people are missing."""
    found = [User.objects.filter(full_name=name).first() for name in COACHES]
    coaches = [c for c in found if c is not None]
    staff_membership = (
        Membership.objects.filter(role=Role.PROJECT_STAFF).select_related("programme").first()
    )
    if len(coaches) != len(COACHES) or staff_membership is None:
        return False
    programme = staff_membership.programme
    if programme is None:
        return False
    if Round.objects.filter(programme=programme, title=ROUND_TITLE).exists():
        return False
    an, koen, griet = coaches
    staff = staff_membership.user
    today = timezone.localdate()
    event = programme.community_events.filter(kind="intervision").order_by("date").first()
    round_ = services.round_create(
        by=staff,
        programme=programme,
        title=ROUND_TITLE,
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=28),
        event=event,
    )
    group = services.group_create(
        by=staff, round_=round_, name="Intervisiegroep 1", members=[an, koen, griet]
    )
    case = services.case_submit(
        by=an,
        group=group,
        title="Lotte zoekt zelf geen fragmenten meer",
        question="Hoe help ik een leraar om zelf weer het fragment te kiezen dat ze wil bespreken?",
        context=(
            "In de klub van De Speelvogel kiest een leraar sinds een paar weken geen fragmenten "
            "meer zelf: ze vraagt mij om het te doen. Ze is gemotiveerd, maar twijfelt aan haar "
            "eigen blik."
        ),
    )
    services.session_start(by=koen, case=case, method="incidentmethode", present=[an, koen, griet])
    services.step_note_add(
        by=koen, case=case, step=2, body="Het begon na een sessie waarin de klub kritisch was."
    )
    services.advice_add(
        by=koen,
        case=case,
        member=koen,
        body="Laat haar drie korte momenten markeren en kies er samen één.",
    )
    advice = services.advice_add(
        by=koen,
        case=case,
        member=griet,
        body="Vraag wat ze wél goed vond in haar les, en zoek dat moment samen op.",
    )
    services.advice_mark(by=an, advice=advice, will_try=True)
    return True
