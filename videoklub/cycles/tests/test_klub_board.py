from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.cycles.models import Action, Cycle, LearningQuestion, Phase
from videoklub.cycles.selectors import klub_board
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import CycleFactory


def _add_teachers(klub, count: int, prefix: str) -> None:
    """`count` teachers, most with two cycles (the board shows the latest) and open actions."""
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{i}@school.test", full_name=f"{prefix} {i}") for i in range(count)]
    )
    Membership.objects.bulk_create(
        [Membership(user=user, role=Role.TEACHER, klub=klub) for user in users]
    )
    with_cycles = users[: count - count // 5]  # one in five has no cycle yet
    old = Cycle.objects.bulk_create(
        [Cycle(teacher=u, klub=klub, number=1, phase=Phase.DONE) for u in with_cycles]
    )
    current = Cycle.objects.bulk_create(
        [
            Cycle(teacher=u, klub=klub, number=2, phase=Phase.ACT, previous=p)
            for u, p in zip(with_cycles, old, strict=True)
        ]
    )
    LearningQuestion.objects.bulk_create(
        [LearningQuestion(cycle=c, question=f"Hoe {c.teacher_id}?") for c in old + current]
    )
    Action.objects.bulk_create(
        [Action(cycle=c, description="a", success_criterion="b") for c in current]
        + [Action(cycle=c, description="c", success_criterion="d", status="done") for c in current]
    )


def _count_board_queries(client, klub) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cycles:board", args=[klub.pk]))
    assert response.status_code == 200
    return len(queries), response.content


@pytest.mark.django_db
def test_the_board_runs_the_same_number_of_queries_for_10_and_1000_teachers(client, world):
    client.force_login(world.coach)
    _add_teachers(world.klub, 10, "small")
    small, _ = _count_board_queries(client, world.klub)

    _add_teachers(world.klub, 990, "large")  # 1,000 new teachers in all (+2 from the world)
    large, content = _count_board_queries(client, world.klub)

    assert small == large
    assert content.count(b'<th scope="row">') == 1002


def test_the_selector_takes_two_queries(world, django_assert_num_queries):
    _add_teachers(world.klub, 30, "t")
    with django_assert_num_queries(2):
        rows = klub_board(world.klub)
    assert len(rows) == 32


def test_a_row_shows_the_latest_cycle_with_its_open_actions(client, world):
    old = CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.DONE)
    current = CycleFactory(
        teacher=world.teacher, klub=world.klub, number=2, previous=old, phase=Phase.ANALYSE
    )
    Action.objects.create(cycle=current, description="a", success_criterion="b")
    Action.objects.create(cycle=current, description="c", success_criterion="d", status="trying")
    Action.objects.create(cycle=current, description="e", success_criterion="f", status="done")
    Cycle.objects.filter(pk=current.pk).update(last_activity_at=timezone.now() - timedelta(days=3))

    rows = {row.teacher: row for row in klub_board(world.klub)}
    assert rows[world.teacher].cycle == current
    assert rows[world.teacher].open_actions == 2
    assert rows[world.colleague].cycle is None

    client.force_login(world.coach)
    content = client.get(reverse("cycles:board", args=[world.klub.pk])).content.decode()
    assert "no cycle yet" in content
    assert "3\xa0days ago" in content
    assert "(phase 3 of 7)" in content
    assert 'class="phase-current"' in content
    assert reverse("cycles:detail", args=[current.pk]) in content


@pytest.mark.parametrize(
    ("role", "status"),
    [("teacher", 403), ("school_leader", 403), ("project_staff", 403), ("other_coach", 404)],
)
def test_only_the_klubs_coach_sees_the_board(client, world, role, status):
    client.force_login(getattr(world, role))
    assert client.get(reverse("cycles:board", args=[world.klub.pk])).status_code == status
