"""Each event tells the right people, in the app and by e-mail, without private content."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from videoklub.accounts import services as account_services
from videoklub.analysis.services import annotation_create, annotation_reply
from videoklub.cycles.reminders import actions_remind_due
from videoklub.cycles.services import action_create, question_comment_create
from videoklub.media import MediaError
from videoklub.meetings import services as meeting_services
from videoklub.meetings.models import WorkForm
from videoklub.notifications.models import Kind, Notification, NotificationSettings
from videoklub.notifications.services import notification_settings_update
from videoklub.notifications.texts import notification_text
from videoklub.organisations.models import Role
from videoklub.recordings.tasks import _fail
from videoklub.sharing.models import Audience
from videoklub.sharing.services import _tell_audience, fragment_share
from videoklub.testing.factories import (
    CycleFactory,
    FragmentFactory,
    RecordingFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "MARKER-PRIVATE-WRITING"


@pytest.fixture(autouse=True)
def at_once(world):
    """Everyone of the klub wants e-mail at once, so each event's mail can be read."""
    for user in (world.teacher, world.colleague, world.coach, world.school_leader):
        notification_settings_update(
            user=user, email=NotificationSettings.Email.IMMEDIATELY, language="nl-be"
        )


def told(user, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


def assert_no_secret_in_mail():
    for message in mail.outbox:
        assert SECRET not in message.subject + message.body
        for _name, content, _type in message.attachments:
            assert SECRET not in str(content)


def test_a_fragment_shared_with_the_klub_tells_its_people_not_the_sharer_nor_a_wider_circle(
    world, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, title=SECRET)
    fragment = FragmentFactory(recording=recording, title=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    assert told(world.colleague, Kind.SHARED) and told(world.coach, Kind.SHARED)
    assert not told(world.teacher, Kind.SHARED)
    assert not told(world.other_teacher, Kind.SHARED)
    assert {m.to[0] for m in mail.outbox} >= {world.colleague.email, world.coach.email}
    assert "heeft een fragment met je gedeeld" in mail.outbox[0].subject
    assert_no_secret_in_mail()

    # A school-wide share tells no one: dozens did not ask; they find it on the shared page.
    school_share = ShareFactory(fragment=FragmentFactory(recording=recording), klub=world.klub)
    school_share.audience = Audience.SCHOOL
    _tell_audience(school_share, by=world.teacher, item="fragment")
    assert not told(world.school_leader, Kind.SHARED)
    assert len(told(world.colleague, Kind.SHARED)) == 1


def test_an_annotation_tells_the_owner_and_a_reply_tells_the_author(
    world, django_capture_on_commit_callbacks
):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    with django_capture_on_commit_callbacks(execute=True):
        note = annotation_create(recording=recording, author=world.coach, body=SECRET, at_seconds=3)
        annotation_reply(parent=note, author=world.colleague, body=SECRET)
    (annotated,) = told(world.teacher, Kind.ANNOTATION)[-1:]
    assert notification_text(annotated).startswith(world.coach.full_name)
    assert told(world.coach, Kind.REPLY)
    # The owner also hears of a reply in a thread on their recording.
    assert len(told(world.teacher, Kind.ANNOTATION)) == 2
    # Nobody is told of their own annotation.
    with django_capture_on_commit_callbacks(execute=True):
        annotation_create(recording=recording, author=world.teacher, body="eigen", at_seconds=4)
    assert len(told(world.teacher, Kind.ANNOTATION)) == 2
    assert_no_secret_in_mail()


def test_a_comment_on_the_question_tells_the_teacher_or_the_coach(
    world, django_capture_on_commit_callbacks
):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    with django_capture_on_commit_callbacks(execute=True):
        question_comment_create(cycle=cycle, author=world.coach, body=SECRET)
        question_comment_create(cycle=cycle, author=world.teacher, body=SECRET)
    assert notification_text(told(world.teacher, Kind.QUESTION_COMMENT)[0]).endswith(
        "bij je leervraag."
    )
    (to_coach,) = told(world.coach, Kind.QUESTION_COMMENT)
    assert world.teacher.full_name in notification_text(to_coach)
    assert not told(world.colleague, Kind.QUESTION_COMMENT)
    assert_no_secret_in_mail()


def test_a_planned_and_a_changed_session_tell_the_klub_with_a_calendar_entry(
    world, django_capture_on_commit_callbacks
):
    start = datetime(2031, 3, 3, 14, 45, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.meeting_create(
            klub=world.klub,
            created_by=world.coach,
            title="Bijeenkomst 3",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            work_form=WorkForm.objects.get(code="placemat"),
        )
    assert told(world.teacher, Kind.SESSION_PLANNED) and told(world.colleague, Kind.SESSION_PLANNED)
    assert not told(world.coach, Kind.SESSION_PLANNED)  # who planned it
    assert "3 maart 2031" in notification_text(told(world.teacher, Kind.SESSION_PLANNED)[0])
    planned = next(m for m in mail.outbox if m.to == [world.teacher.email])
    (_name, content, mimetype) = planned.attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content

    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_update(
            meeting=meeting,
            title="Bijeenkomst 3",
            starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=1),
            by=world.coach,
        )
    assert "4 maart 2031" in notification_text(told(world.teacher, Kind.SESSION_CHANGED)[0])


def test_an_action_agreed_tells_the_teacher_and_a_due_one_is_reminded_once(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    start = timezone.now() + timedelta(hours=1)
    meeting = meeting_services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="B",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    meeting_services.meeting_agree_action(
        meeting=meeting,
        teacher=world.teacher,
        created_by=world.coach,
        description=SECRET,
        success_criterion=SECRET,
    )
    assert told(world.teacher, Kind.ACTION_AGREED)

    today = date(2027, 1, 10)
    action_create(
        cycle=cycle,
        created_by=world.teacher,
        description="x",
        success_criterion="y",
        due_on=today + timedelta(days=2),
    )
    action_create(
        cycle=cycle,
        created_by=world.teacher,
        description="later",
        success_criterion="y",
        due_on=today + timedelta(days=3),
    )
    assert actions_remind_due(today=today) == 1
    assert actions_remind_due(today=today) == 0  # every minute, once only
    (due,) = told(world.teacher, Kind.ACTION_DUE)
    assert "12 januari 2027" in notification_text(due)


def test_a_failed_recording_tells_its_owner(world):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    _fail(recording, MediaError("unreadable", "kapot"))
    _fail(recording, MediaError("unreadable", "kapot"))  # the task delivered twice
    assert len(told(world.teacher, Kind.RECORDING_FAILED)) == 1


def test_an_accepted_invitation_tells_who_invited(world):
    from videoklub.testing.factories import UserFactory

    invitation = account_services.invitation_create(
        invited_by=world.coach, email="nieuw@school.test", role=Role.TEACHER, klub=world.klub
    )
    newcomer = UserFactory(email="nieuw@school.test")
    account_services.invitation_accept(invitation=invitation, user=newcomer)
    (accepted,) = told(world.coach, Kind.INVITATION_ACCEPTED)
    assert notification_text(accepted) == f"{newcomer.full_name} heeft je uitnodiging aanvaard."


def test_a_retention_warning_is_in_the_inbox_without_a_second_email(world, settings):
    from videoklub.recordings.retention import retention_apply
    from videoklub.recordings.tests.test_retention import DEADLINE, _recording, at

    _recording(world.teacher, world.klub, SECRET)
    retention_apply(now=at(DEADLINE - timedelta(days=1)))
    (warning,) = told(world.teacher, Kind.RETENTION_WARNING)
    assert warning.emailed_at is not None  # the retention e-mail itself was the e-mail
    assert "30 oktober 2027" in notification_text(warning)
    assert len([m for m in mail.outbox if m.to == [world.teacher.email]]) == 1
