"""Reads of the consent register, for a user and checked by the policy, and the check that
sharing relies on: does the consent of a recording's class group cover a purpose?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.organisations.models import Role, School
from videoklub.organisations.permissions import memberships, school_ids_led

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import Klub
    from videoklub.recordings.models import Recording


def consent_school_ids(user: User) -> set[int]:
    """The schools whose register the user keeps (the manage_consent rule, as ids)."""
    return school_ids_led(user) | {
        m.klub.school_id
        for m in memberships(user)
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
    }


def school_get_for_consent(user: User, pk: int) -> School:
    school = get_object_or_404(School, pk=pk)
    # Nobody else learns the register exists: 404, also for those who may see the school.
    policy.authorize(user, "manage_consent", school, hide_as="manage_consent")
    return school


def class_groups_for_user(user: User, *, include_archived: bool = False) -> QuerySet[ClassGroup]:
    """The class groups of the schools the user may manage consent for."""
    groups = ClassGroup.objects.filter(school_id__in=consent_school_ids(user)).select_related(
        "school"
    )
    if not include_archived:
        groups = groups.filter(archived=False)
    return groups.order_by("school__name", "-school_year", "name")


def class_groups_of_school(school: School) -> QuerySet[ClassGroup]:
    return school.class_groups.order_by("archived", "-school_year", "name")


def class_groups_for_filming(user: User, klubs: list[Klub]) -> list[ClassGroup]:
    """The current class groups a teacher can pick before filming: those of the schools of
    the klubs they film in (and may manage consent for)."""
    schools = {klub.school_id for klub in klubs} & consent_school_ids(user)
    return list(
        ClassGroup.objects.filter(school_id__in=schools, archived=False)
        .select_related("school")
        .order_by("school__name", "-school_year", "name")
    )


def class_group_get_for_user(user: User, pk: int) -> ClassGroup:
    class_group = get_object_or_404(ClassGroup.objects.select_related("school"), pk=pk)
    policy.authorize(user, "manage_consent", class_group.school, hide_as="manage_consent")
    return class_group


def pupil_get_for_user(user: User, pk: int) -> Pupil:
    pupil = get_object_or_404(Pupil.objects.select_related("class_group__school"), pk=pk)
    policy.authorize(user, "manage_consent", pupil.class_group.school, hide_as="manage_consent")
    return pupil


def consent_get_for_user(user: User, pk: int) -> Consent:
    consent = get_object_or_404(
        Consent.objects.select_related("pupil__class_group__school", "recorded_by"), pk=pk
    )
    school = consent.pupil.class_group.school
    policy.authorize(user, "manage_consent", school, hide_as="manage_consent")
    return consent


# --- The grid ----------------------------------------------------------------------------------


@dataclass
class Cell:
    purpose: str
    label: str
    standing: Consent | None  # the consent that holds now
    withdrawn: Consent | None  # else the most recently withdrawn one, if any


@dataclass
class Row:
    pupil: Pupil
    cells: list[Cell]


def pupils_of(class_group: ClassGroup) -> QuerySet[Pupil]:
    return class_group.pupils.filter(archived=False).order_by("code")


def pupils_who_left(class_group: ClassGroup) -> list[Pupil]:
    return list(class_group.pupils.filter(archived=True).order_by("code"))


def consent_grid(class_group: ClassGroup, *, include_archived: bool = False) -> list[Row]:
    """Per pupil, per purpose: the standing consent, else the last withdrawn one. Two queries,
    whatever the size of the class."""
    pupils = class_group.pupils.all() if include_archived else pupils_of(class_group)
    pupils = pupils.order_by("archived", "code").prefetch_related(
        Prefetch(
            "consents",
            queryset=Consent.objects.select_related("recorded_by").order_by(
                "-given_on", "-recorded_at"
            ),
        )
    )
    rows = []
    for pupil in pupils:
        cells = []
        for purpose in Purpose:
            consents = [c for c in pupil.consents.all() if c.purpose == purpose]
            standing = next((c for c in consents if c.withdrawn_on is None), None)
            # Newest first, and only one stands at a time: the first withdrawn is the last.
            withdrawn = None
            if standing is None:
                withdrawn = next((c for c in consents if c.withdrawn_on is not None), None)
            cells.append(Cell(purpose.value, str(purpose.label), standing, withdrawn))
        rows.append(Row(pupil, cells))
    return rows


def _standing(purpose: str):
    return Consent.objects.filter(pupil=OuterRef("pk"), purpose=purpose, withdrawn_on__isnull=True)


def pupils_without_consent(class_group: ClassGroup, purpose: str) -> list[Pupil]:
    """The current pupils of the class group without a standing consent for the purpose."""
    return list(pupils_of(class_group).filter(~Exists(_standing(purpose))))


def missing_per_purpose(class_group: ClassGroup) -> list[tuple[str, str, list[Pupil]]]:
    """For the printed summary: per purpose (value, label) who may not be filmed or shown."""
    rows = consent_grid(class_group)
    return [
        (
            purpose.value,
            str(purpose.label),
            [row.pupil for row in rows if row.cells[index].standing is None],
        )
        for index, purpose in enumerate(Purpose)
    ]


# --- What sharing relies on --------------------------------------------------------------------


def consent_gap(recording: Recording, purpose: str) -> list[Pupil]:
    """The pupils of the recording's class group without a standing consent for `purpose`.
    A recording without a class group has no known gap (and is never covered: see below)."""
    if recording.class_group_id is None:
        return []
    return list(
        Pupil.objects.filter(class_group_id=recording.class_group_id, archived=False)
        .filter(~Exists(_standing(purpose)))
        .order_by("code")
    )


def consent_covers(recording: Recording, purpose: str) -> bool:
    """May the recording be used for `purpose`? Only when it names its class group and every
    current pupil of it has a standing consent for that purpose (a class group without pupils
    is covered). Without a class group nobody can tell who is in it: not covered."""
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown consent purpose {purpose!r}")
    if recording.class_group_id is None:
        return False
    return not (
        Pupil.objects.filter(class_group_id=recording.class_group_id, archived=False)
        .filter(~Exists(_standing(purpose)))
        .exists()
    )


def consent_covers_q(class_group_path: str, purpose: str) -> Q:
    """`consent_covers` as a filter on the rows of another model, for lists that must decide
    for many items in one query: `class_group_path` leads from those rows to a class group
    ("fragment__recording__class_group"). The same rule: a class group is named and none of
    its current pupils lacks a standing consent for `purpose`."""
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown consent purpose {purpose!r}")
    gap = Pupil.objects.filter(class_group_id=OuterRef(class_group_path), archived=False).filter(
        ~Exists(_standing(purpose))
    )
    return Q(**{f"{class_group_path}__isnull": False}) & Q(~Exists(gap))
