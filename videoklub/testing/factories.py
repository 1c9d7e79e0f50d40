"""Factories for tests: objects are built the way the app builds them."""

import factory
from factory.django import DjangoModelFactory

from videoklub.accounts.models import User
from videoklub.organisations.models import Klub, Membership, Programme, Role, School, Wave

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
