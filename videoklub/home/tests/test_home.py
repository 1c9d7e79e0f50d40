import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from videoklub.organisations.models import Role
from videoklub.testing.factories import KlubFactory, MembershipFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home:home")


def home_html(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_a_teacher_sees_their_klub_school_and_colleagues(client, world):
    html = home_html(client, world.teacher)
    assert world.klub.name in html
    assert world.school.name in html
    assert escape(world.colleague.full_name) in html
    assert escape(world.coach.full_name) in html
    assert world.other_klub.name not in html
    assert reverse("home:klub_invite", kwargs={"pk": world.klub.pk}) not in html


def test_a_coach_sees_their_klub_and_may_invite(client, world):
    html = home_html(client, world.coach)
    assert 'data-role="coach"' in html
    assert reverse("home:klub_invite", kwargs={"pk": world.klub.pk}) in html


def test_a_school_leader_sees_the_school_and_its_klubs(client, world):
    html = home_html(client, world.school_leader)
    assert 'data-role="school_leader"' in html
    assert world.school.name in html
    assert world.klub.name in html
    assert world.other_school.name not in html


def test_project_staff_see_their_programme_with_counts(client, world):
    html = home_html(client, world.project_staff)
    assert 'data-role="project_staff"' in html
    assert world.programme.name in html
    assert "<strong>2</strong>" in html  # two teachers in the klub
    assert world.other_programme.name not in html


def test_a_person_without_membership_is_told_what_to_do(client, world):
    html = home_html(client, world.no_membership)
    assert 'id="no-membership"' in html


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _queries_for_home(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coach", "school_leader", "project_staff"])
def test_the_home_page_query_count_does_not_grow_with_members(client, world, role):
    before = _queries_for_home(client, world.user(role))
    for _ in range(3):
        klub = KlubFactory(school=world.school, programme=world.programme)
        MembershipFactory(role=Role.COACH, klub=klub, user=world.coach)
        MembershipFactory.create_batch(5, role=Role.TEACHER, klub=klub)
    MembershipFactory.create_batch(10, role=Role.TEACHER, klub=world.klub)
    assert _queries_for_home(client, world.user(role)) == before
