"""The filters of the owner's audit log (`events_of_my_items`): one item, a recording with its
fragments, others only; each narrows the log, newest first, and nobody else's items ever show."""

import pytest

from videoklub.audit.models import Action
from videoklub.audit.selectors import events_of_my_items
from videoklub.audit.services import audit_record, audit_record_account
from videoklub.recordings.models import Fragment
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(world, administrator):
    """The teacher's two recordings (the first with two fragments), a colleague's recording,
    and who did what to them, oldest first."""
    teacher, colleague = world.teacher, world.colleague
    lesson = RecordingFactory(owner=teacher, title="Rekenles")
    other_lesson = RecordingFactory(owner=teacher, title="Taalles")
    # A fragment whose number is also the teacher's: ids of different kinds of item collide.
    explained = FragmentFactory(pk=teacher.pk, recording=lesson, title="Uitleg")
    practised = FragmentFactory(recording=lesson, title="Oefenen")
    of_other_lesson = FragmentFactory(recording=other_lesson, title="Dictee")
    colleagues_lesson = RecordingFactory(owner=colleague, title="Les van een collega")
    events = {
        "colleague viewed lesson": audit_record(
            actor=colleague, action=Action.VIEW, item=lesson, page="recording"
        ),
        "colleague streamed explained": audit_record(
            actor=colleague, action=Action.STREAM, item=explained
        ),
        "teacher shared practised": audit_record(
            actor=teacher, action=Action.SHARE, item=practised
        ),
        "colleague streamed dictee": audit_record(
            actor=colleague, action=Action.STREAM, item=of_other_lesson
        ),
        "colleague viewed other lesson": audit_record(
            actor=colleague, action=Action.VIEW, item=other_lesson, page="recording"
        ),
        "teacher viewed lesson": audit_record(
            actor=teacher, action=Action.VIEW, item=lesson, page="recording"
        ),
        "an erased person streamed lesson": audit_record(
            actor=None, action=Action.STREAM, item=lesson
        ),
        "administrator changed the account": audit_record_account(
            actor=administrator, action=Action.ACCOUNT_CHANGE, owner=teacher
        ),
        "teacher viewed colleagues lesson": audit_record(
            actor=teacher, action=Action.VIEW, item=colleagues_lesson, page="recording"
        ),
    }
    names = {event.pk: name for name, event in events.items()}
    return {
        "teacher": teacher,
        "lesson": lesson,
        "explained": explained,
        "colleagues_lesson": colleagues_lesson,
        "read": lambda queryset: [names[event.pk] for event in queryset],
    }


def test_the_whole_log_is_the_owners_items_newest_first_with_her_own_actions(log):
    assert log["read"](events_of_my_items(log["teacher"])) == [
        "administrator changed the account",
        "an erased person streamed lesson",
        "teacher viewed lesson",
        "colleague viewed other lesson",
        "colleague streamed dictee",
        "teacher shared practised",
        "colleague streamed explained",
        "colleague viewed lesson",
    ]


def test_others_only_leaves_out_what_the_owner_did_herself(log):
    assert log["read"](events_of_my_items(log["teacher"], others_only=True)) == [
        "administrator changed the account",
        "an erased person streamed lesson",
        "colleague viewed other lesson",
        "colleague streamed dictee",
        "colleague streamed explained",
        "colleague viewed lesson",
    ]


def test_a_recordings_log_includes_its_fragments_and_nothing_else(log):
    events = events_of_my_items(
        log["teacher"], item_type="recording", item_id=str(log["lesson"].uuid)
    )
    assert log["read"](events) == [
        "an erased person streamed lesson",
        "teacher viewed lesson",
        "teacher shared practised",
        "colleague streamed explained",
        "colleague viewed lesson",
    ]


def test_a_fragments_log_is_that_fragment_only_not_an_account_entry_with_the_same_number(log):
    fragment: Fragment = log["explained"]
    assert str(fragment.pk) == str(log["teacher"].pk)
    events = events_of_my_items(log["teacher"], item_type="fragment", item_id=str(fragment.pk))
    assert log["read"](events) == ["colleague streamed explained"]


def test_an_item_narrows_the_log_only_with_its_kind(log):
    whole = log["read"](events_of_my_items(log["teacher"]))
    assert log["read"](events_of_my_items(log["teacher"], item_type="recording")) == whole
    assert log["read"](events_of_my_items(log["teacher"], item_id=str(log["lesson"].uuid))) == (
        whole
    )


def test_the_log_of_someone_elses_recording_is_empty_even_for_who_watched_it(log):
    colleagues_lesson = log["colleagues_lesson"]
    assert not events_of_my_items(
        log["teacher"], item_type="recording", item_id=str(colleagues_lesson.uuid)
    ).exists()
    assert log["read"](events_of_my_items(colleagues_lesson.owner)) == [
        "teacher viewed colleagues lesson"
    ]
