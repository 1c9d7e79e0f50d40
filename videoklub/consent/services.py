"""Writes to the consent register: class groups, pupils (by code), consents and withdrawals.

Consent is written, specific, provable and separate per purpose: every consent names one
purpose, who gave it, when, and where the signed form is kept. A withdrawal is a date on the
row, never a deletion, and takes down at once what relied on it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.consent.signals import consent_withdrawn

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import School

CODE_MAX_LENGTH = Pupil._meta.get_field("code").max_length or 20
SERIES_MAX = 100
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def current_school_year(today: date | None = None) -> str:
    """The Flemish school year runs from 1 September; from August on we prepare the next."""
    today = today or timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


# --- Class groups ------------------------------------------------------------------------------


@transaction.atomic
def class_group_create(
    *, school: School, name: str, school_year: str, created_by: User | None
) -> ClassGroup:
    """A class group of the school for one school year, such as 3B in 2025-2026."""
    name = " ".join((name or "").split())
    school_year = (school_year or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the name of the class group, for example 3B.")})
    match = SCHOOL_YEAR.match(school_year)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError(
            {"school_year": _("Write the school year as two years, for example 2025-2026.")}
        )
    if ClassGroup.objects.filter(school=school, school_year=school_year, name=name).exists():
        raise ValidationError(
            {"name": _("This school already has a class group with this name in that year.")}
        )
    class_group = ClassGroup(
        school=school, name=name, school_year=school_year, created_by=created_by
    )
    class_group.full_clean(exclude=["created_by"])  # a user, or None for imports
    class_group.save()
    return class_group


@transaction.atomic
def class_group_archive(*, class_group: ClassGroup, archived: bool = True) -> ClassGroup:
    """Put a class group away at the end of the year (or bring it back); its register stays."""
    if class_group.archived != archived:
        class_group.archived = archived
        class_group.save(update_fields=["archived"])
    return class_group


# --- Pupils ------------------------------------------------------------------------------------


def _clean_codes(codes: list[str]) -> list[str]:
    cleaned: list[str] = []
    seen: set[str] = set()
    for raw in codes:
        code = (raw or "").strip()
        if not code:
            raise ValidationError(_("A pupil code cannot be empty."))
        if len(code) > CODE_MAX_LENGTH:
            raise ValidationError(
                _("The code “%(code)s” is too long: at most %(max)s characters.")
                % {"code": code[:30] + "…", "max": CODE_MAX_LENGTH}
            )
        if code not in seen:
            seen.add(code)
            cleaned.append(code)
    if not cleaned:
        raise ValidationError(_("Enter at least one pupil code."))
    return cleaned


@transaction.atomic
def pupils_add(
    *, class_group: ClassGroup, codes: list[str], may_consent_self: bool = False
) -> list[Pupil]:
    """Add pupils by pseudonymous code (never names). Codes are trimmed and de-duplicated;
    codes already in the class group are left as they are. Returns the pupils added."""
    if class_group.archived:
        raise ValidationError(_("This class group is archived: pupils can no longer be added."))
    cleaned = _clean_codes(codes)
    existing = set(
        Pupil.objects.filter(class_group=class_group, code__in=cleaned).values_list(
            "code", flat=True
        )
    )
    new = [
        Pupil(class_group=class_group, code=code, may_consent_self=may_consent_self)
        for code in cleaned
        if code not in existing
    ]
    for pupil in new:
        pupil.full_clean(validate_unique=False, validate_constraints=False)
    try:
        return Pupil.objects.bulk_create(new)
    except IntegrityError as error:  # someone added the same code at the same moment
        raise ValidationError(_("Some of these codes were just added. Try again.")) from error


@transaction.atomic
def pupils_add_series(
    *, class_group: ClassGroup, prefix: str, count: int, may_consent_self: bool = False
) -> list[Pupil]:
    """Add `count` pupils coded prefix + number (3B-01, 3B-02, …), numbered on after the
    highest number the class group already has with this prefix."""
    prefix = (prefix or "").strip()
    if not 1 <= count <= SERIES_MAX:
        raise ValidationError(
            _("Add between 1 and %(max)s pupils at a time.") % {"max": SERIES_MAX}
        )
    taken = Pupil.objects.filter(class_group=class_group, code__startswith=prefix).values_list(
        "code", flat=True
    )
    numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    start = max(numbers, default=0) + 1
    width = max(2, len(str(start + count - 1)))
    codes = [f"{prefix}{number:0{width}d}" for number in range(start, start + count)]
    return pupils_add(class_group=class_group, codes=codes, may_consent_self=may_consent_self)


@transaction.atomic
def pupil_archive(*, pupil: Pupil, archived: bool = True) -> Pupil:
    """A pupil left the class group: kept in the register, no longer counted."""
    if pupil.archived != archived:
        pupil.archived = archived
        pupil.save(update_fields=["archived"])
    return pupil


# --- Consents ----------------------------------------------------------------------------------


@transaction.atomic
def consent_give(
    *,
    pupil: Pupil,
    purpose: str,
    given_by: str,
    given_on: date,
    evidence: str,
    recorded_by: User | None,
) -> Consent:
    """Record a written consent for one purpose. At most one consent per pupil and purpose
    stands at a time; a new one can follow a withdrawal."""
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choose one of the purposes.")})
    if given_by not in Consent.GivenBy.values:
        raise ValidationError({"given_by": _("Choose who gave the consent.")})
    if given_by == Consent.GivenBy.PUPIL and not pupil.may_consent_self:
        raise ValidationError(
            {
                "given_by": _(
                    "This pupil does not give consent themselves: a parent or guardian gives it."
                )
            }
        )
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date of a consent cannot lie in the future.")})
    evidence = " ".join((evidence or "").split())
    if not evidence:
        raise ValidationError(
            {"evidence": _("Say where the signed form is kept, so the consent can be proven.")}
        )
    if pupil.archived:
        raise ValidationError(_("This pupil has left the class group."))
    # Lock the pupil so two people recording at once cannot both add a standing consent.
    Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
    if Consent.objects.filter(pupil=pupil, purpose=purpose, withdrawn_on__isnull=True).exists():
        raise ValidationError(
            _(
                "%(pupil)s already has consent for %(purpose)s. Withdraw it first to record a "
                "new one."
            )
            % {"pupil": pupil.code, "purpose": Purpose(purpose).label}
        )
    consent = Consent(
        pupil=pupil,
        purpose=purpose,
        given_by=given_by,
        given_on=given_on,
        evidence=evidence,
        recorded_by=recorded_by,
    )
    consent.full_clean(exclude=["recorded_by"], validate_constraints=False)
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: date, recorded_by: User | None) -> Consent:
    """Withdraw a consent from a date on, and take down at once every share of the class
    group's recordings that relied on it (in the same transaction: both happen or neither)."""
    consent = (
        Consent.objects.select_for_update().select_related("pupil__class_group").get(pk=consent.pk)
    )
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError(
            {"withdrawn_on": _("The date of a withdrawal cannot lie in the future.")}
        )
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": _("A consent cannot be withdrawn before the day it was given.")}
        )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_recorded_by = recorded_by
    consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    # The sharing app decides what relied on this consent, and takes it down at once.
    consent_withdrawn.send(
        sender=Consent,
        class_group=consent.pupil.class_group,
        purpose=consent.purpose,
        by=recorded_by,
    )
    return consent
