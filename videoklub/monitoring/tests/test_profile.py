"""The Merchie profile says what the data says, and adds the teachers' rating when asked."""

import pytest

from videoklub.cycles.models import LearningQuestion
from videoklub.monitoring.indicators import Collected
from videoklub.monitoring.profile import programme_profile
from videoklub.monitoring.tests.helpers import make_activity

pytestmark = pytest.mark.django_db


def by_key(activity):
    return {c.key: c for c in programme_profile(Collected(activity.programme))}


def test_each_characteristic_is_worded_from_the_data():
    activity = make_activity(schools=2, teachers=3)
    profile = by_key(activity)
    questions = LearningQuestion.objects.filter(cycle__klub__programme=activity.programme).count()
    assert f"{questions} leervragen" in profile["eigenaarschap"].from_data
    # Two held sessions per school; of 3 teachers + coach per session one teacher was absent once.
    assert "2,0 klubbijeenkomsten per school" in profile["duur"].from_data
    assert "2 klubs van gemiddeld 3,0 leraren" in profile["collectieve-participatie"].from_data
    assert (
        "2 opgeleide coaches voor 6 begeleide leraren (3,0 per coach)"
        in profile["begeleider"].from_data
    )
    assert profile["vakdidactiek"].from_data == ""
    assert all(c.rating is None for c in profile.values())  # nobody was asked


def test_the_teachers_rating_comes_from_the_end_of_project_evaluation():
    from videoklub.surveys.demo import seed_demo_surveys

    activity = make_activity(schools=1, teachers=2)
    seed_demo_surveys(activity.programme)
    profile = by_key(activity)
    ratings = [c.rating for c in profile.values() if c.rating is not None]
    assert len(ratings) == 8
    assert all(1 <= rating <= 5 for rating in ratings)
