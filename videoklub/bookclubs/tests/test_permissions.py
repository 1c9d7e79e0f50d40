"""Who sees a book club and its insights: members only, and a shared insight the school."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from videoklub import policy
from videoklub.bookclubs import selectors, services
from videoklub.bookclubs.permissions import insight_audience_schools, school_ids_of
from videoklub.organisations.models import School
from videoklub.testing.factories import KlubFactory, MembershipFactory, UserFactory


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_members_see_the_club_and_nobody_else_even_at_the_same_school(client, world, club):
    url = reverse("bookclubs:detail", args=[club.pk])
    assert _status(client, world.teacher, url) == 200
    assert _status(client, world.colleague, url) == 200
    for outsider in [
        world.coach,  # same klub, not in the club
        world.school_leader,  # leads the school
        world.project_staff,
        world.other_teacher,
        world.no_membership,
    ]:
        assert _status(client, outsider, url) == 404, outsider


def test_a_non_member_learns_nothing_of_meetings_insights_or_experiments(
    client, world, club, make_meeting, insight
):
    meeting = make_meeting()
    experiment = services.experiment_create(club=club, member=world.teacher, what="Wachttijd")
    for url in [
        reverse("bookclubs:meeting", args=[meeting.pk]),
        reverse("bookclubs:insight_file", args=[insight.pk]),
        reverse("bookclubs:experiment", args=[experiment.pk]),
        reverse("bookclubs:ics", args=[club.pk]),
        reverse("bookclubs:evaluation", args=[club.pk]),
    ]:
        assert _status(client, world.coach, url) == 404, url
        assert _status(client, world.other_teacher, url) == 404, url


def test_only_the_facilitator_runs_the_club_other_members_get_403(client, world, club):
    for name in ["edit", "member_add", "meeting_create"]:
        url = reverse(f"bookclubs:{name}", args=[club.pk])
        assert _status(client, world.teacher, url) == 200
        assert _status(client, world.colleague, url) == 403
        assert _status(client, world.coach, url) == 404


def test_a_shared_insight_is_read_by_the_school_but_not_the_club(client, world, club, insight):
    school_page = reverse("bookclubs:school_insights", args=[world.school.pk])
    client.force_login(world.school_leader)
    assert "Feedback is een gesprek." not in client.get(school_page).content.decode()

    services.insight_share(insight=insight, by=world.colleague, share=True)
    for reader in [world.school_leader, world.coach, world.teacher]:
        client.force_login(reader)
        assert "Feedback is een gesprek." in client.get(school_page).content.decode()
    # The school sees the insight, never the rest of the club.
    client.force_login(world.school_leader)
    assert client.get(reverse("bookclubs:detail", args=[club.pk])).status_code == 404
    # Another school's people see neither this school's page nor the insight.
    assert _status(client, world.other_teacher, school_page) == 404
    assert not policy.can(world.other_teacher, "view_insight", insight)
    assert policy.can(world.school_leader, "view_insight", insight)


def test_unsharing_takes_the_insight_back_at_once(client, world, club, insight):
    services.insight_share(insight=insight, by=world.colleague, share=True)
    services.insight_share(insight=insight, by=world.colleague, share=False)
    client.force_login(world.school_leader)
    page = client.get(reverse("bookclubs:school_insights", args=[world.school.pk]))
    assert "Feedback is een gesprek." not in page.content.decode()
    assert not policy.can(world.school_leader, "view_insight", insight)


def test_only_the_author_or_the_facilitator_shares_an_insight(world, club, insight):
    services.member_add(club=club, user=world.coach, by=world.teacher)
    with pytest.raises(PermissionDenied):
        services.insight_share(insight=insight, by=world.coach, share=True)
    services.insight_share(insight=insight, by=world.teacher, share=True)  # facilitator
    services.insight_share(insight=insight, by=world.colleague, share=False)  # author
    with pytest.raises(PermissionDenied):
        services.insight_share(insight=insight, by=world.school_leader, share=True)


def test_sharing_through_the_page_as_a_plain_member_is_refused(client, world, club, insight):
    services.member_add(club=club, user=world.coach, by=world.teacher)
    client.force_login(world.coach)
    url = reverse("bookclubs:insight_share", args=[insight.pk])
    assert client.post(url, {"share": "1"}).status_code == 403
    client.force_login(world.other_teacher)
    assert client.post(url, {"share": "1"}).status_code == 404


def test_who_may_see_and_the_schools_page_agree(world, club, insight):
    """One definition: the rule and the school's page name the same readers."""
    services.insight_share(insight=insight, by=world.colleague, share=True)
    people = [
        world.teacher,
        world.colleague,
        world.coach,
        world.school_leader,
        world.project_staff,
        world.other_teacher,
        world.other_school_leader,
        world.no_membership,
    ]
    for person in people:
        on_a_page = any(
            insight in selectors.shared_insights_for_school(school)
            for school in School.objects.filter(pk__in=school_ids_of(person))
        )
        is_member = person.pk in {world.teacher.pk, world.colleague.pk}
        assert policy.can(person, "view_insight", insight) == (on_a_page or is_member), person


def test_a_cross_school_club_is_made_by_project_staff_and_shares_with_members_schools(world):
    with pytest.raises(PermissionDenied):
        services.book_club_create(
            by=world.teacher, programme=world.programme, title="X", book_title="Y", link=""
        )
    club = services.book_club_create(
        by=world.project_staff,
        programme=world.programme,
        title="Netwerk lezen",
        book_title="Hoge verwachtingen",
        link="https://example.org/artikel",
    )
    services.member_add(club=club, user=world.teacher, by=world.project_staff)
    with pytest.raises(ValidationError):
        services.member_add(club=club, user=world.other_teacher, by=world.project_staff)
    note = services.insight_create(
        club=club, author=world.teacher, kind="note", text="Verwachtingen uitspreken"
    )
    services.insight_share(insight=note, by=world.teacher, share=True)
    assert insight_audience_schools(note) == {world.school.pk}
    assert note in selectors.shared_insights_for_school(world.school)
    assert note not in selectors.shared_insights_for_school(world.other_school)
    assert policy.can(world.school_leader, "view_insight", note)
    assert not policy.can(world.other_school_leader, "view_insight", note)


def test_a_teacher_starts_clubs_at_their_own_school_only(world):
    with pytest.raises(PermissionDenied):
        services.book_club_create(
            by=world.teacher, school=world.other_school, title="X", book_title="Y", isbn=""
        )
    with pytest.raises(PermissionDenied):
        services.book_club_create(
            by=world.no_membership, school=world.school, title="X", book_title="Y"
        )
    club = services.book_club_create(
        by=world.school_leader, school=world.school, title="Schoolleiding leest", book_title="Y"
    )
    assert club.facilitator == world.school_leader


def test_only_colleagues_of_the_same_school_can_be_invited(world, club):
    with pytest.raises(ValidationError):
        services.member_add(club=club, user=world.other_teacher, by=world.teacher)
    # A teacher of another klub at the same school may join.
    second_klub = KlubFactory(school=world.school, programme=world.other_programme)
    neighbour = MembershipFactory(role="teacher", klub=second_klub, user=UserFactory()).user
    services.member_add(club=club, user=neighbour, by=world.teacher)
    assert policy.can(neighbour, "view_book_club", club)
    candidates = selectors.colleagues_to_invite(club)
    assert world.coach in candidates and world.school_leader in candidates
    assert world.other_teacher not in candidates and world.teacher not in candidates
