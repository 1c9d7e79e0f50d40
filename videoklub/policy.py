"""Who may do what: the one place that answers "may this user do this action on this object".

Every view asks `can()` / `authorize()` (or a selector that does). The rules are predicates
from django-rules combined with `&` and `|`. They deliberately bypass Django's `has_perm`, which
grants superusers everything: an administrator runs the platform but must not see a teacher's
classroom through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from videoklub.organisations.models import Klub, Membership, Programme, Role, School

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

_CACHE_ATTRIBUTE = "_videoklub_memberships"


def memberships(user: AnyUser) -> list[Membership]:
    """The user's memberships, read once per user object (one query per request)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = user.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk).select_related(
                "klub__school", "klub__programme", "school", "programme"
            )
        )
        user.__dict__[_CACHE_ATTRIBUTE] = cached
    return cached


def forget_memberships(user: AnyUser) -> None:
    """Drop the cached memberships after they changed (an accepted invitation)."""
    user.__dict__.pop(_CACHE_ATTRIBUTE, None)


def klub_ids(user: AnyUser, *roles: Role) -> set[int]:
    return {m.klub_id for m in memberships(user) if m.klub_id is not None and m.role in roles}


def school_ids_led(user: AnyUser) -> set[int]:
    return {
        m.school_id
        for m in memberships(user)
        if m.school_id is not None and m.role == Role.SCHOOL_LEADER
    }


def programme_ids_staffed(user: AnyUser) -> set[int]:
    return {
        m.programme_id
        for m in memberships(user)
        if m.programme_id is not None and m.role == Role.PROJECT_STAFF
    }


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def is_klub_member(user: AnyUser, klub: Klub) -> bool:
    return klub.pk in klub_ids(user, Role.TEACHER, Role.COACH)


@rules.predicate
def is_klub_coach(user: AnyUser, klub: Klub) -> bool:
    return klub.pk in klub_ids(user, Role.COACH)


@rules.predicate
def leads_klub_school(user: AnyUser, klub: Klub) -> bool:
    return klub.school_id in school_ids_led(user)


@rules.predicate
def staffs_klub_programme(user: AnyUser, klub: Klub) -> bool:
    return klub.programme_id in programme_ids_staffed(user)


@rules.predicate
def leads_school(user: AnyUser, school: School) -> bool:
    return school.pk in school_ids_led(user)


@rules.predicate
def has_klub_at_school(user: AnyUser, school: School) -> bool:
    return any(
        m.klub.school_id == school.pk
        for m in memberships(user)
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
    )


@rules.predicate
def staffs_programme_with_school(user: AnyUser, school: School) -> bool:
    staffed = programme_ids_staffed(user)
    return bool(staffed) and school.klubs.filter(programme_id__in=staffed).exists()


@rules.predicate
def staffs_programme(user: AnyUser, programme: Programme) -> bool:
    return programme.pk in programme_ids_staffed(user)


@rules.predicate
def in_programme_klub(user: AnyUser, programme: Programme) -> bool:
    return any(m.klub.programme_id == programme.pk for m in memberships(user) if m.klub is not None)


@rules.predicate
def is_recording_owner(user: AnyUser, recording) -> bool:
    return recording.owner_id == user.pk


@rules.predicate
def is_upload_owner(user: AnyUser, upload) -> bool:
    return upload.owner_id == user.pk


@rules.predicate
def films_in_a_klub(user: AnyUser, _obj: Any = None) -> bool:
    return bool(klub_ids(user, Role.TEACHER, Role.COACH))


def in_audience(user: AnyUser, share) -> bool:
    """Does an (active) share's audience include the user?"""
    from videoklub.sharing.models import Audience

    klub = share.klub
    if share.audience == Audience.COACH:
        return klub.pk in klub_ids(user, Role.COACH)
    if share.audience == Audience.KLUB:
        return klub.pk in klub_ids(user, Role.TEACHER, Role.COACH)
    if share.audience == Audience.SCHOOL:
        return klub.school_id in school_ids_led(user) or any(
            m.klub.school_id == klub.school_id
            for m in memberships(user)
            if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
        )
    if share.audience in (Audience.PROGRAMME, Audience.FESTIVAL):
        return klub.programme_id in programme_ids_staffed(user) or any(
            m.klub.programme_id == klub.programme_id
            for m in memberships(user)
            if m.klub is not None
        )
    return False


def _shares(item, *, active: bool) -> list:
    """The shares of a recording or fragment, read once per object (active or all)."""
    key = "_active_shares" if active else "_all_shares"
    cached = item.__dict__.get(key)
    if cached is None:
        from videoklub.recordings.models import Fragment
        from videoklub.sharing.models import Share

        shares = Share.objects.active() if active else Share.objects.all()
        field = "fragment" if isinstance(item, Fragment) else "recording"
        cached = list(shares.filter(**{field: item}).select_related("klub"))
        item.__dict__[key] = cached
    return cached


def active_shares(item) -> list:
    return _shares(item, active=True)


