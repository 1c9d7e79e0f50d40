"""Who reads and who edits the knowledge base.

Reading: every signed-in person reads every published item; an item marked open is also
public (the views let anonymous visitors read those, `selectors.py`). Editing: project staff
of a programme and the platform's knowledge editors. Wagtail's editor is opened to exactly these
people (`editors.py` keeps its group in step with this rule), never by Wagtail's groups alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.knowledge.models import KnowledgeEditor
from videoklub.organisations.permissions import programme_ids_staffed
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser

_CACHE_ATTRIBUTE = "_videoklub_knowledge_editor"


@rules.predicate
def is_platform_knowledge_editor(user: AnyUser, _obj: object = None) -> bool:
    if not user.is_authenticated:
        return False
    cached = user.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is None:
        cached = KnowledgeEditor.objects.filter(user_id=user.pk).exists()
        user.__dict__[_CACHE_ATTRIBUTE] = cached
    return bool(cached)


@rules.predicate
def staffs_a_programme(user: AnyUser, _obj: object = None) -> bool:
    return bool(programme_ids_staffed(user))


# policy.can() already refuses anonymous and inactive users; django-rules' own predicate says
# what the rule means.
register("view_knowledge", rules.is_authenticated)
register("edit_knowledge", staffs_a_programme | is_platform_knowledge_editor)
