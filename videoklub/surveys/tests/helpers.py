"""Data for the survey tests, made the way the app makes it (services, real invitations)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from videoklub.organisations.models import Role
from videoklub.surveys import services
from videoklub.surveys.models import Administration, InstrumentVersion, Invitation
from videoklub.testing.factories import MembershipFactory, UserFactory


def shipped(key: str) -> InstrumentVersion:
    return {v.instrument.key: v for v in services.instruments_load_shipped()}[key]


def administration(world, key: str = "zelfeffectiviteit", *, moment: str = "pre", **extra):
    today = timezone.localdate()
    fields = {
        "title": f"{key} {moment}",
        "moment": moment,
        "audience": Administration.Audience.TEACHERS,
        "opens_on": today - timedelta(days=1),
        "closes_on": today + timedelta(days=14),
        **extra,
    }
    return services.administration_create(
        programme=world.programme, by=world.project_staff, version=shipped(key), **fields
    )


def teachers(world, count: int) -> list:
    """`count` more teachers in the world's klub."""
    return [
        MembershipFactory(role=Role.TEACHER, klub=world.klub, user=UserFactory()).user
        for _ in range(count)
    ]


def answers_for(version: InstrumentVersion, value: int | dict) -> dict:
    """Every scale item answered `value` (or per key from a dict, default 3)."""
    return {
        item["key"]: (value.get(item["key"], 3) if isinstance(value, dict) else value)
        for item in version.scale_items
    }


def respond(administration: Administration, user, answers: dict) -> None:
    invitation, _created = Invitation.objects.get_or_create(
        administration=administration,
        user=user,
        defaults={"token": f"t-{user.pk}-{administration.pk}"},
    )
    services.response_submit(invitation=invitation, by=user, answers=answers)
