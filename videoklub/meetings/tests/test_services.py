from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from videoklub.cycles.models import Action, Phase
from videoklub.meetings import services
from videoklub.meetings.models import AgendaItem, Attendance, Meeting
from videoklub.sharing.models import Audience
from videoklub.testing.factories import CycleFactory


def test_a_session_gets_a_stable_calendar_uid(meeting):
    assert meeting.ical_uid.endswith("@videoklub")
    uid = meeting.ical_uid
    services.meeting_update(
        meeting=meeting,
        title="Nieuw",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place="",
        work_form=None,
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.ical_uid) == ("Nieuw", uid)


def test_a_session_must_end_after_it_starts(world):
    start = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            klub=world.klub,
            created_by=world.coach,
            title="Verkeerd",
            starts_at=start,
            ends_at=start - timedelta(minutes=5),
            place="",
            work_form=None,
        )
    assert "end after it starts" in str(error.value)
    assert not Meeting.objects.exists()


def test_start_and_finish_change_the_status(meeting):
    services.meeting_start(meeting=meeting)
    assert Meeting.objects.get().status == Meeting.Status.RUNNING
    services.meeting_finish(meeting=meeting)
    assert Meeting.objects.get().status == Meeting.Status.HELD


def test_a_cancelled_session_cannot_be_started(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_start(meeting=meeting)


# --- Agenda --------------------------------------------------------------------------------


def test_a_fragment_shared_with_the_klub_goes_on_the_agenda_in_order(meeting, make_fragment, world):
    first = services.agenda_add(meeting=meeting, fragment=make_fragment(), added_by=world.coach)
    second = services.agenda_add(
        meeting=meeting,
        fragment=make_fragment(audience=Audience.SCHOOL),
        added_by=world.coach,
        minutes=20,
    )
    assert (first.order, second.order, second.minutes) == (0, 1, 20)


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ({"share": False}, "not shared with this klub"),
        ({"revoked_at": timezone.now()}, "withdrawn"),
        ({"expires_at": timezone.now() - timedelta(days=1)}, "expired"),
        ({"audience": Audience.COACH}, "coach only"),
    ],
    ids=["unshared", "revoked", "expired", "coach-only"],
)
def test_the_agenda_refuses_a_fragment_the_klub_may_not_see(
    meeting, make_fragment, world, share, expected
):
    fragment = make_fragment(**share)
    with pytest.raises(ValidationError, match=expected):
        services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)
    assert not AgendaItem.objects.exists()


def test_the_agenda_refuses_another_klubs_fragment(meeting, make_fragment, world):
    fragment = make_fragment(owner=world.other_teacher, klub=world.other_klub)
    with pytest.raises(ValidationError, match="belongs to another klub"):
        services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)


def test_a_fragment_is_on_the_agenda_once(meeting, make_fragment, world):
    fragment = make_fragment()
    services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)
    with pytest.raises(ValidationError, match="already on the agenda"):
        services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)


def test_items_move_up_and_down_and_removal_closes_the_gap(meeting, make_fragment, world):
    a, _b, c = (
        services.agenda_add(meeting=meeting, fragment=make_fragment(title=t), added_by=world.coach)
        for t in "abc"
    )

    def titles():
        return [i.fragment.title for i in meeting.agenda.order_by("order")]

    services.agenda_move(item=c, offset=-1)
    assert titles() == ["a", "c", "b"]
    services.agenda_move(item=a, offset=-1)  # already first: nothing changes
    assert titles() == ["a", "c", "b"]
    services.agenda_move(item=a, offset=1)
    assert titles() == ["c", "a", "b"]
    services.agenda_remove(item=AgendaItem.objects.get(pk=a.pk))
    assert titles() == ["c", "b"]
    assert list(meeting.agenda.order_by("order").values_list("order", flat=True)) == [0, 1]


# --- Attendance, notes, actions ------------------------------------------------------------


def test_attendance_marks_klub_members_present_or_absent(meeting, world):
    services.attendance_set(meeting=meeting, present_user_ids=[world.teacher.pk, world.coach.pk])
    present = dict(Attendance.objects.values_list("user_id", "present"))
    assert present == {world.teacher.pk: True, world.coach.pk: True, world.colleague.pk: False}
    services.attendance_set(meeting=meeting, present_user_ids=[world.colleague.pk])
    present = dict(Attendance.objects.values_list("user_id", "present"))
    assert present == {world.teacher.pk: False, world.coach.pk: False, world.colleague.pk: True}


@pytest.mark.parametrize("stranger", ["other_teacher", "school_leader", "no_membership"])
def test_attendance_refuses_people_outside_the_klub(meeting, world, stranger):
    with pytest.raises(ValidationError, match="Only members of the klub"):
        services.attendance_set(
            meeting=meeting, present_user_ids=[world.teacher.pk, getattr(world, stranger).pk]
        )
    assert not Attendance.objects.exists()


def test_a_note_is_kept_for_a_teacher_of_the_klub(meeting, world):
    note = services.teacher_note_add(
        meeting=meeting, teacher=world.teacher, author=world.coach, body=" Mooie vraag. "
    )
    assert (note.body, note.author, note.teacher) == ("Mooie vraag.", world.coach, world.teacher)
    with pytest.raises(ValidationError, match="not a teacher of the klub"):
        services.teacher_note_add(
            meeting=meeting, teacher=world.other_teacher, author=world.coach, body="x"
        )


def test_an_agreed_action_lands_on_the_teachers_latest_open_cycle(meeting, world):
    CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.DONE)
    open_cycle = CycleFactory(teacher=world.teacher, klub=world.klub, number=2)
    CycleFactory(teacher=world.teacher, klub=world.other_klub, number=3)  # another klub
    action = services.meeting_agree_action(
        meeting=meeting,
        teacher=world.teacher,
        created_by=world.coach,
        description="Wachttijd van 5 seconden na elke vraag.",
        success_criterion="Meer dan de helft van de klas steekt de hand op.",
        due_on=date(2030, 1, 15),
    )
    action.refresh_from_db()
    assert (action.cycle, action.meeting, action.created_by) == (open_cycle, meeting, world.coach)
    assert action.due_on == date(2030, 1, 15)


def test_an_action_for_a_teacher_without_an_open_cycle_is_refused_clearly(meeting, world):
    CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.DONE)
    with pytest.raises(ValidationError, match="no open development cycle"):
        services.meeting_agree_action(
            meeting=meeting,
            teacher=world.teacher,
            created_by=world.coach,
            description="x",
            success_criterion="y",
        )
    assert not Action.objects.exists()
