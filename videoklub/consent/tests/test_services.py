import threading
import time
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from videoklub.consent import services
from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.recordings.models import Fragment
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import RecordingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 10, 1)


@pytest.fixture
def class_group(world):
    return services.class_group_create(
        school=world.school, name="3B", school_year="2025-2026", created_by=world.teacher
    )


@pytest.fixture
def pupil(class_group):
    return services.pupils_add(class_group=class_group, codes=["3B-01"])[0]


def give(pupil, purpose=Purpose.KLUB, **changes):
    values = {
        "pupil": pupil,
        "purpose": purpose,
        "given_by": Consent.GivenBy.PARENT,
        "given_on": timezone.localdate() - timedelta(days=10),
        "evidence": "map 3B, blad 1",
        "recorded_by": None,
        **changes,
    }
    return services.consent_give(**values)


# --- Class groups ------------------------------------------------------------------------------


def test_a_class_group_is_created_for_a_school_year(world):
    group = services.class_group_create(
        school=world.school, name="  3B  ", school_year="2025-2026", created_by=world.teacher
    )
    assert (group.name, group.school_year, group.created_by) == ("3B", "2025-2026", world.teacher)


@pytest.mark.parametrize("year", ["2025", "2025-2027", "25-26", ""])
def test_a_school_year_must_be_two_consecutive_years(world, year):
    with pytest.raises(ValidationError) as error:
        services.class_group_create(
            school=world.school, name="3B", school_year=year, created_by=None
        )
    assert "school_year" in error.value.error_dict


def test_the_same_class_group_twice_in_a_year_is_refused_clearly(world, class_group):
    with pytest.raises(ValidationError, match="already has a class group"):
        services.class_group_create(
            school=world.school, name="3B", school_year="2025-2026", created_by=None
        )
    # Another school year is another class group.
    services.class_group_create(
        school=world.school, name="3B", school_year="2026-2027", created_by=None
    )
    assert ClassGroup.objects.count() == 2


def test_the_current_school_year_starts_in_september():
    assert services.current_school_year(date(2025, 9, 1)) == "2025-2026"
    assert services.current_school_year(date(2026, 6, 30)) == "2025-2026"


def test_from_the_first_of_august_the_next_school_year_is_prepared():
    assert services.current_school_year(date(2026, 7, 31)) == "2025-2026"
    assert services.current_school_year(date(2026, 8, 1)) == "2026-2027"


def test_an_archived_class_group_takes_no_new_pupils(class_group):
    services.class_group_archive(class_group=class_group)
    class_group.refresh_from_db()
    assert class_group.archived
    with pytest.raises(ValidationError, match="archived"):
        services.pupils_add(class_group=class_group, codes=["X"])


# --- Pupils ------------------------------------------------------------------------------------


def test_codes_are_stripped_and_deduplicated_and_existing_ones_kept(class_group):
    services.pupils_add(class_group=class_group, codes=["A1"])
    added = services.pupils_add(class_group=class_group, codes=[" A2 ", "A2", "A1", "A3\t"])
    assert [p.code for p in added] == ["A2", "A3"]
    assert sorted(class_group.pupils.values_list("code", flat=True)) == ["A1", "A2", "A3"]


@pytest.mark.parametrize(
    ("codes", "message"),
    [(["A1", "   "], "cannot be empty"), (["x" * 21], "too long"), ([], "at least one")],
)
def test_empty_and_over_long_codes_are_refused_and_nothing_is_added(class_group, codes, message):
    with pytest.raises(ValidationError, match=message):
        services.pupils_add(class_group=class_group, codes=codes)
    assert not class_group.pupils.exists()


def test_a_series_is_numbered_and_continues_after_the_highest_number(class_group):
    first = services.pupils_add_series(class_group=class_group, prefix="3B-", count=3)
    assert [p.code for p in first] == ["3B-01", "3B-02", "3B-03"]
    more = services.pupils_add_series(
        class_group=class_group, prefix="3B-", count=2, may_consent_self=True
    )
    assert [(p.code, p.may_consent_self) for p in more] == [("3B-04", True), ("3B-05", True)]


