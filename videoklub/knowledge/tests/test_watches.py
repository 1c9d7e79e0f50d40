"""Clips watched, for the monitoring numbers: a signed-in member's first request of a playback
is noted once per video; anonymous visitors and seeking leave no trace; the numbers count the
programme's teachers per school and wave; the trace is in the export and goes with erasure."""

import pytest
from django.urls import reverse

from videoklub.knowledge.models import VideoWatch
from videoklub.knowledge.numbers import videos_watched_for_programme
from videoklub.knowledge.tests.helpers import make_video_page
from videoklub.organisations.models import Role
from videoklub.testing.factories import (
    KlubFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def watch(client, page, range_header: str | None = None):
    headers = {"Range": range_header} if range_header else {}
    response = client.get(reverse("knowledge:video_file", args=[page.video.uuid]), headers=headers)
    assert response.status_code in (200, 206)
    return response


def test_a_members_playback_is_noted_once_and_seeking_adds_nothing(client):
    page = make_video_page(is_open=True)
    member = UserFactory()
    client.force_login(member)
    watch(client, page)
    watch(client, page, "bytes=4-7")  # seeking: not a new playback
    (noted,) = VideoWatch.objects.filter(user=member)
    first = noted.last_watched_at
    watch(client, page, "bytes=0-")  # a browser's start of a new playback
    noted.refresh_from_db()
    assert VideoWatch.objects.count() == 1
    assert noted.video == page.video and noted.last_watched_at > first


def test_an_anonymous_visitor_of_an_open_video_leaves_no_trace(client):
    watch(client, make_video_page(is_open=True))
    assert not VideoWatch.objects.exists()


def test_the_programme_counts_its_teachers_per_video_school_and_wave(client):
    programme = ProgrammeFactory()
    wave = WaveFactory(programme=programme, number=1)
    klub = KlubFactory(programme=programme, wave=wave)
    other_school = KlubFactory(programme=programme)
    teachers = [MembershipFactory(klub=klub).user for _ in range(2)]
    both = MembershipFactory(klub=other_school).user
    MembershipFactory(user=both, klub=klub)  # counts at both schools
    coach = MembershipFactory(klub=klub, role=Role.COACH).user  # not a teacher: not counted
    outsider = MembershipFactory().user  # another programme: not counted
    page = make_video_page(title="Juf Nadia geeft feedback")
    for person in [*teachers, both, coach, outsider]:
        client.force_login(person)
        watch(client, page)
    staff = UserFactory()
    MembershipFactory(user=staff, klub=None, programme=programme, role=Role.PROJECT_STAFF)

    numbers = videos_watched_for_programme(staff, programme)
    by_school = {(n.school, n.wave): n.watched for n in numbers}
    assert by_school == {(klub.school.name, 1): 3, (other_school.school.name, None): 1}
    assert {n.video for n in numbers} == {"Juf Nadia geeft feedback"}
    assert {n.kind for n in numbers} == {"expertvideo"}


def test_the_numbers_are_for_the_programmes_staff_only():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        videos_watched_for_programme(UserFactory(), ProgrammeFactory())


def test_what_a_member_watched_is_in_their_export_and_goes_with_them(client):
    from videoklub.knowledge.personal_data import _watched

    page = make_video_page(title="Juf Nadia geeft feedback")
    member = UserFactory()
    client.force_login(member)
    watch(client, page)
    (row,) = _watched(member, None)
    assert row["video"] == "Juf Nadia geeft feedback"
    member.delete()
    assert not VideoWatch.objects.exists()
