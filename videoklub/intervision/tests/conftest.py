from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.intervision import services
from videoklub.intervision.models import Group, Round
from videoklub.organisations.models import Role
from videoklub.testing.factories import (
    FragmentFactory,
    KlubFactory,
    MembershipFactory,
    RecordingFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    """Fragment exports are queued, not run: the files are not what these tests are about."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def coach_at(programme, school=None, name=None) -> User:
    school = school or SchoolFactory()
    klub = KlubFactory(school=school, programme=programme)
    user = UserFactory(**({"full_name": name} if name else {}))
    MembershipFactory(user=user, role=Role.COACH, klub=klub)
    return user


@dataclass
class Iv:
    round: Round
    group: Group
    second: User  # coaches of two other schools in the world's programme
    third: User
    colleague_coach: User  # another coach at the world coach's school
    outsider: User  # a coach of the programme in no group


@pytest.fixture
def iv(world) -> Iv:
    today = timezone.localdate()
    round_ = services.round_create(
        by=world.project_staff,
        programme=world.programme,
        title="Intervisieronde najaar",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=20),
    )
    second = coach_at(world.programme, name="Griet Claes")
    third = coach_at(world.programme, name="Karim El Amrani")
    group = services.group_create(
        by=world.project_staff, round_=round_, name="Groep A", members=[world.coach, second, third]
    )
    return Iv(
        round=round_,
        group=group,
        second=second,
        third=third,
        colleague_coach=coach_at(world.programme, school=world.school),
        outsider=coach_at(world.programme),
    )


def class_group(world, *purposes: str) -> ClassGroup:
    """A class group at the world's school whose two pupils consent to `purposes`."""
    group = ClassGroup.objects.create(school=world.school, name="5A", school_year="2026-2027")
    for code in ("L1", "L2"):
        pupil = Pupil.objects.create(class_group=group, code=code)
        for purpose in purposes:
            Consent.objects.create(
                pupil=pupil, purpose=purpose, given_by="parent", given_on="2026-09-01"
            )
    return group


def coach_fragment(world, *purposes: str):
    """A fragment of a klub session the world's coach filmed, its class consenting to `purposes`."""
    recording = RecordingFactory(
        owner=world.coach, klub=world.klub, class_group=class_group(world, *purposes)
    )
    return FragmentFactory(recording=recording, title="Nabespreking met Lotte")


@pytest.fixture(autouse=True)
def english():
    """Service messages are made in the active language: these tests read the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield
