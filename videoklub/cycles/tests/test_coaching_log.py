import pytest
from django.urls import reverse
from django.utils.html import escape

from videoklub.cycles.models import CoachingVisit
from videoklub.testing.factories import MembershipFactory


def _data(**extra):
    return {
        "kind": "observation",
        "visited_on": "2026-10-05",
        "goals": "Kijken naar denktijd",
        "actions": "",
        "reflections": "",
        **extra,
    }


def _visit(world, **extra):
    return CoachingVisit.objects.create(
        coach=world.coach,
        teacher=world.teacher,
        klub=world.klub,
        kind="model_lesson",
        visited_on="2026-10-01",
        goals="Voordoen",
        **extra,
    )


def test_the_coach_adds_a_visit(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("cycles:coaching_create", args=[world.klub.pk, world.teacher.pk]), _data()
    )
    assert response.status_code == 302
    visit = CoachingVisit.objects.get()
    assert (visit.coach, visit.teacher, visit.klub) == (world.coach, world.teacher, world.klub)


def test_an_empty_visit_is_refused_with_a_clear_error(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("cycles:coaching_create", args=[world.klub.pk, world.teacher.pk]),
        _data(goals=""),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not CoachingVisit.objects.exists()


def test_the_coach_edits_a_visit(client, world):
    visit = _visit(world)
    client.force_login(world.coach)
    client.post(reverse("cycles:coaching_edit", args=[visit.pk]), _data(kind="co_teaching"))
    visit.refresh_from_db()
    assert visit.kind == "co_teaching"


def test_the_teacher_reads_their_own_log_but_cannot_edit(client, world):
    _visit(world)
    client.force_login(world.teacher)
    url = reverse("cycles:coaching_teacher", args=[world.klub.pk, world.teacher.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Voordoen" in response.content.decode()
    assert reverse("cycles:coaching_edit", args=[CoachingVisit.objects.get().pk]) not in (
        response.content.decode()
    )
    visit = CoachingVisit.objects.get()
    assert client.get(reverse("cycles:coaching_edit", args=[visit.pk])).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [("colleague", 403), ("school_leader", 403), ("project_staff", 403), ("other_coach", 404)],
)
def test_no_one_else_reads_a_teachers_log(client, world, role, status):
    _visit(world)
    client.force_login(getattr(world, role))
    url = reverse("cycles:coaching_teacher", args=[world.klub.pk, world.teacher.pk])
    assert client.get(url).status_code == status
    visit = CoachingVisit.objects.get()
    assert client.get(reverse("cycles:coaching_edit", args=[visit.pk])).status_code == 404


def test_a_coach_cannot_log_a_visit_for_someone_outside_the_klub(client, world):
    client.force_login(world.coach)
    url = reverse("cycles:coaching_create", args=[world.klub.pk, world.other_teacher.pk])
    assert client.get(url).status_code == 404


def test_the_klub_list_shows_all_visits(client, world):
    _visit(world)
    client.force_login(world.coach)
    content = client.get(reverse("cycles:coaching_klub", args=[world.klub.pk])).content.decode()
    assert "Voordoen" in content
    assert escape(world.colleague.full_name) in content


def test_a_coach_of_two_klubs_sees_each_log_separately(client, world):
    MembershipFactory(user=world.coach, role="coach", klub=world.other_klub)
    _visit(world)
    client.force_login(world.coach)
    content = client.get(
        reverse("cycles:coaching_klub", args=[world.other_klub.pk])
    ).content.decode()
    assert "Voordoen" not in content
