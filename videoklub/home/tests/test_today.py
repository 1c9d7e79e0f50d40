"""The top of the home page: what needs each role now, in a fixed number of queries."""

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from videoklub.cycles.models import Action, Phase, QuestionComment
from videoklub.meetings.models import Attendance, Meeting
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Role
from videoklub.sharing.models import Audience
from videoklub.testing.factories import (
    CycleFactory,
    FragmentFactory,
    MembershipFactory,
    RecordingFactory,
    ShareFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HOME = reverse("home:home")
SECRET = "MARKER-PRIVATE"


def home_html(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def meeting(klub, *, days: int, status=Meeting.Status.PLANNED, title="Bijeenkomst"):
    start = timezone.now() + timedelta(days=days)
    return Meeting.objects.create(
        klub=klub,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        status=status,
        ical_uid=f"{uuid.uuid4()}@test",
    )


def test_a_first_time_teacher_gets_a_guided_start(client, world):
    html = home_html(client, world.teacher)
    assert 'data-today="teacher"' in html
    assert "Film jezelf eerst" in html
    assert reverse("cycles:start") in html
    assert reverse("consent:before_filming") in html


def test_a_teacher_sees_the_next_step_session_actions_and_what_colleagues_shared(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.FILM)
    Action.objects.create(
        cycle=cycle,
        description="Hardop denken bij de instructie",
        success_criterion="x",
        due_on=date.today() + timedelta(days=3),
        created_by=world.teacher,
    )
    meeting(world.klub, days=4, title="Bijeenkomst 4")
    meeting(world.klub, days=-4, status=Meeting.Status.HELD, title="Vorige keer")
    recording = RecordingFactory(owner=world.colleague, klub=world.klub)
    ShareFactory(
        fragment=FragmentFactory(recording=recording, title="Instructie van Jens"),
        klub=world.klub,
    )
    html = home_html(client, world.teacher)
    assert "Film jezelf eerst" not in html
    assert "Film een les" in html  # the next step of the film phase, as one button
    assert "Bijeenkomst 4" in html and "Vorige keer" not in html
    assert "Hardop denken bij de instructie" in html
    assert "Instructie van Jens" in html


def test_unread_notifications_show_with_a_link_to_the_inbox(client, world):
    notify(recipients=[world.teacher], kind=Kind.QUESTION_COMMENT, actor=world.coach, url="/")
    html = home_html(client, world.teacher)
    assert "1 nieuwe melding" in html
    assert escape(f"{world.coach.full_name} heeft een opmerking gemaakt bij je leervraag.") in html


def test_a_coach_sees_questions_awaiting_a_comment_new_shares_and_quiet_teachers(client, world):
    waiting = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.PREPARE)
    waiting.learning_question.question = "Hoe laat ik kleuters zelf kiezen?"
    waiting.learning_question.save()
    answered = CycleFactory(teacher=world.colleague, klub=world.klub, phase=Phase.PREPARE)
    answered.learning_question.question = "Hoe geef ik feedback?"
    answered.learning_question.save()
    QuestionComment.objects.create(cycle=answered, author=world.coach, body="Goed")
    answered.last_activity_at = timezone.now() - timedelta(weeks=5)
    answered.save()
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    ShareFactory(
        fragment=FragmentFactory(recording=recording, title="Kiesbord"),
        klub=world.klub,
        audience=Audience.COACH,
    )
    html = home_html(client, world.coach)
    section = html[html.index('data-today="coach"') :]
    awaiting = section[: section.index("Nieuw met jou gedeeld")]
    assert escape(world.teacher.full_name) in awaiting
    assert escape(world.colleague.full_name) not in awaiting
    assert "Kiesbord" in section
    quiet = section[section.index("Drie weken of langer stil") :]
    assert escape(world.colleague.full_name) in quiet  # last activity five weeks ago


def test_the_school_leader_sees_counts_never_content(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ANALYSE)
    cycle.learning_question.question = SECRET
    cycle.learning_question.save()
    held = meeting(world.klub, days=-2, status=Meeting.Status.HELD, title=SECRET)
    Attendance.objects.create(meeting=held, user=world.teacher, present=True)
    Attendance.objects.create(meeting=held, user=world.colleague, present=False)
    html = home_html(client, world.school_leader)
    section = html[html.index('data-today="school_leader"') :]
    assert SECRET not in html
    row = section[section.index(world.klub.name) :]
    assert "1 (0 gepland)" in row  # one session held this school year
    assert "50 %" in row  # one of the two teachers was there
    assert "1 / 2" in row  # one of two teachers has an open cycle
    assert "analyseren: 1" in row.lower()


def test_the_project_staff_see_the_programme_per_klub(client, world):
    html = home_html(client, world.project_staff)
    section = html[html.index('data-today="project_staff"') :]
    assert world.klub.name in section
    assert world.other_klub.name not in section


def _grow(world, n: int) -> None:
    """n more teachers with cycles, actions, shares and sessions in the world's klub."""
    for i in range(n):
        teacher = UserFactory()
        MembershipFactory(user=teacher, klub=world.klub, role=Role.TEACHER)
        cycle = CycleFactory(teacher=teacher, klub=world.klub, phase=Phase.PREPARE)
        cycle.learning_question.question = f"Vraag {i}"
        cycle.learning_question.save()
        recording = RecordingFactory(owner=teacher, klub=world.klub)
        ShareFactory(fragment=FragmentFactory(recording=recording), klub=world.klub)
        held = meeting(world.klub, days=-i - 1, status=Meeting.Status.HELD, title=f"B{i}")
        Attendance.objects.create(meeting=held, user=teacher, present=True)
        notify(recipients=[world.coach, world.school_leader], kind=Kind.REPLY, url="/")
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ACT)
    for i in range(n):
        Action.objects.create(
            cycle=cycle, description=f"A{i}", success_criterion="x", created_by=world.teacher
        )


@pytest.mark.parametrize("role", ["teacher", "coach", "school_leader", "project_staff"])
def test_the_home_page_reads_a_fixed_number_of_queries(client, world, role):
    user = world.user(role)
    client.force_login(user)
    _grow(world, 10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(HOME).status_code == 200
    _grow(world, 190)
    with CaptureQueriesContext(connection) as large:
        assert client.get(HOME).status_code == 200
    assert len(large) == len(small), (role, len(small), len(large))


@pytest.mark.parametrize(
    ("role", "names"),
    [
        (
            "teacher",
            [
                ("cycles:trail", []),
                ("observations:framework_list", []),
                ("audit:my_log", []),
                ("consent:before_filming", []),
                ("festival:programme", ["programme"]),
            ],
        ),
        (
            "coach",
            [
                ("meetings:year", []),
                ("cycles:board", ["klub"]),
                ("observations:framework_list", []),
                ("meetings:workform_list", []),
            ],
        ),
        ("school_leader", [("consent:school", ["school"])]),
        (
            "project_staff",
            [("festival:programme", ["programme"]), ("recordings:retention", ["programme"])],
        ),
    ],
)
def test_every_feature_is_one_click_from_home(client, world, role, names):
    html = home_html(client, world.user(role))
    for name, args in names:
        url = reverse(name, args=[getattr(world, arg).pk for arg in args])
        assert f'href="{url}"' in html, (role, name)
        client.force_login(world.user(role))
        assert client.get(url).status_code == 200, (role, name)
