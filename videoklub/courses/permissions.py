"""Who reads, takes and evaluates e-courses.

Reading a course follows the knowledge base's rules (`view_knowledge`; open courses also for
anonymous visitors, `selectors.py`). Taking one (progress, answers, certificate, feedback) needs
an account. Reading all feedback of a course is for those who edit the kennisbank: the same
predicates as `edit_knowledge`, so the two never drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.knowledge.permissions import is_platform_knowledge_editor, staffs_a_programme
from videoklub.organisations.models import Klub, Programme
from videoklub.organisations.permissions import (
    in_programme_klub,
    is_klub_coach,
    is_klub_member,
    school_ids_led,
    staffs_programme,
)
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def leads_school_in_programme(user: AnyUser, programme: Programme) -> bool:
    """A school leader of a school with a klub in the programme: they prepare sessions too."""
    led = school_ids_led(user)
    return bool(led) and Klub.objects.filter(programme=programme, school_id__in=led).exists()


register("take_course", rules.is_authenticated)
register("read_course_feedback", staffs_a_programme | is_platform_knowledge_editor)
register("join_course_team", is_klub_member, writes=True)
register("view_course_team", is_klub_coach | is_klub_member)
# A programme's coaching kit (with the kijkwijzers the programme made): for its project staff,
# the coaches and teachers of its klubs and the leaders of its schools. The general kit is
# public (`kit_views.py`).
register("view_programme_kit", staffs_programme | in_programme_klub | leads_school_in_programme)
