"""The list pages of intervision ask the database as often with six items as with two."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from videoklub.intervision import services
from videoklub.intervision.tests.conftest import coach_at

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _constant(client, url: str, grow) -> None:
    """Grow to 2 items, count; grow to 6, count again: the same."""
    grow(2)
    small = _queries(client, url)
    grow(4)
    assert _queries(client, url) == small


def _round(world, title: str):
    today = timezone.localdate()
    return services.round_create(
        by=world.project_staff,
        programme=world.programme,
        title=title,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=20),
    )


def _group(world, round_, members):
    return services.group_create(by=world.project_staff, round_=round_, name="", members=members)


def test_the_rounds_list_of_staff(client, world):
    client.force_login(world.project_staff)

    def grow(n):
        for _ in range(n):
            round_ = _round(world, "Ronde")
            _group(world, round_, [coach_at(world.programme) for _ in range(3)])

    _constant(client, reverse("intervision:index"), grow)


def test_a_coachs_groups_across_rounds(client, world, iv):
    client.force_login(world.coach)

    def grow(n):
        for _ in range(n):
            round_ = _round(world, "Ronde")
            group = _group(world, round_, [world.coach, iv.second, iv.third])
            services.case_submit(by=iv.second, group=group, title="Casus", question="Hoe?")

    _constant(client, reverse("intervision:index"), grow)


def test_the_groups_of_a_round(client, world, iv):
    client.force_login(world.project_staff)

    def grow(n):
        for _ in range(n):
            group = _group(world, iv.round, [coach_at(world.programme) for _ in range(3)])
            member = group.members.first().user
            services.case_submit(by=member, group=group, title="Casus", question="Hoe?")

    _constant(client, reverse("intervision:round", args=[iv.round.pk]), grow)


def test_the_cases_of_a_group(client, world, iv):
    client.force_login(iv.second)

    def grow(n):
        for _ in range(n):
            services.case_submit(by=world.coach, group=iv.group, title="Casus", question="Hoe?")

    _constant(client, reverse("intervision:group", args=[iv.group.pk]), grow)


@pytest.fixture
def case(world, iv):
    return services.case_submit(by=world.coach, group=iv.group, title="Casus", question="Hoe?")


def _advice(iv, case):
    def grow(n):
        for i in range(n):
            member = iv.second if i % 2 else iv.third
            services.advice_add(by=iv.second, case=case, member=member, body=f"Advies {i}")

    return grow


def test_my_advice(client, world, iv, case):
    client.force_login(world.coach)
    _constant(client, reverse("intervision:my_advice"), _advice(iv, case))


def test_the_advice_on_a_case(client, world, iv, case):
    client.force_login(world.coach)
    _constant(client, reverse("intervision:case", args=[case.pk]), _advice(iv, case))


def test_session_mode_with_notes_and_advice(client, world, iv, case):
    services.session_start(
        by=iv.second, case=case, method="incidentmethode", present=[world.coach, iv.second]
    )
    client.force_login(iv.second)
    grow_advice = _advice(iv, case)

    def grow(n):
        grow_advice(n)
        for _ in range(n):
            services.step_note_add(by=iv.second, case=case, step=1, body="Notitie")

    _constant(client, reverse("intervision:session", args=[case.pk]) + "?stap=1", grow)
