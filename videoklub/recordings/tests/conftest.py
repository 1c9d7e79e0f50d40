import base64

import pytest

from videoklub.organisations.models import Role
from videoklub.testing.factories import MembershipFactory


@pytest.fixture
def teacher(world):
    return world.teacher


@pytest.fixture
def other_teacher(world):
    return MembershipFactory(role=Role.TEACHER, klub=world.other_klub).user


def tus_metadata(**values: str) -> str:
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in values.items()
    )
