"""Who reads a programme's figures and who sets its targets.

The programme's report and its targets are for the programme's project staff. A school's report
(`SchoolInProgramme`) is also for the leaders of that school: it holds counts only, never a
teacher's name or content, so a leader learns nothing about a colleague they could not ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import rules

from videoklub.organisations.permissions import school_ids_led, staffs_programme
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme, School
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class SchoolInProgramme:
    programme: Programme
    school: School


@rules.predicate
def staffs_the_programme(user: AnyUser, place: SchoolInProgramme) -> bool:
    return bool(staffs_programme(user, place.programme))


@rules.predicate
def leads_the_school(user: AnyUser, place: SchoolInProgramme) -> bool:
    return place.school.pk in school_ids_led(user)


register("view_monitoring", staffs_programme)
register("manage_monitoring", staffs_programme, writes=True)
register("view_school_report", staffs_the_programme | leads_the_school)
