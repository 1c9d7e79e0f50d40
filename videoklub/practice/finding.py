"""Practice examples in the kennisbank's one search (knowledge/finding.py), from `ready()`.

Only for readers of the kennisbank, and only the examples that are shown at this moment: the
same consent check as the list (`selectors.examples_for_user`), made in the same query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from videoklub import policy
from videoklub.knowledge.finding import Choices, Hit, SearchSource
from videoklub.knowledge.selectors import search_ranks
from videoklub.practice.models import PracticeExample
from videoklub.practice.selectors import examples_for_user

if TYPE_CHECKING:
    from videoklub.knowledge.selectors import Filters
    from videoklub.policy import AnyUser


def _facts(example: PracticeExample) -> list[str]:
    facts = [_("practice example")]
    if example.core_practice:
        facts.append(str(example.core_practice))
    if example.school_level:
        facts.append(example.get_school_level_display())
    if example.subject:
        facts.append(example.subject)
    return facts


def example_hits(user: AnyUser, filters: Filters) -> list[Hit]:
    # Examples carry no topics: a topic filter leaves them out rather than showing them all.
    if not policy.can(user, "view_knowledge") or filters.topic:
        return []
    examples = examples_for_user(user, core_practice=filters.core_practice)
    if filters.level:
        examples = [e for e in examples if e.school_level in ("", filters.level)]
    if filters.query.strip():
        order = search_ranks(filters.query, PracticeExample)
        examples = sorted((e for e in examples if e.pk in order), key=lambda e: order[e.pk])
    return [
        Hit(e.title, reverse("practice:detail", args=[e.pk]), e.description, _facts(e))
        for e in examples
    ]


def example_choices(user: AnyUser) -> Choices:
    if not policy.can(user, "view_knowledge"):
        return Choices()
    codes = {e.core_practice.code for e in examples_for_user(user) if e.core_practice}
    return Choices(core_practices=codes)


SOURCE = SearchSource(
    key="practice",
    heading=lambda n: ngettext("%(n)d practice example", "%(n)d practice examples", n) % {"n": n},
    find=example_hits,
    choices=example_choices,
    more=lambda user: (_("All practice examples"), reverse("practice:list")),
)
