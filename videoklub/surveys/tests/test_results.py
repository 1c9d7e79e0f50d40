"""Results: only for groups of at least the minimum size, never per person; the pre/post
comparison pairs by pseudonym without showing it; the monitoring selectors."""

import re

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from videoklub.surveys import selectors
from videoklub.surveys.models import Response
from videoklub.surveys.tests.helpers import (
    administration,
    answers_for,
    respond,
    teachers,
)


def _with_respondents(world, count, key="zelfeffectiviteit", moment="pre", people=None, value=4):
    adm = administration(world, key, moment=moment)
    for person in people if people is not None else teachers(world, count):
        respond(adm, person, answers_for(adm.version, value))
    return adm


def _results_html(client, world, adm) -> str:
    client.force_login(world.project_staff)
    url = reverse("surveys:administration_detail", args=[world.programme.pk, adm.pk])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_a_group_of_four_shows_no_result_at_all(client, world):
    adm = _with_respondents(world, 4)
    html = _results_html(client, world, adm)
    text = strip_tags(html)
    assert "Te weinig antwoorden om resultaten te tonen (minstens 5)." in text
    # Not a mean, not a distribution, not even n: the only number is the minimum.
    assert re.findall(r"\d+", text) == ["5"]
    assert "Cronbach" not in text and "Gemiddelde" not in text
    results = selectors.administration_results(world.project_staff, adm)
    assert not results.enough and results.subscales == [] and results.items == []


def test_a_group_of_five_shows_subscales_with_reverse_items_reversed_and_alpha(client, world):
    people = teachers(world, 5)
    adm = administration(world)
    # Each answers every item with their number v = 1..5 (betr-4 is reverse-scored, so it
    # counts as 6 - v); engagement = (v + v + v + 6 - v) / 4 = (2v + 6) / 4: 2, 2.5, 3, 3.5, 4.
    for value, person in enumerate(people, start=1):
        respond(adm, person, answers_for(adm.version, value))
    results = selectors.administration_results(world.project_staff, adm)
    engagement = next(s for s in results.subscales if s.key == "betrokkenheid")
    assert results.enough and results.n == 5
    assert engagement.mean == pytest.approx(3.0)
    # Scores 2 2.5 3 3.5 4: deviations -1 -.5 0 .5 1, SS 2.5, variance 2.5/4.
    assert engagement.sd == pytest.approx((2.5 / 4) ** 0.5)
    # Items (reversed) per respondent v: v v v 6-v -> item variances 2.5 x4 (each SS 10/4);
    # totals 3v + 6 - v = 2v + 6: variance 4 * 2.5 = 10. alpha = 4/3 (1 - 10/10) = 0.
    assert engagement.alpha == pytest.approx(0.0)
    html = _results_html(client, world, adm)
    assert "Cronbachs alfa" in html and "Respondenten: 5." in html
    assert "3,00" in html  # the mean, in Dutch notation


def test_the_minimum_group_size_follows_the_setting(world, settings):
    settings.SURVEY_MIN_GROUP = 3
    adm = _with_respondents(world, 3)
    assert adm.min_group_size == 3
    assert selectors.administration_results(world.project_staff, adm).enough


def test_results_are_for_the_programmes_staff_only(world):
    adm = _with_respondents(world, 5)
    for person in (world.teacher, world.coach, world.school_leader, world.other_project_staff):
        with pytest.raises(Http404):
            selectors.administration_results(person, adm)


def test_pre_post_pairs_by_pseudonym_without_showing_who(client, world):
    people = teachers(world, 6)
    pre = administration(world, moment="pre")
    post = administration(world, moment="post")
    # Five people answer both times, v on every item: pre 2 3 3 4 3, post 3 4 3 5 5. With one
    # reverse item of four a subscale score is (3v + 6 - v) / 4 = (2v + 6) / 4, so the score
    # differences are half of 1 1 0 1 2: .5 .5 0 .5 1 -> mean .5, SD sqrt(.5) / 2,
    # d_z = .5 / (sqrt(.5) / 2) = sqrt 2 (as in test_stats).
    for person, before, after in zip(people, [2, 3, 3, 4, 3], [3, 4, 3, 5, 5], strict=False):
        respond(pre, person, answers_for(pre.version, before))
        respond(post, person, answers_for(post.version, after))
    respond(pre, people[5], answers_for(pre.version, 1))  # no post: not paired
    client.force_login(world.project_staff)
    url = reverse("surveys:administration_compare", args=[world.programme.pk, post.pk])
    page = client.get(url).content.decode()
    assert "Paren (mensen die beide keren antwoordden): 5." in page
    comparison = selectors.comparison_for_staff(world.project_staff, post)
    row = comparison.subscales[0].comparison
    assert row.mean_difference == pytest.approx(0.5)
    assert row.d_z == pytest.approx(2**0.5)
    assert "1,41" in page  # d_z
    for response in Response.objects.all():
        assert response.pseudonym not in page
    for person in [*people, world.teacher]:
        assert person.full_name not in page and person.email not in page


def test_pre_post_with_four_pairs_shows_nothing(client, world):
    people = teachers(world, 4)
    pre = administration(world, moment="pre")
    post = administration(world, moment="post")
    for person in people:
        respond(pre, person, answers_for(pre.version, 2))
        respond(post, person, answers_for(post.version, 4))
    client.force_login(world.project_staff)
    url = reverse("surveys:administration_compare", args=[world.programme.pk, post.pk])
    text = strip_tags(client.get(url).content.decode())
    assert "Te weinig antwoorden om resultaten te tonen (minstens 5)." in text
    assert "Paren" not in text


def test_the_share_applying_the_practice_for_monitoring(world):
    people = teachers(world, 5)
    adm = administration(world, "eindevaluatie", moment="once")
    # 5 4 4 2 3 on "Ik pas de kernpraktijk ... toe": 3 of 5 answer 4 or more -> 0.6.
    for person, value in zip(people, [5, 4, 4, 2, 3], strict=True):
        respond(adm, person, answers_for(adm.version, {"applies_practice": value}))
    assert selectors.applying_practice_share(world.programme) == (pytest.approx(0.6), 5)
    assert selectors.applying_practice_share(world.other_programme) == (None, 0)


def test_too_few_for_the_share_gives_none(world):
    _with_respondents(world, 4, key="eindevaluatie", moment="once")
    assert selectors.applying_practice_share(world.programme) == (None, 4)


def test_the_overview_reads_in_a_constant_number_of_queries(client, world):
    client.force_login(world.project_staff)
    url = reverse("surveys:overview", args=[world.programme.pk])
    administration(world)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for key in ("klubsessie", "eindevaluatie", "collectieve-effectiviteit"):
        _with_respondents(world, 2, key=key, moment="once")
    with CaptureQueriesContext(connection) as larger:
        page = client.get(url).content.decode()
    assert len(larger) == len(small)
    assert "2 van 2 geantwoord" in page
