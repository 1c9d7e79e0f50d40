from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from videoklub.accounts.models import User
from videoklub.cycles.models import Action, Cycle, LearningQuestion, Phase
from videoklub.cycles.selectors import klub_board
from videoklub.meetings.models import AgendaItem, Meeting
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import (
    CycleFactory,
    FragmentFactory,
    RecordingFactory,
    ShareFactory,
)


def _add_teachers(klub, count: int, prefix: str) -> None:
    """`count` teachers, most with a closed and an open cycle, with open actions."""
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


def _share_and_discuss(world, cycle, title: str):
    """A fragment of the cycle shared with the klub, on the agenda of a session."""
    recording = RecordingFactory(owner=cycle.teacher, klub=world.klub, cycle=cycle)
    fragment = FragmentFactory(recording=recording, title=title)
    ShareFactory(fragment=fragment, klub=world.klub, audience="klub", created_by=cycle.teacher)
    start = timezone.now() + timedelta(days=2)
    meeting = Meeting.objects.create(
        klub=world.klub,
        title=f"Sessie over {title}",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        ical_uid=f"board-{fragment.pk}@videoklub",
    )
    AgendaItem.objects.create(meeting=meeting, fragment=fragment)
    return fragment, meeting


@pytest.mark.django_db
def test_the_board_runs_the_same_number_of_queries_for_10_and_1000_teachers(client, world):
    client.force_login(world.coach)
    _add_teachers(world.klub, 10, "small")
    _share_and_discuss(world, Cycle.objects.filter(number=2).first(), "klein")
    small, _ = _count_board_queries(client, world.klub)

    _add_teachers(world.klub, 990, "large")  # 1,000 new teachers in all (+2 from the world)
    for cycle in Cycle.objects.filter(number=2)[:20]:
        _share_and_discuss(world, cycle, f"groot {cycle.pk}")
    large, content = _count_board_queries(client, world.klub)

    assert small == large
    assert content.count(b'<th scope="rowgroup"') == 1002


def test_the_selector_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    _add_teachers(world.klub, 30, "t")
    for cycle in Cycle.objects.filter(number=2)[:5]:
        _share_and_discuss(world, cycle, f"f{cycle.pk}")
    # Teachers, open cycles, open actions, the viewer's roles, shared fragments with their
    # shares, sessions of agreed actions, sessions with the fragments on the agenda.
    with django_assert_max_num_queries(8):
        rows = klub_board(world.klub, world.coach)
    assert len(rows) == 32
    assert sum(len(entry.sessions) for row in rows for entry in row.cycles) == 5


def test_a_row_shows_every_open_cycle_with_its_open_actions(client, world):
    done = CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.DONE)
    older = CycleFactory(
        teacher=world.teacher, klub=world.klub, number=2, previous=done, phase=Phase.ACT
    )
    current = CycleFactory(
        teacher=world.teacher, klub=world.klub, number=3, previous=older, phase=Phase.ANALYSE
    )
    Action.objects.create(cycle=current, description="Wachttijd", success_criterion="b")
    Action.objects.create(
        cycle=current,
        description="Beurtenstokjes",
        success_criterion="d",
        status="trying",
        due_on=date(2027, 3, 4),
    )
    Action.objects.create(
        cycle=current, description="Al gedaan", success_criterion="f", status="done"
    )
    Action.objects.create(cycle=older, description="Duo-overleg", success_criterion="h")
    Cycle.objects.filter(pk=current.pk).update(last_activity_at=timezone.now() - timedelta(days=3))

    rows = {row.teacher: row for row in klub_board(world.klub, world.coach)}
    entries = rows[world.teacher].cycles
    assert [entry.cycle for entry in entries] == [current, older]  # newest first, not done
    assert [a.description for a in entries[0].open_actions] == ["Beurtenstokjes", "Wachttijd"]
    assert [a.description for a in entries[1].open_actions] == ["Duo-overleg"]
    assert rows[world.colleague].cycles == []

    client.force_login(world.coach)
    content = client.get(reverse("cycles:board", args=[world.klub.pk])).content.decode()
    assert "no open cycle" in content
    assert "3\xa0days ago" in content
    assert "(phase 3 of 7)" in content and "(phase 5 of 7)" in content
    assert 'class="phase-current"' in content
    assert reverse("cycles:detail", args=[current.pk]) in content
    assert reverse("cycles:detail", args=[older.pk]) in content
    assert reverse("cycles:detail", args=[done.pk]) not in content
    assert "Beurtenstokjes" in content
    assert f"(by {date_format(date(2027, 3, 4))})" in content
    assert "Al gedaan" not in content


def test_the_board_links_to_the_shared_fragments_and_sessions_of_each_cycle(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.DISCUSS)
    fragment, meeting = _share_and_discuss(world, cycle, "Na mijn vraag")
    unshared = FragmentFactory(
        recording=RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle),
        title="Nog privé",
    )
    agreed_in = Meeting.objects.create(
        klub=world.klub,
        title="Sessie met acties",
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(hours=1),
        ical_uid="board-actions@videoklub",
    )
    Action.objects.create(cycle=cycle, description="a", success_criterion="b", meeting=agreed_in)

    client.force_login(world.coach)
    content = client.get(reverse("cycles:board", args=[world.klub.pk])).content.decode()

    assert reverse("analysis:fragment", args=[fragment.recording.uuid, fragment.pk]) in content
    assert "Na mijn vraag" in content
    assert unshared.title not in content  # private until shared
    assert reverse("meetings:detail", args=[meeting.pk]) in content
    assert reverse("meetings:detail", args=[agreed_in.pk]) in content
    assert reverse("meetings:list", args=[world.klub.pk]) in content
    # Sessions in time order: the one where actions were agreed came first.
    assert content.index("Sessie met acties") < content.index("Sessie over Na mijn vraag")


@pytest.mark.parametrize(
    ("role", "status"),
    [("teacher", 403), ("school_leader", 403), ("project_staff", 403), ("other_coach", 404)],
)
def test_only_the_klubs_coach_sees_the_board(client, world, role, status):
    client.force_login(getattr(world, role))
    assert client.get(reverse("cycles:board", args=[world.klub.pk])).status_code == status
