"""The rules of intervision one by one where the service tests do not reach them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub import policy
from videoklub.intervision import services
from videoklub.intervision.tests.conftest import coach_at

pytestmark = pytest.mark.django_db


def test_being_in_a_group_of_one_round_opens_no_other_round(world, iv):
    today = timezone.localdate()
    spring = services.round_create(
        by=world.project_staff,
        programme=world.programme,
        title="Intervisieronde voorjaar",
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=60),
    )
    services.group_create(
        by=world.project_staff,
        round_=spring,
        name="Groep V",
        members=[iv.outsider, coach_at(world.programme), coach_at(world.programme)],
    )
    assert policy.can(iv.outsider, "view_intervision_round", spring)
    assert not policy.can(iv.outsider, "view_intervision_round", iv.round)
    assert policy.can(iv.second, "view_intervision_round", iv.round)
    assert not policy.can(iv.second, "view_intervision_round", spring)