def test_a_series_numbers_on_after_its_own_prefix_only(class_group):
    # "1A-07" ends in a number too, after a prefix as long as "3B-": it is not of the series.
    services.pupils_add(class_group=class_group, codes=["1A-07", "3B-02"])
    added = services.pupils_add_series(class_group=class_group, prefix="3B-", count=1)
    assert [p.code for p in added] == ["3B-03"]


def test_a_code_added_by_someone_else_at_the_same_moment_is_refused_clearly(class_group):
    # Someone else's pupil "A2" is committed just after this request looked for existing codes
    # (as two register keepers typing the same class list at once).
    def someone_else_adds_the_same_code(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT") and "consent_pupil" in sql and not added:
            added.append(Pupil.objects.create(class_group=class_group, code="A2"))
        return result

    added: list[Pupil] = []
    with (
        connection.execute_wrapper(someone_else_adds_the_same_code),
        pytest.raises(ValidationError) as error,
    ):
        services.pupils_add(class_group=class_group, codes=["A1", "A2"])
    assert error.value.messages == ["Some of these codes were just added. Try again."]
    assert list(class_group.pupils.values_list("code", flat=True)) == []


@pytest.mark.parametrize("count", [0, 101])
def test_a_series_has_a_sensible_size(class_group, count):
    with pytest.raises(ValidationError, match="between 1 and 100"):
        services.pupils_add_series(class_group=class_group, prefix="P", count=count)


# --- Consents ----------------------------------------------------------------------------------


def test_a_consent_is_recorded_with_its_proof(world, pupil):
    consent = give(pupil, recorded_by=world.teacher)
    assert consent.withdrawn_on is None
    assert (consent.purpose, consent.recorded_by, consent.evidence) == (
        "klub",
        world.teacher,
        "map 3B, blad 1",
    )


def test_a_consent_dated_in_the_future_is_refused(pupil):
    with pytest.raises(ValidationError) as error:
        give(pupil, given_on=timezone.localdate() + timedelta(days=1))
    assert "given_on" in error.value.error_dict


def test_a_consent_dated_today_is_accepted(pupil):
    assert give(pupil, given_on=timezone.localdate()).pk


def test_a_consent_without_proof_is_refused(pupil):
    with pytest.raises(ValidationError) as error:
        give(pupil, evidence="   ")
    assert "evidence" in error.value.error_dict


def test_a_second_standing_consent_for_the_same_purpose_is_refused_clearly(pupil):
    give(pupil)
    with pytest.raises(ValidationError, match="already has consent for filming"):
        give(pupil)
    # Other purposes are separate consents.
    give(pupil, purpose=Purpose.SCHOOL)
    assert Consent.objects.filter(pupil=pupil).count() == 2


def test_a_pupil_gives_consent_only_when_old_enough(class_group, pupil):
    with pytest.raises(ValidationError, match="does not give consent themselves"):
        give(pupil, given_by=Consent.GivenBy.PUPIL)
    older = services.pupils_add(class_group=class_group, codes=["3B-02"], may_consent_self=True)[0]
    assert give(older, given_by=Consent.GivenBy.PUPIL).given_by == "pupil"


def test_a_pupil_too_young_to_consent_is_shown_at_the_giver_field(pupil):
    with pytest.raises(ValidationError) as error:
        give(pupil, given_by=Consent.GivenBy.PUPIL)
    assert list(error.value.message_dict) == ["given_by"]


@pytest.mark.django_db(transaction=True)
def test_two_keepers_recording_the_same_consent_at_once_are_told_it_stands(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database, not a row: the race cannot happen there")
    class_group = services.class_group_create(
        school=world.school, name="3B", school_year="2025-2026", created_by=None
    )
    pupil = services.pupils_add(class_group=class_group, codes=["3B-01"])[0]
    recorded = threading.Event()

    def the_other_keeper():
        # Records the consent and commits only a moment later, while this test records it too.
        try:
            with transaction.atomic():
                give(pupil)
                recorded.set()
                time.sleep(1)
        finally:
            connection.close()

    other = threading.Thread(target=the_other_keeper)
    other.start()
    try:
        assert recorded.wait(10)
        # Waits for the other keeper's lock on the pupil, then sees their consent: a clear
        # refusal, not a database error from the one-standing-consent constraint.
        with pytest.raises(ValidationError, match="already has consent"):
            give(pupil)
    finally:
        other.join()
    assert Consent.objects.filter(pupil=pupil).count() == 1


def test_an_unknown_purpose_is_refused(pupil):
    with pytest.raises(ValidationError):
        give(pupil, purpose="everything")


def test_a_withdrawal_keeps_the_row_with_its_date_and_who_recorded_it(world, pupil):
    consent = give(pupil, given_on=timezone.localdate() - timedelta(days=30))
    withdrawn_on = timezone.localdate() - timedelta(days=1)
    services.consent_withdraw(consent=consent, withdrawn_on=withdrawn_on, recorded_by=world.coach)
    consent.refresh_from_db()
    assert consent.withdrawn_on == withdrawn_on
    assert consent.withdrawal_recorded_by == world.coach
    assert Consent.objects.filter(pupil=pupil).count() == 1


def test_after_a_withdrawal_a_new_consent_can_be_recorded(world, pupil):
    consent = give(pupil)
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.coach
    )
    assert give(pupil).pk != consent.pk


@pytest.mark.parametrize(
    ("days", "field_error"), [(1, "cannot lie in the future"), (-40, "before the day")]
)
def test_a_withdrawal_date_must_lie_between_the_consent_and_today(world, pupil, days, field_error):
    consent = give(pupil, given_on=timezone.localdate() - timedelta(days=30))
    with pytest.raises(ValidationError, match=field_error):
        services.consent_withdraw(
            consent=consent,
            withdrawn_on=timezone.localdate() + timedelta(days=days),
            recorded_by=world.coach,
        )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_consent_is_withdrawn_only_once(world, pupil):
    consent = give(pupil)
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.coach
    )
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.consent_withdraw(
            consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.coach
        )


