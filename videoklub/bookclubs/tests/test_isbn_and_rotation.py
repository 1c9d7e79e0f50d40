from collections import Counter

import pytest

from videoklub.bookclubs.isbn import isbn_is_valid, normalise_isbn
from videoklub.bookclubs.rotation import rotate


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-2",
        "0306406152",
        "978-0-306-40615-7",
        "9780306406157",
        "080442957X",
        "0 8044 2957 x",
    ],
)
def test_valid_isbns_pass_with_or_without_hyphens(isbn):
    assert isbn_is_valid(isbn)


@pytest.mark.parametrize(
    "isbn",
    ["0-306-40615-3", "978-0-306-40615-8", "12345", "97803064061570", "X306406152", "abc"],
)
def test_a_wrong_check_digit_or_length_is_refused(isbn):
    assert not isbn_is_valid(isbn)


def test_an_isbn_is_kept_without_hyphens_and_spaces():
    assert normalise_isbn(" 978-0 306-40615-7 ") == "9780306406157"


ROLES = ["moderator", "summariser", "critical", "practice"]


@pytest.mark.parametrize(("meetings", "members"), [(6, 4), (8, 4), (7, 5), (5, 3), (9, 6), (3, 2)])
def test_every_member_gets_every_role_as_evenly_as_the_schedule_allows(meetings, members):
    people = [f"m{i}" for i in range(members)]
    plan = rotate(meetings, people, ROLES)
    counts = Counter((person, role) for meeting in plan for role, person in meeting.items())
    for role in ROLES:
        per_person = [counts[(person, role)] for person in people]
        assert max(per_person) - min(per_person) <= 1, (role, per_person)
        assert sum(per_person) == meetings


@pytest.mark.parametrize("members", [4, 5, 7])
def test_nobody_has_two_roles_in_one_meeting_when_there_are_enough_members(members):
    plan = rotate(10, list(range(members)), ROLES)
    for meeting in plan:
        assert len(set(meeting.values())) == len(ROLES)


def test_with_fewer_members_than_roles_everyone_still_has_a_role_each_meeting():
    plan = rotate(4, ["a", "b"], ROLES)
    for meeting in plan:
        assert set(meeting.values()) == {"a", "b"}


def test_the_roles_move_on_from_one_meeting_to_the_next():
    plan = rotate(2, ["a", "b", "c", "d"], ROLES)
    assert all(plan[0][role] != plan[1][role] for role in ROLES)
