"""Factories for tests: objects are built the way the app builds them."""

import factory
from factory.django import DjangoModelFactory

from videoklub.accounts.models import User
from videoklub.cycles.models import CorePractice, Cycle, LearningQuestion
from videoklub.organisations.models import Klub, Membership, Programme, Role, School, Wave
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@school.test")
    full_name = factory.Faker("name", locale="nl_BE")
    password = factory.django.Password(PASSWORD)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Begeleidingsproject {n}")
    school_year = "2026-2027"


class WaveFactory(DjangoModelFactory):
    class Meta:
        model = Wave

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Basisschool {n}")
    level = School.Level.PRIMARY
    town = "Gent"


class KlubFactory(DjangoModelFactory):
    class Meta:
        model = Klub

    name = factory.Sequence(lambda n: f"VideoKLuB {n}")
    school = factory.SubFactory(SchoolFactory)
    programme = factory.SubFactory(ProgrammeFactory)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.TEACHER
    klub = factory.SubFactory(KlubFactory)


class RecordingFactory(DjangoModelFactory):
    """A processed recording without files (tests that stream make their own file)."""

    class Meta:
        model = Recording

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Les {n}")
    status = Recording.Status.READY
    duration = 120.0
    width, height = 1280, 720


class FragmentFactory(DjangoModelFactory):
    class Meta:
        model = Fragment

    recording = factory.SubFactory(RecordingFactory)
    created_by = factory.SelfAttribute("recording.owner")
    title = factory.Sequence(lambda n: f"Fragment {n}")
    reason = Fragment.Reason.LEARNING_QUESTION
    start = 10.0
    end = 40.0


class ShareFactory(DjangoModelFactory):
    """A fragment shared with its owner's klub (pass `klub`)."""

    class Meta:
        model = Share

    fragment = factory.SubFactory(FragmentFactory)
    audience = Audience.KLUB
    created_by = factory.SelfAttribute("fragment.recording.owner")


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = Cycle
        skip_postgeneration_save = True

    teacher = factory.SubFactory(UserFactory)
    klub = factory.SubFactory(KlubFactory)
    number = factory.Sequence(lambda n: n + 1)
    core_practice = factory.LazyFunction(lambda: CorePractice.objects.order_by("order").first())
    learning_question = factory.RelatedFactory(
        "videoklub.testing.factories.LearningQuestionFactory", factory_related_name="cycle"
    )


class LearningQuestionFactory(DjangoModelFactory):
    class Meta:
        model = LearningQuestion

    cycle = factory.SubFactory(CycleFactory, learning_question=None)
    goal = "Mijn leerlingen krijgen feedback waarmee ze verder kunnen."
    question = "Hoe geef ik feedback op het proces in plaats van op de persoon?"
