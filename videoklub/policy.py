"""Who may do what: the one place that answers "may this user do this action on this object".

The ground floor of the layers: it knows no feature app. Each app registers the rules of its
own actions in its `permissions.py` (loaded by the app's `ready()`), with predicates from
django-rules combined with `&` and `|`; an action is registered once, and asking for one that
nobody registered is an error, never an answer.

Every view asks `can()` / `authorize()` (or a selector that does). The rules deliberately
bypass Django's `has_perm`, which grants superusers everything: an administrator runs the
platform but must not see a teacher's classroom through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

policy = rules.RuleSet()


# Actions that change something. An object can be frozen (an archived programme's klub,
# recording, cycle …): then every write on it is refused, whatever the rule says. Which objects
# are frozen is answered by checks that apps above register (`register_freeze_check`), since
# this floor knows no feature app.
_writes: set[str] = set()
ARCHIVED = _("This programme is archived: everything in it stays readable, nothing can be changed.")
_freeze_checks: list[Callable[[Any], bool]] = []


def register(action: str, predicate: Any, *, writes: bool = False) -> None:
    """Define `action` (once: a second definition of the same action is refused). `writes`:
    the action changes the object, so a frozen object refuses it."""
    policy.add_rule(action, predicate)
    if writes:
        _writes.add(action)


def register_freeze_check(check: Callable[[Any], bool]) -> None:
    if check not in _freeze_checks:
        _freeze_checks.append(check)


def is_write(action: str) -> bool:
    return action in _writes


def frozen(obj: Any) -> bool:
    """Is `obj` read-only (see `register_freeze_check`)?"""
    return obj is not None and any(check(obj) for check in _freeze_checks)


def can(user: AnyUser, action: str, obj: Any = None) -> bool:
    """May `user` do `action` on `obj`? Unknown actions are refused, never allowed."""
    if not policy.rule_exists(action):
        raise KeyError(f"Unknown policy action {action!r}")
    if not user.is_authenticated or not user.is_active:
        return False
    return policy.test_rule(action, user, obj)


def authorize(user: AnyUser, action: str, obj: Any, *, hide_as: str | None = None) -> None:
    """Raise PermissionDenied unless `can(user, action, obj)`.

    `hide_as` names a weaker action: a user who may not even do that one gets a 404, so that
    the existence of another school's objects is not revealed.
    """
    if can(user, action, obj):
        # Checked here, where a write is about to happen, and not in `can()`: pages ask `can()`
        # for every row they show, and finding an object's programme may cost a query.
        if action in _writes and frozen(obj):
            raise PermissionDenied(str(ARCHIVED))
        return
    if hide_as is not None and not can(user, hide_as, obj):
        raise Http404
    raise PermissionDenied
