"""Erasing an account: everything of the person goes, what they gave to others stays nameless.

What happens to each reference to a user is decided per foreign key by the app that owns it,
in its `personal_data.py` (deleted with the person: their recordings, uploads, cycles,
reflections, memberships, the log of their items, ...; kept without the name: what they gave
to others, such as an annotation on a colleague's fragment, which shows "former user").
`privacy/tests/test_erasure.py::test_every_foreign_key_to_the_user_has_a_decision` fails on a
foreign key no app has decided about.
"""

from __future__ import annotations

from django.db import transaction

from videoklub.accounts.models import User
from videoklub.core.personal_data import contributors
from videoklub.recordings import storage


def account_erase(*, user: User) -> None:
    """Delete the person's account and everything of theirs, files included.

    Each app's part runs as it declared it (core.personal_data): first the steps with their own
    transactions (recordings, one by one with their files), then in one transaction the rest
    and the account itself (what is left cascades or loses the name), then the remaining files.
    Safe to run again after a failure halfway: what is gone stays gone and the rest is found
    again.
    """
    for contributor in contributors():
        if contributor.erase_first is not None:
            contributor.erase_first(user)
    prefixes: list[str] = []
    with transaction.atomic():
        for contributor in contributors():
            if contributor.erase is not None:
                prefixes.extend(contributor.erase(user))
        user.delete()
    for prefix in prefixes:
        storage.delete_prefix(prefix)
