"""The programme's professional-development profile along Merchie et al. (2016).

Merchie, Tuytens, Devos & Vanderlinde (2016), "Evaluating teachers' professional development
initiatives: towards an extended evaluative framework", Research Papers in Education 33(2),
name content characteristics (focus on content, on subject didactics, coherence, ownership) and
structural ones (duration, collective participation, location, trainer). Each is described here
from what happened in the app, and, where the end-of-project evaluation asked the teachers,
with their mean rating (1–5) of the item on that characteristic: the data says what the
programme offered, the rating how teachers experienced it. Counts and means only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import mean
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from videoklub.baseline.models import SchoolTrack
from videoklub.bookclubs.selectors import book_club_numbers
from videoklub.cycles.models import CorePractice, Cycle, LearningQuestion
from videoklub.meetings.models import Attendance, Meeting
from videoklub.monitoring.charts import dutch_number
from videoklub.monitoring.indicators import value
from videoklub.surveys.models import Administration
from videoklub.surveys.results import compute
from videoklub.surveys.selectors import END_OF_PROJECT_KEY

if TYPE_CHECKING:
    from videoklub.monitoring.indicators import Collected

CONTENT = gettext_lazy("content")
STRUCTURE = gettext_lazy("structure")


@dataclass(frozen=True)
class Characteristic:
    key: str  # the end-of-project evaluation's item on it
    label: str
    kind: str  # content or structure
    from_data: str  # "" when the data cannot tell
    rating: float | None  # the teachers' mean, 1–5, higher is better (reverse items turned)


def _ratings(programme_id: int) -> dict[str, float]:
    """Item means of the latest end-of-project evaluation, when its group is big enough."""
    administration = (
        Administration.objects.filter(
            programme_id=programme_id, version__instrument__key=END_OF_PROJECT_KEY
        )
        .select_related("version")
        .order_by("-opens_on", "-pk")
        .first()
    )
    if administration is None:
        return {}
    results = compute(administration, list(administration.responses.all()))
    if not results.enough:
        return {}
    scale = administration.version.scale or {}
    low, high = int(scale.get("min", 1)), int(scale.get("max", 5))
    return {
        item.key: round((low + high - item.mean) if item.reverse else item.mean, 2)
        for item in results.items
        if item.mean is not None
    }


def _pct(part: float, whole: float) -> str:
    return dutch_number(100 * part / whole) if whole else "0"


def programme_profile(collected: Collected) -> list[Characteristic]:
    programme = collected.programme
    klub_ids = list(collected.klubs)
    practices = {p.code: str(p) for p in CorePractice.objects.all()}  # in the reader's language
    cycles = [
        (school_id, code, practices.get(code, ""))
        for school_id, code in Cycle.objects.filter(klub__in=klub_ids).values_list(
            "klub__school_id", "core_practice__code"
        )
    ]
    questions = LearningQuestion.objects.filter(cycle__klub__in=klub_ids).count()
    attendance = Counter(
        Attendance.objects.filter(
            meeting__klub__in=klub_ids, meeting__status=Meeting.Status.HELD
        ).values_list("present", flat=True)
    )
    focus = dict(
        SchoolTrack.objects.filter(programme=programme, focus_practice__isnull=False).values_list(
            "school_id", "focus_practice__code"
        )
    )
    clubs = book_club_numbers(programme)
    ratings = _ratings(programme.pk)
    sessions = int(value(collected, "klub_sessions") or 0)
    visits = int(value(collected, "coaching_visits") or 0)
    coaches = int(value(collected, "coaches_trained") or 0)
    coached = int(value(collected, "teachers_coached") or 0)
    schools = len(collected.school_ids) or 1
    klubs = len(klub_ids) or 1
    teachers = len(collected.teacher_ids())
    with_practice = [c for c in cycles if c[1]]
    top = Counter(name for _s, code, name in with_practice).most_common(2)
    on_focus = [c for c in cycles if c[0] in focus]
    matching = [c for c in on_focus if c[1] == focus.get(c[0])]
    held_days = sorted(e.on for e in collected.events["klub_sessions"])
    months = (held_days[-1] - held_days[0]).days / 30.4 if len(held_days) > 1 else 0
    rows = [
        (
            "inhoudelijke-focus",
            _("focus on content"),
            CONTENT,
            _("%(share)s %% of the cycles work on a core practice, most on %(top)s.")
            % {
                "share": _pct(len(with_practice), len(cycles)),
                "top": ", ".join(f"{name} ({n})" for name, n in top) or "–",
            }
            if cycles
            else "",
        ),
        ("vakdidactiek", _("focus on subject didactics"), CONTENT, ""),
        (
            "samenhang",
            _("coherence"),
            CONTENT,
            _(
                "%(chosen)s of %(schools)s schools chose a focus in their baseline; "
                "%(share)s %% of their cycles work on it."
            )
            % {
                "chosen": len(focus),
                "schools": len(collected.school_ids),
                "share": _pct(len(matching), len(on_focus)),
            },
        ),
        (
            "eigenaarschap",
            _("ownership"),
            CONTENT,
            _("%(questions)s learning questions, each written by the teacher (GRROW).")
            % {"questions": questions},
        ),
        (
            "duur",
            _("duration"),
            STRUCTURE,
            _(
                "%(sessions)s klub sessions per school over %(months)s months; "
                "%(visits)s coaching visits per teacher coached."
            )
            % {
                "sessions": dutch_number(sessions / schools, 1),
                "months": dutch_number(months),
                "visits": dutch_number(visits / coached, 1) if coached else "0",
            },
        ),
        (
            "collectieve-participatie",
            _("collective participation"),
            STRUCTURE,
            _(
                "%(klubs)s klubs of %(size)s teachers on average, %(present)s %% present at "
                "their sessions; book clubs: %(clubs)s, with %(meetings)s meetings held."
            )
            % {
                "klubs": len(klub_ids),
                "size": dutch_number(teachers / klubs, 1),
                "present": _pct(attendance[True], sum(attendance.values())),
                "clubs": clubs["clubs"],
                "meetings": clubs["meetings_held"],
            },
        ),
        (
            "locatie",
            _("location"),
            STRUCTURE,
            _("%(sessions)s klub sessions at school, %(visits)s coaching visits in the classroom.")
            % {"sessions": sessions, "visits": visits},
        ),
        (
            "begeleider",
            _("trainer"),
            STRUCTURE,
            _(
                "%(coaches)s trained coaches for %(coached)s teachers coached (%(ratio)s each); "
                "the coaches met %(community)s times in their learning community and held "
                "%(intervision)s intervision moments."
            )
            % {
                "coaches": coaches,
                "coached": coached,
                "ratio": dutch_number(coached / coaches, 1) if coaches else "–",
                "community": dutch_number(value(collected, "community_sessions") or 0),
                "intervision": dutch_number(value(collected, "intervision_moments") or 0),
            },
        ),
    ]
    return [
        Characteristic(key, str(label), str(kind), text, ratings.get(key))
        for key, label, kind, text in rows
    ]


def mean_rating(profile: list[Characteristic]) -> float | None:
    rated = [c.rating for c in profile if c.rating is not None]
    return round(mean(rated), 2) if rated else None
