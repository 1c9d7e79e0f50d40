"""Writes for intervision: each checks the policy, validates (in Dutch through gettext) and writes
in one transaction. Sharing a fragment goes through the sharing app, with its consent rules.

The audit log (`videoklub.audit`) is the owners' log of their recordings, fragments and accounts:
the fragment's share and every view of it through the group are recorded there (by sharing and
`selectors.case_fragment_for_viewing`). Rounds and groups are no one's item in that sense, so,
like book clubs and school tracks, their writes keep who and when on their own rows
(`Round.created_by`, `created_at`)."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.intervision.methods import method_by_slug
from videoklub.intervision.models import (
    MAX_GROUP_SIZE,
    MIN_GROUP_SIZE,
    Advice,
    Case,
    Group,
    GroupMember,
    Presence,
    Round,
    Session,
    StepNote,
)
from videoklub.intervision.permissions import forget_groups
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Membership, Role
from videoklub.policy import authorize
from videoklub.sharing.models import Audience
from videoklub.sharing.services import fragment_share

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.community.models import Event
    from videoklub.organisations.models import Programme
    from videoklub.recordings.models import Fragment


# --- Rounds and groups (project staff) --------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    by: User,
    programme: Programme,
    title: str,
    starts_on: date,
    ends_on: date,
    event: Event | None = None,
) -> Round:
    authorize(by, "create_intervision_round", programme)
    if event is not None and (event.programme_id != programme.pk or event.kind != "intervision"):
        raise ValidationError({"event": _("Choose an intervision round of this programme.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot lie before the start date.")})
    round_ = Round(
        programme=programme,
        event=event,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    round_.full_clean()
    round_.save()
    return round_


def coach_schools(programme: Programme) -> dict[int, set[int]]:
    """Each coach of the programme's klubs with the schools of the klubs they coach (one query)."""
    schools: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(role=Role.COACH, klub__programme=programme).values_list(
        "user_id", "klub__school_id"
    )
    for user_id, school_id in rows:
        schools[user_id].add(school_id)
    return dict(schools)


def _check_members(round_: Round, members: list[User], *, group: Group | None = None) -> None:
    ids = [m.pk for m in members]
    if len(set(ids)) != len(ids):
        raise ValidationError({"members": _("Choose each coach once.")})
    if not MIN_GROUP_SIZE <= len(ids) <= MAX_GROUP_SIZE:
        raise ValidationError(
            {
                "members": _("An intervision group has %(min)s to %(max)s coaches.")
                % {"min": MIN_GROUP_SIZE, "max": MAX_GROUP_SIZE}
            }
        )
    schools = coach_schools(round_.programme)
    if any(pk not in schools for pk in ids):
        raise ValidationError({"members": _("Choose coaches of this programme only.")})
    seen: set[int] = set()
    for member in members:
        if schools[member.pk] & seen:
            raise ValidationError(
                {
                    "members": _(
                        "%(name)s works at the same school as another coach in this group: an "
                        "intervision group brings coaches of different schools together."
                    )
                    % {"name": member.full_name}
                }
            )
        seen |= schools[member.pk]
    taken = GroupMember.objects.filter(group__round=round_, user_id__in=ids)
    if group is not None:
        taken = taken.exclude(group=group)
    names = sorted(taken.values_list("user__full_name", flat=True))
    if names:
        raise ValidationError(
            {
                "members": _("Already in another group of this round: %(names)s.")
                % {"names": ", ".join(names)}
            }
        )


@transaction.atomic
def group_create(*, by: User, round_: Round, name: str, members: list[User]) -> Group:
    """A group of 3–6 coaches of the programme, no two of the same school."""
    authorize(by, "manage_intervision_round", round_)
    name = name.strip() or str(_("Group %(number)s") % {"number": round_.groups.count() + 1})
    _check_members(round_, members)
    group = Group.objects.create(round=round_, name=name)
    GroupMember.objects.bulk_create(GroupMember(group=group, user=m) for m in members)
    for member in members:
        forget_groups(member)
    return group


def groups_propose(round_: Round) -> list[list[int]]:
    """A proposal of groups for the round's coaches not yet in a group: as few groups of at most
    six as possible, each coach dealt round-robin ordered by school so schools spread. A coach
    who cannot be placed without meeting a colleague of their school is left out."""
    schools = coach_schools(round_.programme)
    placed = set(GroupMember.objects.filter(group__round=round_).values_list("user_id", flat=True))
    free = sorted((pk for pk in schools if pk not in placed), key=lambda pk: (min(schools[pk]), pk))
    if len(free) < MIN_GROUP_SIZE:
        return []
    count = max(1, math.ceil(len(free) / MAX_GROUP_SIZE))
    while count > 1 and len(free) // count < MIN_GROUP_SIZE:
        count -= 1
    groups: list[list[int]] = [[] for _ in range(count)]
    seen: list[set[int]] = [set() for _ in range(count)]
    for index, pk in enumerate(free):
        order = [(index + k) % count for k in range(count)]
        for g in order:
            if len(groups[g]) < MAX_GROUP_SIZE and not (schools[pk] & seen[g]):
                groups[g].append(pk)
                seen[g] |= schools[pk]
                break
    return [g for g in groups if len(g) >= MIN_GROUP_SIZE]


