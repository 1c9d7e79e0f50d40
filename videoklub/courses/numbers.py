"""E-course numbers for monitoring: per programme, how many of its teachers enrolled in and
completed each course, per school and wave (issue 13's reports read these).

A teacher counts for every klub of the programme they teach in (a teacher in klubs of two schools
counts for both schools, once per school); coaches, leaders and staff taking a course do not
count: the funder asks about teachers reached. Counts only, never names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from videoklub.courses.models import Enrolment
from videoklub.organisations.models import Membership, Role
from videoklub.policy import authorize

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class CourseNumbers:
    course: str  # the course's title
    school: str
    wave: int | None  # the klub's wave number, None for a klub in no wave
    enrolled: int  # teachers who started it (answered a step, or chose to take it with a klub)
    completed: int  # of whom completed the course


def course_numbers_for_programme(user: AnyUser, programme: Programme) -> list[CourseNumbers]:
    """Enrolments and completions of the programme's teachers, per course, school and wave,
    sorted by course, school and wave. Two queries, whatever the size of the programme."""
    authorize(user, "view_programme", programme)
    places: dict[int, set[tuple[str, int | None]]] = defaultdict(set)
    for teacher_id, school_name, wave_number in Membership.objects.filter(
        role=Role.TEACHER, klub__programme=programme
    ).values_list("user_id", "klub__school__name", "klub__wave__number"):
        places[teacher_id].add((school_name, wave_number))
    counts: dict[tuple[str, str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for user_id, course, completed_at in Enrolment.objects.filter(
        user_id__in=list(places)
    ).values_list("user_id", "course__title", "completed_at"):
        for school, wave in places[user_id]:
            row = counts[(course, school, wave)]
            row[0] += 1
            row[1] += completed_at is not None
    return [
        CourseNumbers(course, school, wave, enrolled, completed)
        for (course, school, wave), (enrolled, completed) in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0)
        )
    ]
