"""A value that is missing altogether (None, as an import or a script may pass it) is treated as
empty: refused where it is required, left out where it is optional, never made up."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from videoklub.consent import services
from videoklub.consent.models import ClassGroup, Consent, Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def class_group(world):
    return services.class_group_create(
        school=world.school, name="3B", school_year="2025-2026", created_by=world.teacher
    )


@pytest.mark.parametrize("evidence", [None, ""])
def test_a_consent_without_any_evidence_is_refused_at_the_evidence(class_group, evidence):
    (pupil,) = services.pupils_add(class_group=class_group, codes=["3B-01"])
    with pytest.raises(ValidationError) as error:
        services.consent_give(
            pupil=pupil,
            purpose=Purpose.KLUB,
            given_by=Consent.GivenBy.PARENT,
            given_on=timezone.localdate() - timedelta(days=1),
            evidence=evidence,
            recorded_by=None,
        )
    assert error.value.message_dict == {
        "evidence": ["Say where the signed form is kept, so the consent can be proven."]
    }
    assert not Consent.objects.exists()


@pytest.mark.parametrize("code", [None, ""])
def test_a_missing_pupil_code_is_refused_and_nothing_is_added(class_group, code):
    with pytest.raises(ValidationError) as error:
        services.pupils_add(class_group=class_group, codes=["3B-01", code])
    assert error.value.messages == ["A pupil code cannot be empty."]
    assert not class_group.pupils.exists()


def test_a_series_without_a_prefix_is_numbered_plainly(class_group):
    added = services.pupils_add_series(class_group=class_group, prefix=None, count=2)
    assert [pupil.code for pupil in added] == ["01", "02"]


def test_a_class_group_without_a_school_year_is_refused_at_the_school_year(world):
    with pytest.raises(ValidationError) as error:
        services.class_group_create(
            school=world.school, name="3B", school_year=None, created_by=None
        )
    assert list(error.value.message_dict) == ["school_year"]
    assert not ClassGroup.objects.exists()
