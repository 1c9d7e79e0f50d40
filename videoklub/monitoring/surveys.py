"""The programme's survey results in its report: pre/post comparisons with effect sizes, and
the end-of-project evaluation's share of teachers applying the practices.

Only what the survey app shows its staff: groups below the minimum size carry no numbers, and
nothing names or pseudonymises a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from videoklub.surveys.models import Administration
from videoklub.surveys.selectors import applying_practice_share, comparison_for_staff

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser
    from videoklub.surveys.results import Comparison


@dataclass(frozen=True)
class SurveySection:
    comparisons: list[Comparison]
    applying_share: float | None  # in %, from the end-of-project evaluation
    applying_n: int


def survey_section(user: AnyUser, programme: Programme) -> SurveySection:
    comparisons = []
    posts = Administration.objects.filter(
        programme=programme, moment=Administration.Moment.POST
    ).select_related("version__instrument", "wave", "programme")
    for post in posts.order_by("opens_on", "pk"):
        comparison = comparison_for_staff(user, post)
        if comparison is not None:
            comparisons.append(comparison)
    share, n = applying_practice_share(programme)
    return SurveySection(comparisons, None if share is None else round(100 * share, 1), n)
