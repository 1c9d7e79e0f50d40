"""Every indicator equals a count made independently here, from the activity the test made."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from videoklub.monitoring.indicators import WHOLE, Collected, Scope, value
from videoklub.monitoring.tests.helpers import START, make_activity

pytestmark = pytest.mark.django_db


def test_each_count_equals_what_happened():
    activity = make_activity(schools=3, teachers=3)
    collected = Collected(activity.programme)
    coached = set(activity.teachers_present) | set(activity.teachers_visited)
    assert value(collected, "coaches_trained") == len(activity.coaches) == 3
    assert value(collected, "teachers_coached") == len(coached) == 9
    assert value(collected, "klub_sessions") == len(activity.sessions_held) == 6
    assert value(collected, "coaching_visits") == len(activity.visits) == 3
    assert value(collected, "cycles_completed") == len(activity.cycles_done) == 3
    assert value(collected, "pupils_reached") == len(activity.pupils) == 15
    assert value(collected, "teachers_applying") == round(100 * 3 / 9, 1)


def test_a_figure_on_a_date_counts_only_what_happened_by_then():
    activity = make_activity(schools=2, teachers=2)
    collected = Collected(activity.programme)
    day = START + timedelta(days=40)
    assert value(collected, "klub_sessions", until=day) == len(
        [d for d in activity.sessions_held if d <= day]
    )
    assert value(collected, "coaching_visits", until=START) == 0
    assert value(collected, "teachers_applying", until=START) is None  # nobody coached yet


def test_school_and_wave_scopes_split_the_programme():
    activity = make_activity(schools=3, teachers=2)
    collected = Collected(activity.programme)
    first = activity.schools[0]
    in_first = {t for t, s in activity.teacher_school.items() if s == first.pk}
    coached = (set(activity.teachers_present) | set(activity.teachers_visited)) & in_first
    assert value(collected, "teachers_coached", scope=Scope(school_id=first.pk)) == len(coached)
    wave_one, wave_two = activity.waves
    # Schools 0 and 2 are in wave 1, school 1 in wave 2: two sessions held per school.
    assert value(collected, "klub_sessions", scope=Scope(wave_id=wave_one.pk)) == 4
    assert value(collected, "klub_sessions", scope=Scope(wave_id=wave_two.pk)) == 2
    assert value(collected, "knowledge_clips", scope=Scope(school_id=first.pk)) is None


def test_kennisbank_clips_and_course_completions_and_practice_examples_count():
    from django.utils import timezone

    from videoklub.courses.models import Enrolment
    from videoklub.courses.tests.helpers import make_course
    from videoklub.knowledge.tests.helpers import make_video_page
    from videoklub.organisations.models import Membership
    from videoklub.practice.models import PracticeExample
    from videoklub.testing.factories import FragmentFactory, RecordingFactory

    activity = make_activity(schools=1, teachers=2)
    make_video_page(kind="kennisclip")
    make_video_page(kind="expertvideo", slug="expert", title="Expert")  # not a kennisclip
    teacher = Membership.objects.filter(role="teacher", klub__programme=activity.programme)[0]
    course = make_course()
    Enrolment.objects.create(user=teacher.user, course=course, completed_at=timezone.now())
    Enrolment.objects.create(user=teacher.user, course=make_course(slug="b", title="B"))
    fragment = FragmentFactory(recording=RecordingFactory(owner=teacher.user, klub=teacher.klub))
    for status in ("published", "withdrawn"):
        PracticeExample.objects.create(
            fragment=fragment,
            offered_by=teacher.user,
            title="Wachttijd",
            description="Kijk.",
            permission_given_at=timezone.now(),
            status=status,
            reviewed_at=timezone.now(),
        )
    collected = Collected(activity.programme)
    assert value(collected, "knowledge_clips") == 1
    assert value(collected, "course_completions") == 1
    assert value(collected, "practice_examples") == 1


@pytest.mark.parametrize("schools", [2, 6])
def test_gathering_costs_the_same_queries_for_any_size(schools, django_assert_num_queries):
    activity = make_activity(schools=schools, teachers=2)
    with CaptureQueriesContext(connection) as captured:
        Collected(activity.programme)
    assert len(captured) == 14
    assert value(Collected(activity.programme), "klub_sessions", scope=WHOLE) == 2 * schools


def test_learning_community_sessions_and_intervision_moments_count():
    """Held community events with a coach present (not intervision rounds, not cancelled, not
    without attendance), and intervision sessions, per school through the coaches present."""
    from datetime import time

    from django.utils import timezone

    from videoklub.community.models import Attendance, Event
    from videoklub.intervision.models import Case, Group, Presence, Round, Session

    activity = make_activity(schools=3, teachers=2)
    coaches = sorted(activity.coaches)
    programme = activity.programme

    def event(kind, offset, *, present=(), taken=True, cancelled=False):
        made = Event.objects.create(
            programme=programme,
            kind=kind,
            title=kind,
            date=START + timedelta(days=offset),
            start_time=time(13),
            end_time=time(16),
            attendance_taken_at=timezone.now() if taken else None,
            cancelled_at=timezone.now() if cancelled else None,
        )
        for coach in coaches:
            status = "present" if coach in present else "absent"
            Attendance.objects.create(event=made, user_id=coach, status=status)
        return made

    event("start_day", 1, present=coaches)
    event("session", 30, present=coaches[:1])
    event("study_day", 60, present=coaches[1:2])
    event("session", 90, present=())  # nobody came
    event("session", 91, present=coaches, taken=False)  # attendance not taken
    event("session", 92, present=coaches, cancelled=True)
    event("intervision", 93, present=coaches)  # counted from its sessions
    round_ = Round.objects.create(
        programme=programme, title="R", starts_on=START, ends_on=START + timedelta(days=200)
    )
    group = Group.objects.create(round=round_, name="G")
    for number, present in enumerate([coaches, coaches[:2]]):
        case = Case.objects.create(
            group=group, owner_id=coaches[0], title=f"C{number}", question="?"
        )
        session = Session.objects.create(
            case=case, method="incident", held_on=START + timedelta(days=100 + number)
        )
        for coach in present:
            Presence.objects.create(session=session, user_id=coach)

    collected = Collected(programme)
    assert value(collected, "community_sessions") == 3
    assert value(collected, "community_sessions", until=START + timedelta(days=30)) == 2
    assert value(collected, "intervision_moments") == 2
    third = activity.schools[2]
    assert value(collected, "community_sessions", scope=Scope(school_id=third.pk)) == 1
    assert value(collected, "intervision_moments", scope=Scope(school_id=third.pk)) == 1
