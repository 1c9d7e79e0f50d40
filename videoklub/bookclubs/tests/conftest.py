from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.bookclubs import services
from videoklub.bookclubs.models import BookClubMember


@pytest.fixture
def club(world):
    """A club at the world's school, started by the teacher, with the colleague as member."""
    club = services.book_club_create(
        by=world.teacher,
        school=world.school,
        title="Leesclub feedback",
        book_title="Feedback die werkt",
        book_authors="J. Hattie",
        isbn="978-90-12-34567-5",
    )
    services.member_add(club=club, user=world.colleague, by=world.teacher)
    return club


@pytest.fixture
def make_meeting(club, world):
    def make(days: int = 14, **fields):
        start = timezone.now() + timedelta(days=days)
        return services.club_meeting_create(
            club=club,
            by=world.teacher,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            **fields,
        )

    return make


@pytest.fixture
def insight(club, world):
    return services.insight_create(
        club=club, author=world.colleague, kind="quote", text="Feedback is een gesprek."
    )


def member_of(club, user) -> BookClubMember:
    return BookClubMember.objects.get(club=club, user=user)
