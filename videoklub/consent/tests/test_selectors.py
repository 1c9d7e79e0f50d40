from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from videoklub.consent import selectors, services
from videoklub.consent.models import ClassGroup, Consent, Purpose
from videoklub.testing.factories import RecordingFactory

pytestmark = pytest.mark.django_db


def make_group(school, name="3B", pupils=3):
    group = ClassGroup.objects.create(school=school, name=name, school_year="2025-2026")
    if pupils:
        services.pupils_add_series(class_group=group, prefix=f"{name}-", count=pupils)
    return group


def give(pupil, purpose=Purpose.KLUB):
    return services.consent_give(
        pupil=pupil,
        purpose=purpose,
        given_by=Consent.GivenBy.PARENT,
        given_on=timezone.localdate() - timedelta(days=3),
        evidence="map",
        recorded_by=None,
    )


@pytest.fixture
def group(world):
    return make_group(world.school)


def pupils(group):
    return list(group.pupils.order_by("code"))


def test_a_recording_is_covered_when_every_pupil_consented(world, group):
    for pupil in pupils(group):
        give(pupil)
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert selectors.consent_covers(recording, "klub")
    assert selectors.consent_gap(recording, "klub") == []
    # Consent is per purpose: filming in the klub says nothing about showing in public.
    assert not selectors.consent_covers(recording, "public")


def test_one_pupil_without_consent_leaves_the_recording_uncovered(world, group):
    first, second, third = pupils(group)
    give(first)
    give(third)
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert not selectors.consent_covers(recording, "klub")
    assert selectors.consent_gap(recording, "klub") == [second]


def test_without_any_consent_every_pupil_is_in_the_gap(world, group):
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert not selectors.consent_covers(recording, "school")
    assert selectors.consent_gap(recording, "school") == pupils(group)


def test_a_withdrawn_consent_no_longer_covers(world, group):
    consents = [give(pupil) for pupil in pupils(group)]
    services.consent_withdraw(
        consent=consents[0], withdrawn_on=timezone.localdate(), recorded_by=None
    )
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert not selectors.consent_covers(recording, "klub")
    assert selectors.consent_gap(recording, "klub") == [consents[0].pupil]


def test_a_pupil_who_left_does_not_count(world, group):
    first, second, third = pupils(group)
    give(first)
    give(second)
    services.pupil_archive(pupil=third)
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert selectors.consent_covers(recording, "klub")


def test_a_class_group_without_pupils_is_covered(world):
    empty = make_group(world.school, name="4A", pupils=0)
    recording = RecordingFactory(owner=world.teacher, class_group=empty)
    assert selectors.consent_covers(recording, "public")
    assert selectors.consent_gap(recording, "public") == []


def test_a_recording_without_class_group_is_never_covered(world):
    recording = RecordingFactory(owner=world.teacher, class_group=None)
    assert not selectors.consent_covers(recording, "klub")
    assert selectors.consent_gap(recording, "klub") == []


def test_an_unknown_purpose_is_a_programming_error(world, group):
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    with pytest.raises(ValueError):
        selectors.consent_covers(recording, "everything")


def test_pupils_without_consent_per_purpose(group):
    first, second, third = pupils(group)
    give(first, Purpose.KLUB)
    give(second, Purpose.PUBLIC)
    assert selectors.pupils_without_consent(group, Purpose.KLUB) == [second, third]
    assert selectors.pupils_without_consent(group, Purpose.PUBLIC) == [first, third]


def test_class_groups_for_user_are_those_of_schools_they_keep_the_register_of(world, group):
    other = make_group(world.other_school, name="5C", pupils=0)
    archived = make_group(world.school, name="6D", pupils=0)
    services.class_group_archive(class_group=archived)
    for role in ["teacher", "coach", "school_leader"]:
        assert list(selectors.class_groups_for_user(getattr(world, role))) == [group]
    assert set(selectors.class_groups_for_user(world.teacher, include_archived=True)) == {
        group,
        archived,
    }
    assert list(selectors.class_groups_for_user(world.other_teacher)) == [other]
    assert list(selectors.class_groups_for_user(world.project_staff)) == []


