"""Demo surveys for `make run` (the demo app calls `seed_demo_surveys`; this app does not know
it). Synthetic respondents: their pseudonyms are made from "demo-<n>", no real person's id, so
no demo teacher is tied to an answer."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from videoklub.surveys.models import Administration, InstrumentVersion, Response
from videoklub.surveys.services import instruments_load_shipped, pseudonym

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme

SEED = 20261130
PAIRED_RESPONDENTS = 10
END_RESPONDENTS = 8


def _answers(rng: random.Random, version: InstrumentVersion, level: float) -> dict:
    """Answers around `level` on the scale; reverse-scored items answered the other way."""
    low, high = int(version.scale["min"]), int(version.scale["max"])
    answers: dict = {}
    for item in version.items:
        if item.get("kind") == "open":
            continue
        value = round(level + rng.gauss(0, 0.7))
        if item.get("reverse"):
            value = low + high - value
        answers[item["key"]] = min(high, max(low, value))
    return answers


def _administration(
    programme: Programme, version: InstrumentVersion, moment: str, days_ago: int
) -> Administration:
    today = timezone.localdate()
    return Administration.objects.create(
        programme=programme,
        version=version,
        title=f"{version.title} ({dict(Administration.Moment.choices)[moment]})",
        moment=moment,
        audience=Administration.Audience.TEACHERS,
        opens_on=today - timedelta(days=days_ago),
        closes_on=today - timedelta(days=days_ago - 14),
    )


@transaction.atomic
def seed_demo_surveys(programme: Programme) -> list[Administration]:
    """Pre and post self-efficacy with paired answers (teachers grow a little) and an
    end-of-project evaluation; the same data every time (a fixed seed). Runs once per programme."""
    existing = list(Administration.objects.filter(programme=programme))
    if existing:
        return existing
    versions = {v.instrument.key: v for v in instruments_load_shipped()}
    rng = random.Random(SEED)  # noqa: S311  (synthetic demo data, not a secret)
    efficacy = versions["zelfeffectiviteit"]
    pre = _administration(programme, efficacy, Administration.Moment.PRE, 200)
    post = _administration(programme, efficacy, Administration.Moment.POST, 20)
    end = _administration(programme, versions["eindevaluatie"], Administration.Moment.ONCE, 20)
    responses = []
    for n in range(PAIRED_RESPONDENTS):
        person = pseudonym(programme.pk, f"demo-{n}")
        start = rng.uniform(2.6, 3.6)
        for administration, level in ((pre, start), (post, start + rng.uniform(0.0, 0.9))):
            responses.append(
                Response(
                    administration=administration,
                    pseudonym=person,
                    answers=_answers(rng, efficacy, level),
                    submitted_on=administration.opens_on + timedelta(days=rng.randint(0, 13)),
                )
            )
    for n in range(END_RESPONDENTS):
        answers = _answers(rng, end.version, rng.uniform(3.2, 4.4))
        responses.append(
            Response(
                administration=end,
                pseudonym=pseudonym(programme.pk, f"demo-{n}"),
                answers=answers,
                submitted_on=end.opens_on + timedelta(days=rng.randint(0, 13)),
            )
        )
    Response.objects.bulk_create(responses)
    return [pre, post, end]
