"""Writing surveys: instruments and their versions, administrations, invitations, responses.

Each service checks the permission itself (`policy.authorize`), so a view, a command and a test
cannot skip it. There is no audit entry here: the audit log is kept per person's item (their
recordings, their account) for that person to read, and a log of who answered when would undo
the anonymity of the answers.
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Membership, Role
from videoklub.policy import authorize
from videoklub.surveys import files
from videoklub.surveys.models import (
    Administration,
    Instrument,
    InstrumentVersion,
    Invitation,
    Response,
)

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import Programme, Wave

CONTENT_DIR = Path(__file__).parent / "content"
_PSEUDONYM_SALT = "videoklub.surveys.pseudonym"


def pseudonym(programme_id: int, person_id: int | str) -> str:
    """HMAC-SHA256 of (programme, person) under a key derived from SECRET_KEY, in hex.

    The same person in the same programme always gets the same pseudonym (so pre and post pair
    up); another programme gives another one, and without SECRET_KEY it cannot be traced back.
    """
    return salted_hmac(
        _PSEUDONYM_SALT, f"{programme_id}:{person_id}", algorithm="sha256"
    ).hexdigest()


# --- Instruments ----------------------------------------------------------------------------


def _version_fields(content: dict[str, Any]) -> dict[str, Any]:
    return {
        name: content[name]
        for name in (
            "title",
            "description",
            "source_note",
            "sources",
            "scale",
            "subscales",
            "items",
        )
    }


def _same_content(version: InstrumentVersion, content: dict[str, Any]) -> bool:
    return all(getattr(version, name) == value for name, value in _version_fields(content).items())


@transaction.atomic
def instrument_load(
    *, content: dict[str, Any], programme: Programme | None, by: User | None = None
) -> InstrumentVersion:
    """Store checked content (`files.validate`) as a published version of the instrument with
    its key, shipped (no programme) or the programme's. Idempotent: when the latest version
    already says exactly this, it is returned and nothing is written; otherwise a new version
    is published (administrations keep the version they were made with)."""
    if programme is not None and by is not None:
        authorize(by, "manage_surveys", programme, hide_as="view_programme")
    instrument, _created = Instrument.objects.select_for_update().get_or_create(
        key=content["key"], programme=programme, defaults={"created_by": by}
    )
    latest = instrument.versions.order_by("-number").first()
    if latest is not None and latest.is_published and _same_content(latest, content):
        return latest
    if latest is not None and not latest.is_published:
        # A loaded file replaces an unpublished draft rather than stacking another version.
        for name, value in _version_fields(content).items():
            setattr(latest, name, value)
        latest.status, latest.published_at = InstrumentVersion.Status.PUBLISHED, timezone.now()
        latest.save()
        return latest
    return InstrumentVersion.objects.create(
        instrument=instrument,
        number=(latest.number + 1) if latest else 1,
        status=InstrumentVersion.Status.PUBLISHED,
        published_at=timezone.now(),
        **_version_fields(content),
    )


def instruments_load_shipped() -> list[InstrumentVersion]:
    """Load every instrument in `content/` (the command and the demo call this)."""
    return [
        instrument_load(content=files.load_text(path.read_text("utf-8"), path.name), programme=None)
        for path in sorted(CONTENT_DIR.glob("*.toml"))
    ]


def instrument_upload(
    *, programme: Programme, by: User, text: str, filename: str
) -> InstrumentVersion:
    """A programme's own instrument from a file; raises InstrumentFileError, creating nothing."""
    authorize(by, "manage_surveys", programme, hide_as="view_programme")
    return instrument_load(content=files.load_text(text, filename), programme=programme, by=by)


