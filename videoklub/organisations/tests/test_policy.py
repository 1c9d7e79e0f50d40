import pytest

from videoklub import policy
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import forget_memberships
from videoklub.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("teacher", {"view_klub", "view_school"}),
        ("coach", {"view_klub", "view_school", "invite_to_klub"}),
        ("school_leader", {"view_klub", "view_school"}),
        (
            "project_staff",
            {"view_klub", "view_school", "invite_to_klub", "view_programme", "invite_to_programme"},
        ),
        ("no_membership", set()),
    ],
)
def test_what_each_role_may_do_in_its_own_organisation(world, role, allowed):
    user = world.user(role)
    targets = {
        "view_klub": world.klub,
        "invite_to_klub": world.klub,
        "view_school": world.school,
        "view_programme": world.programme,
        "invite_to_programme": world.programme,
    }
    assert {a for a, obj in targets.items() if policy.can(user, a, obj)} == allowed
    other = {
        "view_klub": world.other_klub,
        "invite_to_klub": world.other_klub,
        "view_school": world.other_school,
        "view_programme": world.other_programme,
        "invite_to_programme": world.other_programme,
    }
    assert not any(policy.can(user, a, obj) for a, obj in other.items())


def test_a_superuser_gets_no_shortcut(world):
    from videoklub.testing.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    assert not policy.can(admin, "view_klub", world.klub)


def test_an_unknown_action_is_an_error_not_a_yes(world):
    # The message names the action, so a mistyped one is found at once.
    with pytest.raises(KeyError, match="Unknown policy action 'view_everything'"):
        policy.can(world.teacher, "view_everything", world.klub)


def test_a_deactivated_member_may_do_nothing(world):
    world.coach.is_active = False
    assert not policy.can(world.coach, "view_klub", world.klub)


def test_memberships_are_read_once_per_user_object(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            policy.can(world.coach, "view_klub", world.klub)
            policy.can(world.coach, "invite_to_klub", world.klub)


def test_forgotten_memberships_are_read_again(world):
    assert not policy.can(world.teacher, "view_klub", world.other_klub)
    MembershipFactory(user=world.teacher, role=Role.TEACHER, klub=world.other_klub)
    forget_memberships(world.teacher)  # as accepting an invitation does
    assert policy.can(world.teacher, "view_klub", world.other_klub)


def test_forgetting_memberships_never_read_is_harmless(world):
    forget_memberships(world.teacher)
    assert policy.can(world.teacher, "view_klub", world.klub)


def test_a_deactivated_account_has_no_memberships(world):
    # Read by rules and selectors alike (`klub_ids`, `school_ids_led` ...), not only by
    # `policy.can`, which refuses a deactivated account before any rule.
    from videoklub.organisations.permissions import klub_ids, memberships

    world.coach.is_active = False
    assert memberships(world.coach) == []
    assert klub_ids(world.coach, Role.COACH) == set()