def test_the_grid_shows_standing_withdrawn_and_missing(group):
    first, second, _third = pupils(group)
    give(first, Purpose.KLUB)
    withdrawn = give(second, Purpose.KLUB)
    services.consent_withdraw(
        consent=withdrawn, withdrawn_on=timezone.localdate(), recorded_by=None
    )
    rows = selectors.consent_grid(group)
    states = [
        [
            "given" if cell.standing else "withdrawn" if cell.withdrawn else "missing"
            for cell in row.cells
        ]
        for row in rows
    ]
    assert states == [
        ["given", "missing", "missing", "missing"],
        ["withdrawn", "missing", "missing", "missing"],
        ["missing", "missing", "missing", "missing"],
    ]
    assert [cell.purpose for cell in rows[0].cells] == ["klub", "school", "training", "public"]


def _grid_queries(group) -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.consent_grid(group)
    return len(queries)


def test_the_grid_reads_a_constant_number_of_queries(world):
    small, large = make_group(world.school, "S", 5), make_group(world.school, "L", 50)
    for group in (small, large):
        for pupil in group.pupils.all():
            give(pupil, Purpose.KLUB)
            give(pupil, Purpose.SCHOOL)
    assert _grid_queries(small) == _grid_queries(large) == 2


def test_the_gap_names_only_current_pupils_of_the_recordings_class_group(world, group):
    first, second, third = pupils(group)
    give(first)
    services.pupil_archive(pupil=third)
    make_group(world.school, name="4A", pupils=2)  # no consent there: not this recording's gap
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert selectors.consent_gap(recording, "klub") == [second]


def test_the_printed_summary_names_each_purpose_and_who_may_not_be_filmed(group):
    first, second, third = pupils(group)
    give(first, Purpose.KLUB)
    rows = selectors.missing_per_purpose(group)
    assert [(value, label) for value, label, _missing in rows] == [
        (purpose.value, str(purpose.label)) for purpose in Purpose
    ]
    assert dict((value, missing) for value, _label, missing in rows)["klub"] == [second, third]


def test_another_class_groups_missing_consent_does_not_uncover_a_recording(world, group):
    for pupil in pupils(group):
        give(pupil)
    make_group(world.school, name="4A", pupils=2)
    recording = RecordingFactory(owner=world.teacher, class_group=group)
    assert selectors.consent_covers(recording, "klub")
    with pytest.raises(ValueError, match="Unknown consent purpose 'everything'"):
        selectors.consent_covers(recording, "everything")


def test_the_register_keeper_gets_the_consent_or_pupil_asked_for(world, group):
    first, second, _third = pupils(group)
    give(first)
    wanted = give(second)
    assert selectors.consent_get_for_user(world.school_leader, wanted.pk) == wanted
    assert selectors.pupil_get_for_user(world.school_leader, second.pk) == second


def test_a_schools_class_groups_are_listed_current_first_newest_year_first_then_by_name(world):
    # Made out of order, so that the order read is the one asked for, not the one of the rows.
    for name, year, archived in [
        ("2A", "2026-2027", True),
        ("3A", "2025-2026", False),
        ("0A", "2025-2026", False),
        ("1B", "2026-2027", False),
        ("1A", "2026-2027", False),
    ]:
        ClassGroup.objects.create(
            school=world.school, name=name, school_year=year, archived=archived
        )
    ClassGroup.objects.create(school=world.other_school, name="1C", school_year="2026-2027")

    listed = selectors.class_groups_of_school(world.school)

    assert [(g.name, g.school_year) for g in listed] == [
        ("1A", "2026-2027"),
        ("1B", "2026-2027"),
        ("0A", "2025-2026"),
        ("3A", "2025-2026"),
        ("2A", "2026-2027"),
    ]
