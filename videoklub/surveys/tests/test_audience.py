"""Who an administration reaches, and that the services check permission themselves."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from videoklub.organisations.models import Role
from videoklub.surveys import services
from videoklub.surveys.models import Administration
from videoklub.surveys.tests.helpers import administration, shipped
from videoklub.testing.factories import KlubFactory, MembershipFactory, WaveFactory


def test_coaches_of_the_programme_are_an_audience_of_their_own(world):
    adm = administration(
        world, "klubsessie", moment="once", audience=Administration.Audience.COACHES
    )
    assert services.audience_user_ids(adm) == {world.coach.pk}


def test_a_wave_narrows_the_audience_to_its_klubs(world):
    wave = WaveFactory(programme=world.programme)
    klub = KlubFactory(programme=world.programme, wave=wave, school=world.school)
    newcomer = MembershipFactory(role=Role.TEACHER, klub=klub).user
    adm = administration(world, wave=wave)
    assert services.audience_user_ids(adm) == {newcomer.pk}


def test_another_programmes_wave_is_refused(world):
    wave = WaveFactory(programme=world.other_programme)
    with (
        translation.override("nl-be"),
        pytest.raises(ValidationError, match="instroomgolf van dit begeleidingsproject"),
    ):
        administration(world, wave=wave)


def test_the_services_refuse_who_may_not(world):
    version = shipped("zelfeffectiviteit")
    for person in (world.teacher, world.other_project_staff):
        with pytest.raises(Http404):
            services.instrument_upload(
                programme=world.programme, by=person, text="key = 'x'", filename="x.toml"
            )
    adm = administration(world)
    with pytest.raises(Http404):
        services.administration_invite(administration=adm, by=world.other_project_staff)
    with pytest.raises(Http404):
        services.administration_create(
            programme=world.programme,
            by=world.coach,
            version=version,
            title="",
            moment="pre",
            audience="teachers",
            opens_on=adm.opens_on,
            closes_on=adm.closes_on,
        )
