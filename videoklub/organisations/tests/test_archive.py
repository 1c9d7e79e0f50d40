"""Archive mode: an ended programme becomes read-only, stays readable, and can be reopened."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from videoklub import policy
from videoklub.meetings.models import Meeting
from videoklub.monitoring.models import Target
from videoklub.organisations.archive import is_frozen
from videoklub.testing.factories import CycleFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def ended(world):
    world.programme.ends_on = timezone.localdate() - timedelta(days=1)
    world.programme.save()
    return world.programme


def archive(client, world):
    client.force_login(world.project_staff)
    return client.post(reverse("home:programme_archive", args=[world.programme.pk]))


def test_staff_archive_an_ended_programme(client, world):
    ended(world)
    assert archive(client, world).status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.archived_on == timezone.localdate()
    assert world.programme.available_until == timezone.localdate().replace(
        year=timezone.localdate().year + 3
    )
    page = client.get(reverse("home:programme_detail", args=[world.programme.pk]))
    assert "Gearchiveerd sinds" in page.content.decode()


def test_a_running_programme_is_not_archived_and_says_why(client, world):
    world.programme.ends_on = timezone.localdate() + timedelta(days=30)
    world.programme.save()
    response = archive(client, world)
    world.programme.refresh_from_db()
    assert world.programme.archived_on is None
    page = client.get(response["Location"]).content.decode()
    assert "pas gearchiveerd worden na zijn einddatum" in page


def test_nobody_but_its_staff_archives_it(client, world):
    ended(world)
    for person in (world.teacher, world.coach, world.school_leader, world.other_project_staff):
        client.force_login(person)
        response = client.post(reverse("home:programme_archive", args=[world.programme.pk]))
        assert response.status_code == 404, person
    world.programme.refresh_from_db()
    assert world.programme.archived_on is None


def test_an_archived_programme_refuses_writes_and_keeps_reads(client, world):
    ended(world)
    archive(client, world)
    # The coach plans no more sessions, with the reason on the page.
    client.force_login(world.coach)
    create = reverse("meetings:create", args=[world.klub.pk])
    response = client.post(
        create,
        {"title": "Nog één", "date": "2030-01-10", "start_time": "15:30", "end_time": "16:30"},
    )
    assert response.status_code == 403
    assert "gearchiveerd" in response.content.decode()
    assert not Meeting.objects.filter(title="Nog één").exists()
    assert client.get(reverse("home:klub_detail", args=[world.klub.pk])).status_code == 200
    # Staff set no more targets but still read and download the report.
    client.force_login(world.project_staff)
    targets = reverse("monitoring:targets", args=[world.programme.pk])
    assert client.post(targets, {"indicator": "coaches_trained", "minimum": "4"}).status_code == 403
    assert not Target.objects.exists()
    report = reverse("monitoring:report", args=[world.programme.pk])
    assert client.get(report).status_code == 200


def test_the_freeze_reaches_objects_through_their_klub(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    other = CycleFactory(teacher=world.other_teacher, klub=world.other_klub)
    assert not is_frozen(cycle)
    world.programme.archived_on = date(2027, 9, 1)
    world.programme.save()
    assert is_frozen(cycle) and is_frozen(recording) and is_frozen(world.klub)
    assert not is_frozen(other)
    with pytest.raises(policy.PermissionDenied):
        policy.authorize(world.teacher, "change_cycle", cycle)
    # Reading is not a write: the teacher still opens their cycle.
    policy.authorize(world.teacher, "view_cycle", cycle)


def test_reopened_it_takes_writes_again(client, world):
    ended(world)
    archive(client, world)
    client.post(reverse("home:programme_archive", args=[world.programme.pk]), {"reopen": "1"})
    world.programme.refresh_from_db()
    assert world.programme.archived_on is None
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    policy.authorize(world.teacher, "change_cycle", cycle)
