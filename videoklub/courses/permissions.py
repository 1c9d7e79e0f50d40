"""Who reads, takes and evaluates e-courses.

Reading a course follows the knowledge base's rules (`view_knowledge`; open courses also for
anonymous visitors, `selectors.py`). Taking one (progress, answers, certificate, feedback) needs
an account. Reading all feedback of a course is for those who edit the kennisbank: the same
predicates as `edit_knowledge`, so the two never drift apart.
"""

from __future__ import annotations

import rules

from videoklub.knowledge.permissions import is_platform_knowledge_editor, staffs_a_programme
from videoklub.policy import register

register("take_course", rules.is_authenticated)
register("read_course_feedback", staffs_a_programme | is_platform_knowledge_editor)