# --- Cases (coaches) ------------------------------------------------------------------------


@transaction.atomic
def case_submit(
    *,
    by: User,
    group: Group,
    title: str,
    question: str,
    context: str = "",
    fragment: Fragment | None = None,
    anonymised: bool = False,
) -> Case:
    """Bring a case to the group. A fragment must be of a recording the coach owns; it is shared
    with the group until the round ends, and only when the pupils' consent allows reuse in
    training (or as its approved anonymised copy): otherwise the case is refused, with why."""
    authorize(by, "submit_intervision_case", group)
    case = Case(
        group=group,
        owner=by,
        title=title.strip(),
        question=question.strip(),
        context=context.strip(),
    )
    case.full_clean(exclude=["fragment", "share"])
    if fragment is not None:
        if fragment.recording.owner_id != by.pk:
            raise ValidationError({"fragment": _("Choose a fragment of a recording you made.")})
        try:
            share = fragment_share(
                fragment=fragment,
                by=by,
                audience=Audience.INTERVISION,
                expires_at=group.round.ends_at,
                anonymised=anonymised,
                audience_group=group.pk,
            )
        except ValidationError as error:
            raise ValidationError({"fragment": error.messages}) from error
        case.fragment = fragment
        case.share = share
    case.save()
    members = GroupMember.objects.filter(group=group).values_list("user_id", flat=True)
    notify(
        recipients=members,
        kind=Kind.INTERVISION_CASE,
        actor=by,
        url=reverse("intervision:case", args=[case.pk]),
        context={"klub": group.name},
    )
    return case


# --- Session mode (the group) ----------------------------------------------------------------


@transaction.atomic
def session_start(*, by: User, case: Case, method: str, present: list[User]) -> Session:
    """Choose the method (again) and who is present; the session counts as held that day."""
    authorize(by, "run_intervision_session", case)
    if method_by_slug(method) is None:
        raise ValidationError({"method": _("Choose a method from the library.")})
    member_ids = set(GroupMember.objects.filter(group=case.group).values_list("user_id", flat=True))
    if any(p.pk not in member_ids for p in present):
        raise ValidationError({"present": _("Only members of the group can be present.")})
    session, _created = Session.objects.update_or_create(
        case=case,
        defaults={"method": method},
        create_defaults={"method": method, "started_by": by, "held_on": timezone.localdate()},
    )
    Presence.objects.filter(session=session).exclude(user__in=present).delete()
    Presence.objects.bulk_create(
        [Presence(session=session, user=p) for p in present], ignore_conflicts=True
    )
    return session


def _session(case: Case) -> Session:
    session = Session.objects.filter(case=case).first()
    if session is None:
        raise ValidationError(_("Choose a method and start the session first."))
    return session


@transaction.atomic
def step_note_add(*, by: User, case: Case, step: int, body: str) -> StepNote:
    authorize(by, "run_intervision_session", case)
    session = _session(case)
    method = method_by_slug(session.method)
    if method is None or not 1 <= step <= len(method.steps):
        raise ValidationError({"step": _("This step is not part of the method.")})
    if not body.strip():
        raise ValidationError({"body": _("Write the note first.")})
    return StepNote.objects.create(session=session, step=step, body=body.strip(), author=by)


@transaction.atomic
def session_finish(*, by: User, case: Case) -> Session:
    authorize(by, "run_intervision_session", case)
    session = _session(case)
    if session.finished_at is None:
        session.finished_at = timezone.now()
        session.save(update_fields=["finished_at"])
    return session


@transaction.atomic
def advice_add(*, by: User, case: Case, member: User, body: str) -> Advice:
    """Advice given by a member of the group (not the case owner), typed by anyone there."""
    authorize(by, "run_intervision_session", case)
    if (
        member.pk == case.owner_id
        or not GroupMember.objects.filter(group=case.group, user=member).exists()
    ):
        raise ValidationError({"member": _("Advice comes from another member of the group.")})
    if not body.strip():
        raise ValidationError({"body": _("Write the advice first.")})
    return Advice.objects.create(case=case, member=member, body=body.strip())


@transaction.atomic
def advice_mark(*, by: User, advice: Advice, will_try: bool) -> Advice:
    """The case owner marks what they will try."""
    authorize(by, "mark_intervision_advice", advice.case)
    advice.will_try = will_try
    advice.save(update_fields=["will_try"])
    return advice