def test_a_withdrawal_takes_affected_shares_down(world, class_group, pupil):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=class_group)
    fragment = Fragment.objects.create(
        recording=recording, title="Instructie", reason="strength", start=1, end=4
    )
    share = Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=world.teacher
    )
    consent = give(pupil, purpose=Purpose.KLUB)
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )
    share.refresh_from_db()
    assert share.revoked_at is not None
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()


def test_a_withdrawal_leaves_the_shares_of_other_class_groups(world, class_group, pupil):
    other_group = services.class_group_create(
        school=world.school, name="3C", school_year="2025-2026", created_by=None
    )
    others = [
        Share.objects.create(
            recording=RecordingFactory(owner=world.teacher, klub=world.klub, class_group=group),
            audience=Audience.KLUB,
            klub=world.klub,
            created_by=world.teacher,
        )
        for group in (class_group, other_group)
    ]
    consent = give(pupil, purpose=Purpose.KLUB)
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )
    own, other = (Share.objects.get(pk=share.pk) for share in others)
    assert own.revoked_at is not None
    assert other.revoked_at is None


def test_a_pupil_who_left_stays_in_the_register(pupil):
    services.pupil_archive(pupil=pupil)
    assert Pupil.objects.get(pk=pupil.pk).archived
    with pytest.raises(ValidationError, match="left the class group"):
        give(pupil)


def test_a_class_group_name_keeps_single_spaces_between_its_words(world):
    group = services.class_group_create(
        school=world.school, name="  3   B  latijn ", school_year="2025-2026", created_by=None
    )
    assert group.name == "3 B latijn"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_class_group_needs_a_name_and_the_form_shows_it_at_the_name(world, name):
    with pytest.raises(ValidationError) as error:
        services.class_group_create(
            school=world.school, name=name, school_year="2025-2026", created_by=None
        )
    assert error.value.message_dict == {
        "name": ["Enter the name of the class group, for example 3B."]
    }
    assert not ClassGroup.objects.exists()


