"""The order and the labels of what the consent pages list: class groups by school, newest
school year first, then name; the grid's pupils by code, those who left last; its purposes by
their label; a withdrawn consent, the one given last."""

from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.consent import selectors, services
from videoklub.consent.models import ClassGroup, Consent, Purpose
from videoklub.organisations.models import Role
from videoklub.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def group(school, name: str, year: str = "2025-2026") -> ClassGroup:
    return services.class_group_create(school=school, name=name, school_year=year, created_by=None)


def give(pupil, *, days_ago: int, purpose=Purpose.KLUB) -> Consent:
    return services.consent_give(
        pupil=pupil,
        purpose=purpose,
        given_by=Consent.GivenBy.PARENT,
        given_on=timezone.localdate() - timedelta(days=days_ago),
        evidence="map 3B",
        recorded_by=None,
    )


def withdraw(consent: Consent, *, days_ago: int) -> None:
    services.consent_withdraw(
        consent=consent,
        withdrawn_on=timezone.localdate() - timedelta(days=days_ago),
        recorded_by=None,
    )


def test_class_groups_are_listed_by_school_then_newest_year_then_name(world):
    MembershipFactory(user=world.teacher, role=Role.TEACHER, klub=world.other_klub)
    # Made in another order than the list shows them.
    group(world.school, "1A", "2024-2025")
    group(world.school, "3B")
    group(world.school, "1B")
    group(world.other_school, "2A")
    listed = [
        (g.school.name, g.school_year, g.name)
        for g in selectors.class_groups_for_user(world.teacher)
    ]
    assert listed == [
        ("De Regenboog", "2025-2026", "2A"),
        ("De Wegwijzer", "2025-2026", "1B"),
        ("De Wegwijzer", "2025-2026", "3B"),
        ("De Wegwijzer", "2024-2025", "1A"),
    ]


def test_the_grid_lists_pupils_by_code_and_those_who_left_last(world):
    class_group = group(world.school, "3B")
    services.pupils_add(class_group=class_group, codes=["3B-03", "3B-01", "3B-02"])
    services.pupil_archive(pupil=class_group.pupils.get(code="3B-02"))
    assert [row.pupil.code for row in selectors.consent_grid(class_group)] == ["3B-01", "3B-03"]
    everyone = selectors.consent_grid(class_group, include_archived=True)
    assert [row.pupil.code for row in everyone] == ["3B-01", "3B-03", "3B-02"]


def test_the_grid_names_each_purpose_by_its_label(world):
    class_group = group(world.school, "3B")
    services.pupils_add(class_group=class_group, codes=["3B-01"])
    (row,) = selectors.consent_grid(class_group)
    assert [(cell.purpose, cell.label) for cell in row.cells] == [
        ("klub", "filming for reflection in the klub"),
        ("school", "sharing within the school"),
        ("training", "reuse in training"),
        ("public", "public showing (Filmfestival)"),
    ]


def test_a_withdrawn_cell_shows_the_consent_given_last_by_date(world):
    class_group = group(world.school, "3B")
    (pupil,) = services.pupils_add(class_group=class_group, codes=["3B-01"])
    later = give(pupil, days_ago=10)
    withdraw(later, days_ago=10)
    # Recorded afterwards, but given (on paper) before the other one.
    earlier = give(pupil, days_ago=20)
    withdraw(earlier, days_ago=20)
    (row,) = selectors.consent_grid(class_group)
    assert row.cells[0].standing is None
    assert row.cells[0].withdrawn == later


def test_of_two_withdrawn_consents_given_the_same_day_the_grid_shows_the_one_recorded_last(
    world,
):
    class_group = group(world.school, "3B")
    (pupil,) = services.pupils_add(class_group=class_group, codes=["3B-01"])
    first = give(pupil, days_ago=10)
    withdraw(first, days_ago=10)
    second = give(pupil, days_ago=10)
    withdraw(second, days_ago=10)
    (row,) = selectors.consent_grid(class_group)
    assert row.cells[0].withdrawn == second


def test_filming_offers_the_current_class_groups_of_the_klubs_schools_in_list_order(world):
    MembershipFactory(user=world.teacher, role=Role.TEACHER, klub=world.other_klub)
    # Made in another order than the list shows them.
    group(world.school, "1A", "2024-2025")
    group(world.school, "3B")
    group(world.school, "1B")
    services.class_group_archive(class_group=group(world.school, "2C"))
    group(world.other_school, "2A")
    offered = [
        (g.school.name, g.school_year, g.name)
        for g in selectors.class_groups_for_filming(world.teacher, [world.klub, world.other_klub])
    ]
    assert offered == [
        ("De Regenboog", "2025-2026", "2A"),
        ("De Wegwijzer", "2025-2026", "1B"),
        ("De Wegwijzer", "2025-2026", "3B"),
        ("De Wegwijzer", "2024-2025", "1A"),
    ]


def test_filming_offers_no_class_group_of_a_school_the_teacher_only_leads(world):
    MembershipFactory(
        user=world.teacher, role=Role.SCHOOL_LEADER, school=world.other_school, klub=None
    )
    group(world.school, "3B")
    group(world.other_school, "2A")
    offered = selectors.class_groups_for_filming(world.teacher, [world.klub])
    assert [g.name for g in offered] == ["3B"]
