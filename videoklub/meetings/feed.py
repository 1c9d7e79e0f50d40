"""The calendar subscription: one secret URL per person, resettable."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from videoklub.cycles.models import CoachingVisit
from videoklub.meetings.models import CalendarFeed, Meeting, _feed_token
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import klub_ids

if TYPE_CHECKING:
    from videoklub.accounts.models import User

# How far back the feed reaches: calendar apps keep what they read before.
HISTORY = timedelta(days=120)


def feed_url(user: User) -> str:
    found, _created = CalendarFeed.objects.get_or_create(user=user)
    return settings.SITE_URL + reverse("meetings:feed", args=[found.token])


def feed_owner(token: str) -> User | None:
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        return None
    return found.user


def feed_items(user: User) -> tuple[QuerySet[Meeting], QuerySet[CoachingVisit]]:
    """The sessions of the klubs the person is in (as teacher or coach) and their visits."""
    since = timezone.now() - HISTORY
    klubs = klub_ids(user, Role.TEACHER, Role.COACH)
    meetings = (
        Meeting.objects.filter(klub_id__in=klubs, starts_at__gte=since)
        .select_related("klub")
        .order_by("starts_at")
    )
    visits = CoachingVisit.objects.filter(
        coach=user, klub_id__in=klub_ids(user, Role.COACH), visited_on__gte=since.date()
    ).select_related("teacher")
    return meetings, visits


def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret: the old URL answers 404 from now on."""
    found, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        found.token = _feed_token()
        found.save(update_fields=["token"])
    return found
