"""Demo data: a Filmfestival in preparation, its call open, with the demo teacher's fragment
submitted.

The demo lesson's class (K3A) gave no consent for public showing, so the demo records that its
parents signed the festival's consent form (as a school would collect it before a festival);
the fragment is then submitted through the real services, which check that consent. The demo
app calls `seed_demo_festival()` after the lesson exists; without video it does nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from videoklub.consent import services as consent_services
from videoklub.consent.models import Consent, Pupil
from videoklub.festival import services
from videoklub.festival.models import Festival
from videoklub.organisations.models import Role
from videoklub.recordings.models import Fragment

FRAGMENT_TITLE = "Opdracht voordoen in de bouwhoek"


@transaction.atomic
def seed_demo_festival() -> bool:
    """Create the demo festival once; False when it was there already or the lesson is missing."""
    fragment = (
        Fragment.objects.filter(title=FRAGMENT_TITLE)
        .select_related("recording__klub__programme", "recording__owner", "recording__class_group")
        .first()
    )
    if fragment is None or fragment.recording.klub is None:
        return False
    recording = fragment.recording
    klub = recording.klub
    if klub is None:
        return False
    programme = klub.programme
    if Festival.objects.filter(programme=programme).exists():
        return False
    staff = programme.memberships.filter(role=Role.PROJECT_STAFF).select_related("user").first()
    if staff is None:
        return False
    today = timezone.localdate()
    festival = services.festival_create(
        programme=programme,
        by=staff.user,
        year=today.year,
        title=f"Filmfestival {programme.name}",
        date=today + timedelta(days=60),
        place="Cultureel centrum, grote zaal",
        call_text=(
            "Laat zien waar je trots op bent. Stuur een klasfragment van 1 tot 3 minuten in, "
            "met een paar zinnen over wat het toont en waarom het je collega's iets leert. "
            "Alleen met toestemming voor openbare vertoning of als goedgekeurde "
            "geanonimiseerde versie."
        ),
        submission_deadline=today + timedelta(days=21),
    )
    services.festival_publish_call(festival=festival, by=staff.user)
    services.block_save(
        festival=festival,
        by=staff.user,
        title="Zelfstandig werken",
        introduction="Hoe kinderen leren zonder op de leraar te wachten.",
    )
    if recording.class_group is not None:
        for pupil in Pupil.objects.filter(class_group=recording.class_group, archived=False):
            if not Consent.objects.filter(pupil=pupil, purpose="public").exists():
                consent_services.consent_give(
                    pupil=pupil,
                    purpose="public",
                    given_by="parent",
                    given_on=today - timedelta(days=7),
                    evidence="Toestemmingsformulier Filmfestival",
                    recorded_by=recording.owner,
                )
    services.submission_create(
        festival=festival,
        fragment=fragment,
        by=recording.owner,
        title="Voordoen in de bouwhoek",
        what_it_shows="Ik doe de opdracht voor; twee kleuters beginnen al samen te bouwen.",
        why="Het toont hoe kort voordoen kleuters zelfstandig aan het werk zet.",
    )
    return True