def test_a_name_is_taken_only_within_one_school_and_year(world, class_group):
    with pytest.raises(ValidationError) as error:
        services.class_group_create(
            school=world.school, name="3B", school_year="2025-2026", created_by=None
        )
    assert list(error.value.message_dict) == ["name"]
    services.class_group_create(
        school=world.other_school, name="3B", school_year="2025-2026", created_by=None
    )
    services.class_group_create(
        school=world.school, name="3C", school_year="2025-2026", created_by=None
    )
    assert ClassGroup.objects.count() == 3


def test_a_consent_can_be_withdrawn_on_the_day_it_was_given(world, pupil):
    consent = give(pupil, given_on=timezone.localdate())
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.coach
    )
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawal_recorded_by) == (
        timezone.localdate(),
        world.coach,
    )


@pytest.mark.parametrize("days", [1, -40])
def test_a_wrong_withdrawal_date_is_shown_at_the_date_field(world, pupil, days):
    consent = give(pupil, given_on=timezone.localdate() - timedelta(days=30))
    with pytest.raises(ValidationError) as error:
        services.consent_withdraw(
            consent=consent,
            withdrawn_on=timezone.localdate() + timedelta(days=days),
            recorded_by=world.coach,
        )
    assert list(error.value.message_dict) == ["withdrawn_on"]


def test_a_withdrawal_leaves_the_shares_of_an_approved_blurred_copy(world, class_group, pupil):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=class_group)
    fragment = Fragment.objects.create(
        recording=recording,
        title="Instructie",
        reason="strength",
        start=1,
        end=4,
        anonymisation_status=Fragment.Anonymisation.APPROVED,
    )
    blurred = Share.objects.create(
        fragment=fragment,
        audience=Audience.KLUB,
        klub=world.klub,
        created_by=world.teacher,
        anonymised=True,
    )
    consent = give(pupil, purpose=Purpose.KLUB)
    services.consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )
    blurred.refresh_from_db()
    assert blurred.revoked_at is None  # no pupil can be recognised in it


def test_a_code_of_exactly_the_longest_length_is_kept_and_a_longer_one_shown_cut(class_group):
    services.pupils_add(class_group=class_group, codes=["x" * services.CODE_MAX_LENGTH])
    longer = "y" * 40
    with pytest.raises(ValidationError) as error:
        services.pupils_add(class_group=class_group, codes=[longer])
    assert error.value.messages == [
        f"The code “{'y' * 30}…” is too long: at most {services.CODE_MAX_LENGTH} characters."
    ]


def test_the_same_codes_and_series_in_another_class_group_are_their_own(world, class_group):
    other = services.class_group_create(
        school=world.school, name="3C", school_year="2025-2026", created_by=None
    )
    services.pupils_add_series(class_group=other, prefix="P", count=5)
    services.pupils_add(class_group=other, codes=["Lotte"])
    added = services.pupils_add(class_group=class_group, codes=["Lotte"])
    series = services.pupils_add_series(class_group=class_group, prefix="P", count=1)
    assert [p.code for p in added + series] == ["Lotte", "P01"]
    assert not series[0].may_consent_self  # unless the form says so, a parent consents


@pytest.mark.parametrize("count", [1, 100])
def test_a_series_of_one_and_of_a_hundred_are_allowed(class_group, count):
    added = services.pupils_add_series(class_group=class_group, prefix="", count=count)
    assert [p.code for p in added][:1] == ["01" if count == 1 else "001"]
    assert len(added) == count


def test_an_unknown_purpose_or_giver_is_shown_at_its_field(pupil):
    for changes, field in (({"purpose": "everything"}, "purpose"), ({"given_by": "x"}, "given_by")):
        with pytest.raises(ValidationError) as error:
            give(pupil, **changes)
        assert list(error.value.message_dict) == [field]
