"""Leaving and removing members, editing and deleting meetings and insights, unsharing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from videoklub.audit.models import Action, AuditEvent
from videoklub.bookclubs import services
from videoklub.bookclubs.models import BookClubMember, ClubMeeting, Insight, RoleAssignment
from videoklub.bookclubs.tests.conftest import member_of

HTMX = {"HX-Request": "true"}


@pytest.fixture
def three(club, world, make_meeting):
    """The club with a third member (the coach), one held meeting and two to come, roles
    divided."""
    services.member_add(club=club, user=world.coach, by=world.teacher)
    held = make_meeting(days=-7)
    planned = [make_meeting(days=7), make_meeting(days=21)]
    services.roles_rotate(club=club, by=world.teacher)
    services.club_meeting_save(meeting=held, by=world.teacher, questions="", notes="", held=True)
    return held, planned


def _holders(meeting: ClubMeeting) -> set[int]:
    return set(
        RoleAssignment.objects.filter(meeting=meeting).values_list("member__user", flat=True)
    )


def test_a_member_leaves_held_roles_stay_and_the_meetings_to_come_rotate_again(
    client, world, club, three
):
    held, planned = three
    assert world.colleague.pk in _holders(held)
    client.force_login(world.colleague)
    url = reverse("bookclubs:leave", args=[club.pk])
    page = client.get(url).content.decode()
    assert "opnieuw verdeeld" in page  # the page says what happens to the roles
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("bookclubs:list")

    assert world.colleague.pk in _holders(held)  # history kept
    for meeting in planned:
        assert _holders(meeting) == {world.teacher.pk, world.coach.pk}
        assert RoleAssignment.objects.filter(meeting=meeting).count() == 4
    event = AuditEvent.objects.get(owner=world.colleague)
    assert event.action == Action.CLUB_LEAVE and event.item_label == club.title
    assert client.get(reverse("bookclubs:detail", args=[club.pk])).status_code == 404
    assert "Leesclub feedback" not in client.get(reverse("bookclubs:list")).content.decode()


def test_the_facilitator_removes_a_member_after_confirming_and_can_invite_them_again(
    client, world, club, three
):
    member = member_of(club, world.colleague)
    url = reverse("bookclubs:member_remove", args=[club.pk, member.pk])
    client.force_login(world.teacher)
    members_page = client.get(reverse("bookclubs:member_add", args=[club.pk])).content.decode()
    assert url in members_page
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    event = AuditEvent.objects.get(owner=world.colleague)
    assert event.action == Action.CLUB_REMOVE and event.actor == world.teacher
    assert BookClubMember.objects.current().filter(club=club).count() == 2
    # Invited again: the same row, a member again.
    client.post(reverse("bookclubs:member_add", args=[club.pk]), {"user": world.colleague.pk})
    member.refresh_from_db()
    assert member.left_at is None
    client.force_login(world.colleague)
    assert client.get(reverse("bookclubs:detail", args=[club.pk])).status_code == 200


def test_the_facilitator_cannot_leave_and_a_member_cannot_remove_others(client, world, club):
    client.force_login(world.teacher)
    response = client.post(reverse("bookclubs:leave", args=[club.pk]))
    assert response.status_code == 400
    assert "kies eerst een andere facilitator" in response.content.decode().lower()
    client.force_login(world.colleague)
    facilitator = member_of(club, world.teacher)
    url = reverse("bookclubs:member_remove", args=[club.pk, facilitator.pk])
    assert client.post(url).status_code == 403
    assert BookClubMember.objects.current().filter(club=club).count() == 2
    assert not AuditEvent.objects.exists()


def test_the_facilitator_moves_a_meeting_and_bad_times_are_refused_keeping_the_input(
    client, world, club, make_meeting
):
    meeting = make_meeting(days=7, reading="hoofdstuk 1")
    uid = meeting.ical_uid
    url = reverse("bookclubs:meeting_edit", args=[meeting.pk])
    client.force_login(world.teacher)
    page = client.get(url).content.decode()
    assert 'value="hoofdstuk 1"' in page and "id_template" not in page
    day = (timezone.localdate() + timedelta(days=9)).isoformat()
    data = {"date": day, "start_time": "17:00", "end_time": "16:00", "reading": "hoofdstuk 2"}
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "De bijeenkomst moet eindigen nadat ze begint." in page
    assert 'value="hoofdstuk 2"' in page
    response = client.post(url, {**data, "start_time": "15:45", "end_time": "17:00"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.reading == "hoofdstuk 2" and meeting.ical_uid == uid
    assert timezone.localtime(meeting.starts_at).date().isoformat() == day
    client.force_login(world.colleague)
    assert client.post(url, data).status_code == 403


def test_deleting_a_meeting_keeps_its_insights_in_the_folder(client, world, club, make_meeting):
    meeting = make_meeting(days=7)
    services.roles_rotate(club=club, by=world.teacher)
    insight = services.insight_create(
        club=club, author=world.colleague, kind="note", text="Blijft", meeting=meeting
    )
    url = reverse("bookclubs:meeting_delete", args=[meeting.pk])
    client.force_login(world.teacher)
    assert "1 inzicht" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not ClubMeeting.objects.filter(pk=meeting.pk).exists()
    assert not RoleAssignment.objects.exists()
    insight.refresh_from_db()
    assert insight.meeting is None


def test_the_author_edits_an_insight_in_place_with_htmx_and_as_a_page(client, world, club, insight):
    url = reverse("bookclubs:insight_edit", args=[insight.pk])
    client.force_login(world.colleague)
    response = client.get(url, headers=HTMX)
    page = response.content.decode()
    assert f'id="insight-{insight.pk}"' in page and "<html" not in page
    prefix = f"insight-{insight.pk}"
    # Bad input in place: the answer replaces the insight, the text is kept.
    response = client.post(
        url, {f"{prefix}-kind": "link", f"{prefix}-text": "Een blog"}, headers=HTMX
    )
    assert response.status_code == 200 and response["HX-Retarget"] == f"#insight-{insight.pk}"
    page = response.content.decode()
    assert "Voeg de link toe die je wilt bewaren." in page and "Een blog" in page
    response = client.post(
        url, {f"{prefix}-kind": "quote", f"{prefix}-text": "Feedback is een dialoog."}, headers=HTMX
    )
    page = response.content.decode()
    assert 'id="insights"' in page and "Feedback is een dialoog." in page
    # Without htmx: a page of its own and a redirect.
    assert "<html" in client.get(url).content.decode()
    response = client.post(url, {f"{prefix}-kind": "note", f"{prefix}-text": "Gesprek."})
    assert response.status_code == 302
    insight.refresh_from_db()
    assert insight.text == "Gesprek." and insight.kind == Insight.Kind.NOTE


def test_the_facilitator_may_edit_an_insight_another_member_may_not(client, world, club, insight):
    services.member_add(club=club, user=world.coach, by=world.teacher)
    url = reverse("bookclubs:insight_edit", args=[insight.pk])
    client.force_login(world.coach)
    assert client.get(url).status_code == 403
    assert client.post(reverse("bookclubs:insight_delete", args=[insight.pk])).status_code == 403
    client.force_login(world.teacher)
    assert client.get(url).status_code == 200


def test_deleting_a_shared_file_insight_takes_it_off_the_school_page(
    client, world, club, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("placemat.txt", b"middenvak", content_type="text/plain")
    insight = services.insight_create(
        club=club, author=world.colleague, kind="file", text="Foto placemat", file=upload
    )
    services.insight_share(insight=insight, by=world.colleague, share=True)
    storage, name = insight.file.storage, insight.file.name
    url = reverse("bookclubs:insight_delete", args=[insight.pk])
    client.force_login(world.colleague)
    confirm = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in confirm and "schoolteam" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, headers=HTMX)
    assert 'id="insights"' in response.content.decode()
    assert not Insight.objects.exists()
    client.force_login(world.school_leader)
    page = client.get(reverse("bookclubs:school_insights", args=[world.school.pk]))
    assert "Foto placemat" not in page.content.decode()
    assert storage.exists(name) is False


def test_the_author_stops_sharing_from_the_school_page(client, world, club, insight):
    services.insight_share(insight=insight, by=world.colleague, share=True)
    school_page = reverse("bookclubs:school_insights", args=[world.school.pk])
    client.force_login(world.school_leader)
    assert "Niet langer delen met de school" not in client.get(school_page).content.decode()
    client.force_login(world.colleague)
    assert "Niet langer delen met de school" in client.get(school_page).content.decode()
    response = client.post(
        reverse("bookclubs:insight_share", args=[insight.pk]),
        {"share": "0", "school": str(world.school.pk)},
    )
    assert response.status_code == 302 and response.url == school_page
    assert "Feedback is een gesprek." not in client.get(school_page).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_members_page_uses_a_constant_number_of_queries(client, world, club):
    from videoklub.testing.factories import MembershipFactory

    client.force_login(world.teacher)
    url = reverse("bookclubs:member_add", args=[club.pk])
    small = _queries(client, url)
    for _i in range(4):
        membership = MembershipFactory(klub=world.klub)
        services.member_add(club=club, user=membership.user, by=world.teacher)
    assert BookClubMember.objects.filter(club=club).count() == 6
    assert _queries(client, url) == small
