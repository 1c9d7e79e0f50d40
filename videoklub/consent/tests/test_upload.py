"""The tus upload names the class group in the recording (metadata `class_group`)."""

import pytest
from django.urls import reverse

from videoklub.consent.models import ClassGroup
from videoklub.recordings.models import Recording
from videoklub.recordings.tests.conftest import tus_metadata

pytestmark = pytest.mark.django_db


def create(client, **metadata):
    return client.post(
        reverse("recordings:tus_collection"),
        HTTP_UPLOAD_LENGTH="1000",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="les.mp4", filetype="video/mp4", **metadata),
        HTTP_TUS_RESUMABLE="1.0.0",
    )


def test_an_upload_names_a_class_group_of_the_teachers_school(client, world):
    group = ClassGroup.objects.create(school=world.school, name="3B", school_year="2025-2026")
    client.force_login(world.teacher)
    response = create(client, class_group=str(group.pk))
    assert response.status_code == 201
    assert Recording.objects.get().class_group == group


def test_an_upload_without_a_class_group_leaves_it_unsaid(client, world):
    client.force_login(world.teacher)
    assert create(client).status_code == 201
    assert Recording.objects.get().class_group is None


@pytest.mark.parametrize("which", ["other_school", "archived", "nonsense", "missing"])
def test_an_upload_for_another_schools_class_group_is_refused(client, world, which):
    school = world.other_school if which == "other_school" else world.school
    group = ClassGroup.objects.create(
        school=school, name="3B", school_year="2025-2026", archived=which == "archived"
    )
    wanted = {"nonsense": "3B", "missing": str(group.pk + 100)}.get(which, str(group.pk))
    client.force_login(world.teacher)
    response = create(client, class_group=wanted)
    assert response.status_code == 403
    assert "class groups of your own school" in response.text
    assert not Recording.objects.exists()
