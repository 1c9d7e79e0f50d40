"""Wagtail's editor follows our policy: project staff and platform editors, nobody else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from videoklub.knowledge.editors import (
    EDITORS_GROUP,
    VIDEO_PERMISSIONS,
    editor_access_sync,
    editors_group,
)
from videoklub.knowledge.models import KnowledgeEditor
from videoklub.knowledge.permissions import is_platform_knowledge_editor
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.user("project_staff")


def test_project_staff_open_the_editor_and_a_teacher_does_not(client, world, staff):
    client.force_login(staff)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.force_login(world.user("teacher"))
    assert client.get(reverse("wagtailadmin_home")).status_code == 403


def test_an_administrator_without_the_role_gets_no_editor(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("wagtailadmin_home")).status_code == 403


def test_a_platform_editor_opens_the_editor(client):
    user = UserFactory()
    KnowledgeEditor.objects.create(user=user)
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("editor", [True, False])
def test_whether_someone_is_a_platform_editor_is_read_once_per_request(
    django_assert_num_queries, editor
):
    user = UserFactory()
    if editor:
        KnowledgeEditor.objects.create(user=user)
    # Every page asks (the menu, the views, the editor hooks): the answer, yes or no, is kept.
    with django_assert_num_queries(1):
        assert [is_platform_knowledge_editor(user) for _ in range(3)] == [editor] * 3


def test_anonymous_visitors_are_sent_to_our_login(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_hand_made_group_membership_is_taken_away(client, world):
    teacher = world.user("teacher")
    teacher.groups.add(editors_group())
    client.force_login(teacher)
    assert client.get(reverse("wagtailadmin_home")).status_code == 403
    assert not teacher.groups.filter(name=EDITORS_GROUP).exists()


def test_staff_who_stop_being_staff_lose_the_editor_at_once(client, staff):
    client.force_login(staff)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    Membership.objects.filter(user=staff, role=Role.PROJECT_STAFF).delete()
    assert client.get(reverse("wagtailadmin_home")).status_code == 403
    assert not staff.groups.filter(name=EDITORS_GROUP).exists()


def test_wagtails_people_and_group_screens_are_closed_even_to_editors(client, staff):
    client.force_login(staff)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 404
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 404


def test_the_sync_grants_exactly_the_kennisbank(staff):
    assert editor_access_sync(staff)
    group = Group.objects.get(name=EDITORS_GROUP)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        *VIDEO_PERMISSIONS,
    }
    pages = set(group.page_permissions.values_list("page__slug", flat=True))
    assert pages == {"kennisbank"}


def test_staff_write_and_publish_a_dossier_in_the_editor(client, staff):
    from videoklub.knowledge.editors import knowledge_root
    from videoklub.knowledge.models import DossierPage

    client.force_login(staff)
    root = knowledge_root()
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "dossierpage", root.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "Nieuw dossier",
        "slug": "nieuw-dossier",
        "summary": "Een korte samenvatting.",
        "reading_minutes": 5,
        "licence": "CC BY-NC-SA 4.0",
        "is_open": "on",
        "action-publish": "publish",
    }
    for stream in (
        "key_ideas",
        "in_the_classroom",
        "pitfalls",
        "klub_questions",
        "sources",
        "downloads",
    ):
        data[f"{stream}-count"] = 0
    data["comments-TOTAL_FORMS"] = 0
    data["comments-INITIAL_FORMS"] = 0
    data["comments-MIN_NUM_FORMS"] = 0
    data["comments-MAX_NUM_FORMS"] = 1000
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = DossierPage.objects.get(slug="nieuw-dossier")
    assert dossier.live and dossier.is_open
    client.logout()
    assert client.get(reverse("knowledge:dossier", args=["nieuw-dossier"])).status_code == 200