def access_to_fragment(user: AnyUser, fragment) -> str | None:
    """How the user may watch a fragment: "full", "anonymised" (only through shares of its
    anonymised copy) or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    recording = fragment.recording
    if recording.owner_id == user.pk:
        return "full"
    if any(in_audience(user, share) for share in active_shares(recording)):
        return "full"
    reaching = [share for share in active_shares(fragment) if in_audience(user, share)]
    if any(not share.anonymised for share in reaching):
        return "full"
    return "anonymised" if reaching else None


def lost_access(user: AnyUser, item) -> bool:
    """Was the item shared with the user once (a revoked or expired share)? Then refusing says
    so (403) instead of pretending it does not exist (404)."""
    if not user.is_authenticated:
        return False
    return any(in_audience(user, share) for share in _shares(item, active=False))


@rules.predicate
def owns_fragment_recording(user: AnyUser, fragment) -> bool:
    return fragment.recording.owner_id == user.pk


@rules.predicate
def fragment_shared_with(user: AnyUser, fragment) -> bool:
    return access_to_fragment(user, fragment) is not None


@rules.predicate
def recording_shared_with(user: AnyUser, recording) -> bool:
    return any(in_audience(user, share) for share in active_shares(recording))


@rules.predicate
def is_cycle_teacher(user: AnyUser, cycle) -> bool:
    return cycle.teacher_id == user.pk


@rules.predicate
def coaches_cycle_klub(user: AnyUser, cycle) -> bool:
    return cycle.klub_id in klub_ids(user, Role.COACH)


@rules.predicate
def is_author(user: AnyUser, obj) -> bool:
    return obj.author_id is not None and obj.author_id == user.pk


@rules.predicate
def may_use_framework(user: AnyUser, framework) -> bool:
    if framework.klub_id is not None:
        return framework.klub_id in klub_ids(user, Role.TEACHER, Role.COACH)
    if framework.school_id is not None:
        return framework.school_id in school_ids_led(user) or any(
            m.klub.school_id == framework.school_id for m in memberships(user) if m.klub is not None
        )
    if framework.programme_id is not None:
        return framework.programme_id in programme_ids_staffed(user) or any(
            m.klub.programme_id == framework.programme_id
            for m in memberships(user)
            if m.klub is not None
        )
    return bool(memberships(user))  # shipped kijkwijzers: everyone with a role


@rules.predicate
def may_edit_framework(user: AnyUser, framework) -> bool:
    if framework.klub_id is not None:
        return framework.klub_id in klub_ids(user, Role.COACH)
    if framework.school_id is not None:
        return framework.school_id in school_ids_led(user)
    if framework.programme_id is not None:
        return framework.programme_id in programme_ids_staffed(user)
    return False  # shipped kijkwijzers are copied, not edited


# --- Actions ----------------------------------------------------------------------------------

policy = rules.RuleSet()
policy.add_rule("view_klub", is_klub_member | leads_klub_school | staffs_klub_programme)
policy.add_rule("invite_to_klub", is_klub_coach | staffs_klub_programme)
policy.add_rule("view_school", leads_school | has_klub_at_school | staffs_programme_with_school)
policy.add_rule("view_programme", staffs_programme)
policy.add_rule("invite_to_programme", staffs_programme)
# The programme's retention period and the report of what it deleted.
policy.add_rule("manage_retention", staffs_programme)
# Recordings are private to their owner; a share of the whole recording widens viewing only.
policy.add_rule("add_recording", films_in_a_klub)
policy.add_rule("view_recording", is_recording_owner | recording_shared_with)
policy.add_rule("change_recording", is_recording_owner)
policy.add_rule("write_upload", is_upload_owner)
# Fragments: the owner's, and seen by the audience of an active share.
policy.add_rule("view_fragment", owns_fragment_recording | fragment_shared_with)
policy.add_rule("annotate_fragment", owns_fragment_recording | fragment_shared_with)
policy.add_rule("share_fragment", owns_fragment_recording)
policy.add_rule("view_klub_shares", is_klub_member)
policy.add_rule("view_festival", staffs_programme | in_programme_klub)
# The consent register of a school: kept by its school leaders and the teachers and coaches of
# its klubs (who film there); nobody else reads it.
policy.add_rule("manage_consent", leads_school | has_klub_at_school)
# Cycles: the teacher's; the klub's coach follows the question and the phase (never the
# videos: those only through shares).
policy.add_rule("add_cycle", films_in_a_klub)
policy.add_rule("view_cycle", is_cycle_teacher | coaches_cycle_klub)
policy.add_rule("change_cycle", is_cycle_teacher)
policy.add_rule("comment_on_cycle", is_cycle_teacher | coaches_cycle_klub)
policy.add_rule("change_annotation", is_author)
# Klub work of the coach: the board, sessions, the coaching log.
policy.add_rule("view_klub_board", is_klub_coach)
policy.add_rule("view_meetings", is_klub_member)
policy.add_rule("manage_meetings", is_klub_coach)
policy.add_rule("keep_coaching_log", is_klub_coach)
# Kijkwijzers: shipped ones for everyone with a role; own ones within their klub/school.
policy.add_rule("use_framework", may_use_framework)
policy.add_rule("change_framework", may_edit_framework)
policy.add_rule("add_klub_framework", is_klub_coach)
policy.add_rule("add_school_framework", leads_school)


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
        return
    if hide_as is not None and not can(user, hide_as, obj):
        raise Http404
    raise PermissionDenied
