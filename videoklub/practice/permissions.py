"""Who offers, reviews and withdraws practice examples. Who reads them is the kennisbank's
`view_knowledge` rule, narrowed at read time by consent (`selectors.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.knowledge.permissions import is_platform_knowledge_editor, staffs_a_programme
from videoklub.policy import register
from videoklub.recordings.permissions import owns_fragment_recording

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def offered_it(user: AnyUser, example: Any) -> bool:
    return example is not None and example.offered_by_id == user.pk


# The same people who edit the kennisbank decide what enters it.
may_review = staffs_a_programme | is_platform_knowledge_editor

# Only the teacher who filmed the fragment can release it (on a Fragment).
register("offer_practice_example", owns_fragment_recording, writes=True)
register("review_practice_examples", may_review)
# The offering teacher at any time, and a reviewer who finds a reason to take it down.
register("withdraw_practice_example", offered_it | may_review)
