import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from videoklub.organisations.models import Membership, Programme, Role
from videoklub.testing.factories import KlubFactory, UserFactory, WaveFactory

pytestmark = pytest.mark.django_db


def test_a_teacher_membership_needs_a_klub_and_nothing_else(world):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=world.no_membership, role=Role.TEACHER, school=world.school)


def test_a_membership_is_unique_per_person_role_and_organisation(world):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=world.teacher, role=Role.TEACHER, klub=world.klub)


def test_a_klub_wave_must_belong_to_the_klub_programme(world):
    klub = KlubFactory.build(
        school=world.school,
        programme=world.programme,
        wave=WaveFactory(programme=world.other_programme),
    )
    with pytest.raises(ValidationError) as error:
        klub.full_clean()
    assert "wave" in error.value.message_dict


def test_the_school_year_has_the_form_2026_2027():
    with pytest.raises(IntegrityError):
        Programme.objects.create(name="Fout", school_year="26-27")


def test_a_user_gets_no_membership_implicitly():
    assert not UserFactory().memberships.exists()
