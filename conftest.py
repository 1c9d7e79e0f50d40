"""Shared fixtures: a small world of two programmes, each with a school, a klub and people."""

from dataclasses import dataclass

import pytest

from videoklub.accounts.models import User
from videoklub.organisations.models import Klub, Programme, Role, School
from videoklub.testing.factories import (
    PASSWORD,
    KlubFactory,
    MembershipFactory,
    ProgrammeFactory,
    SchoolFactory,
    UserFactory,
)


@dataclass
class World:
    """Everyone the permission tests need: the people of one klub and an unrelated other one."""

    programme: Programme
    school: School
    klub: Klub
    teacher: User
    colleague: User  # another teacher in the same klub
    coach: User
    school_leader: User
    project_staff: User
    no_membership: User
    other_programme: Programme
    other_school: School
    other_klub: Klub
    other_teacher: User
    other_coach: User
    other_school_leader: User
    other_project_staff: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def _member(role: Role, **scope) -> User:
    return MembershipFactory(role=role, **{"klub": None, **scope}).user


@pytest.fixture
def world(db) -> World:
    programme = ProgrammeFactory(name="Brede basiszorg")
    school = SchoolFactory(name="De Wegwijzer", town="Herentals")
    klub = KlubFactory(name="VideoKLuB Wegwijzer", school=school, programme=programme)
    other_programme = ProgrammeFactory(name="Ander project")
    other_school = SchoolFactory(name="De Regenboog", town="Brugge")
    other_klub = KlubFactory(name="VideoKLuB Regenboog", school=other_school,
                             programme=other_programme)
    return World(
        programme=programme,
        school=school,
        klub=klub,
        teacher=_member(Role.TEACHER, klub=klub),
        colleague=_member(Role.TEACHER, klub=klub),
        coach=_member(Role.COACH, klub=klub),
        school_leader=_member(Role.SCHOOL_LEADER, school=school),
        project_staff=_member(Role.PROJECT_STAFF, programme=programme),
        no_membership=UserFactory(),
        other_programme=other_programme,
        other_school=other_school,
        other_klub=other_klub,
        other_teacher=_member(Role.TEACHER, klub=other_klub),
        other_coach=_member(Role.COACH, klub=other_klub),
        other_school_leader=_member(Role.SCHOOL_LEADER, school=other_school),
        other_project_staff=_member(Role.PROJECT_STAFF, programme=other_programme),
    )


@pytest.fixture
def password() -> str:
    return PASSWORD
