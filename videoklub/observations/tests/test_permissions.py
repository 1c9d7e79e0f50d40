"""Who may use and who may change a school's, a programme's and a shipped kijkwijzer (the klub's
own are in the permission matrix)."""

import pytest

from videoklub import policy
from videoklub.observations import services
from videoklub.observations.models import Framework
from videoklub.observations.tests.conftest import SCALE, domains

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_framework(world) -> Framework:
    return services.framework_create(
        created_by=world.school_leader,
        name="Onze school kijkt",
        description="",
        school=world.school,
        domains=domains("Wachttijd"),
        scale=SCALE,
    )


@pytest.fixture
def programme_framework(world) -> Framework:
    return Framework.objects.create(name="Het project kijkt", programme=world.programme)


def _people(world, *roles):
    return {role: getattr(world, role) for role in roles}


def test_a_schools_kijkwijzer_is_used_by_its_leader_and_its_klubs_not_by_another_school(
    world, school_framework
):
    users = _people(
        world, "school_leader", "teacher", "coach", "other_school_leader", "other_teacher"
    )
    assert {
        role: policy.can(u, "use_framework", school_framework) for role, u in users.items()
    } == {
        "school_leader": True,
        "teacher": True,
        "coach": True,
        "other_school_leader": False,
        "other_teacher": False,
    }


def test_a_schools_kijkwijzer_is_changed_by_its_leader_only(world, school_framework):
    users = _people(world, "school_leader", "coach", "project_staff", "other_school_leader")
    assert {
        role: policy.can(u, "change_framework", school_framework) for role, u in users.items()
    } == {
        "school_leader": True,
        "coach": False,
        "project_staff": False,
        "other_school_leader": False,
    }


def test_a_programmes_kijkwijzer_is_used_by_its_staff_and_its_klubs_not_by_another(
    world, programme_framework
):
    # Staff without a klub, and klub members who are not staff: each half of the rule alone.
    users = _people(
        world, "project_staff", "teacher", "coach", "other_project_staff", "other_teacher"
    )
    assert {
        role: policy.can(u, "use_framework", programme_framework) for role, u in users.items()
    } == {
        "project_staff": True,
        "teacher": True,
        "coach": True,
        "other_project_staff": False,
        "other_teacher": False,
    }


def test_a_programmes_kijkwijzer_is_changed_by_its_staff_only(world, programme_framework):
    users = _people(world, "project_staff", "coach", "school_leader", "other_project_staff")
    assert {
        role: policy.can(u, "change_framework", programme_framework) for role, u in users.items()
    } == {
        "project_staff": True,
        "coach": False,
        "school_leader": False,
        "other_project_staff": False,
    }


def test_a_shipped_kijkwijzer_is_changed_by_nobody(world, shipped_feedback):
    for role in ("project_staff", "school_leader", "coach", "teacher"):
        user = getattr(world, role)
        assert policy.can(user, "use_framework", shipped_feedback), role
        assert not policy.can(user, "change_framework", shipped_feedback), role