@transaction.atomic
def instrument_save_draft(
    *, programme: Programme, by: User, instrument: Instrument | None, content: dict[str, Any]
) -> InstrumentVersion:
    """Save the builder's content as the draft version of a programme's instrument.

    A new instrument starts at version 1; a published latest version is never changed: the
    edit becomes the next version, a draft until it is published.
    """
    authorize(by, "manage_surveys", programme, hide_as="view_programme")
    try:
        content = files.validate(content)
    except files.InstrumentFileError as error:
        raise ValidationError(error.messages) from error
    if instrument is None:
        if Instrument.objects.filter(programme=programme, key=content["key"]).exists():
            raise ValidationError(
                {"title": _("This programme already has an instrument with this title.")}
            )
        instrument = Instrument.objects.create(
            key=content["key"], programme=programme, created_by=by
        )
    elif instrument.programme_id != programme.pk:
        raise ValidationError(_("Shipped instruments cannot be edited; load a file instead."))
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    latest = instrument.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        for name, value in _version_fields(content).items():
            setattr(latest, name, value)
        latest.save()
        return latest
    number = (instrument.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    return InstrumentVersion.objects.create(
        instrument=instrument, number=number, **_version_fields(content)
    )


@transaction.atomic
def instrument_version_publish(*, version: InstrumentVersion, by: User) -> InstrumentVersion:
    programme = version.instrument.programme
    if programme is None:
        raise ValidationError(_("Shipped instruments are published when they are loaded."))
    authorize(by, "manage_surveys", programme, hide_as="view_programme")
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_published:
        version.status, version.published_at = InstrumentVersion.Status.PUBLISHED, timezone.now()
        version.save(update_fields=["status", "published_at"])
    return version


# --- Administrations and invitations ----------------------------------------------------------


def administration_create(
    *,
    programme: Programme,
    by: User,
    version: InstrumentVersion,
    title: str,
    moment: str,
    audience: str,
    opens_on: date,
    closes_on: date,
    wave: Wave | None = None,
    min_group_size: int | None = None,
) -> Administration:
    authorize(by, "manage_surveys", programme, hide_as="view_programme")
    errors: dict[str, str] = {}
    if not version.is_published:
        errors["version"] = _("Publish the instrument before you administer it.")
    elif version.instrument.programme_id not in (None, programme.pk):
        errors["version"] = _("Choose an instrument of this programme or a shipped one.")
    if wave is not None and wave.programme_id != programme.pk:
        errors["wave"] = _("Choose a wave of this programme.")
    if closes_on < opens_on:
        errors["closes_on"] = _("The closing date cannot be before the opening date.")
    if min_group_size is not None and min_group_size < 2:
        errors["min_group_size"] = _("A group of fewer than 2 would show one person’s answers.")
    if errors:
        raise ValidationError(errors)
    administration = Administration(
        programme=programme,
        version=version,
        wave=wave,
        title=title.strip() or version.title,
        moment=moment,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    if min_group_size is not None:
        administration.min_group_size = min_group_size
    administration.full_clean()
    administration.save()
    return administration


def audience_user_ids(administration: Administration) -> set[int]:
    """The teachers (or coaches) of the programme's klubs, of the wave when one is set."""
    role = (
        Role.TEACHER if administration.audience == Administration.Audience.TEACHERS else Role.COACH
    )
    members = Membership.objects.filter(
        role=role, klub__programme_id=administration.programme_id, user__is_active=True
    )
    if administration.wave_id is not None:
        members = members.filter(klub__wave_id=administration.wave_id)
    return set(members.values_list("user_id", flat=True))


def _notify(invitations: list[Invitation], kind: str, key: str, by: User | None) -> None:
    for invitation in invitations:
        notify(
            recipients=[invitation.user_id],
            kind=kind,
            actor=by,
            url=reverse("surveys:respond", args=[invitation.token]),
            context={"date": invitation.administration.closes_on.isoformat()},
            key=f"{key}:{invitation.pk}",
        )


@transaction.atomic
def administration_invite(*, administration: Administration, by: User | None) -> list[Invitation]:
    """Invite everyone in the audience not invited yet (so it can be run again when people
    join); each gets a notification with their own link."""
    if by is not None:
        authorize(by, "manage_surveys", administration.programme, hide_as="view_programme")
    already = set(administration.invitations.values_list("user_id", flat=True))
    made = [
        Invitation(administration=administration, user_id=user_id, token=secrets.token_urlsafe(24))
        for user_id in sorted(audience_user_ids(administration) - already)
    ]
    Invitation.objects.bulk_create(made)
    made = list(administration.invitations.filter(user_id__in=[i.user_id for i in made]))
    _notify(made, Kind.SURVEY_INVITED, "survey-invited", by)
    return made


@transaction.atomic
def administration_remind(*, administration: Administration, by: User | None) -> int:
    """Remind those who have not answered (at most once a day each)."""
    if by is not None:
        authorize(by, "manage_surveys", administration.programme, hide_as="view_programme")
    pending = list(
        administration.invitations.filter(responded=False).select_related("administration")
    )
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(reminded_at=now)
    _notify(pending, Kind.SURVEY_REMINDER, f"survey-reminder:{timezone.localdate()}", by)
    return len(pending)


# --- Responses -------------------------------------------------------------------------------


def clean_answers(version: InstrumentVersion, raw: dict[str, Any]) -> dict[str, Any]:
    """Keep the answers the version asks for; ValidationError per item key when one is missing
    or out of the scale."""
    low, high = int(version.scale["min"]), int(version.scale["max"])
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in version.items:
        value = raw.get(item["key"])
        if item.get("kind", "scale") == "open":
            text = (value or "").strip() if isinstance(value, str) else ""
            if text:
                answers[item["key"]] = text[:2000]
            elif not item.get("optional"):
                errors[item["key"]] = _("Answer this question.")
            continue
        if value in (None, ""):
            if not item.get("optional"):
                errors[item["key"]] = _("Choose an answer.")
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            errors[item["key"]] = _("Choose an answer from %(low)s to %(high)s.") % {
                "low": low,
                "high": high,
            }
            continue
        answers[item["key"]] = number
    if errors:
        raise ValidationError(errors)
    return answers


@transaction.atomic
def response_submit(*, invitation: Invitation, by: User, answers: dict[str, Any]) -> None:
    """Store the answers once, under the person's pseudonym only, and mark the invitation
    answered. Returns nothing: the caller has no handle on the anonymous response."""
    authorize(by, "respond_to_survey", invitation)
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("administration__version")
        .get(pk=invitation.pk)
    )
    administration = invitation.administration
    if invitation.responded:
        raise ValidationError(_("You already filled in this survey. Thank you!"))
    if not administration.is_open():
        raise ValidationError(_("This survey is closed."))
    cleaned = clean_answers(administration.version, answers)
    try:
        with transaction.atomic():
            Response.objects.create(
                administration=administration,
                pseudonym=pseudonym(administration.programme_id, by.pk),
                answers=cleaned,
                submitted_on=timezone.localdate(),
            )
    except IntegrityError as error:
        raise ValidationError(_("You already filled in this survey. Thank you!")) from error
    invitation.responded = True
    invitation.save(update_fields=["responded"])
