"""Writes for annotations: timestamped comments on a recording or a shared fragment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.observations.models import Annotation, FrameworkVersion, Indicator
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.signals import recording_activity

if TYPE_CHECKING:
    from videoklub.accounts.models import User

# Players report times with some jitter; a click on the very last frame may read a hair past
# the stated duration.
TOLERANCE = 0.05


def _span(recording: Recording, fragment: Fragment | None) -> tuple[float, float | None]:
    if fragment is not None:
        return fragment.start, fragment.end
    return 0.0, recording.duration


def _check_times(
    recording: Recording, fragment: Fragment | None, at: float, end: float | None
) -> None:
    low, high = _span(recording, fragment)
    where = _("this fragment") if fragment is not None else _("the video")
    if at < low - TOLERANCE or (high is not None and at > high + TOLERANCE):
        raise ValidationError(
            {"at_seconds": _("This moment lies outside %(where)s.") % {"where": where}}
        )
    if end is not None:
        if end <= at:
            raise ValidationError({"end_seconds": _("The end must come after the start.")})
        if high is not None and end > high + TOLERANCE:
            raise ValidationError(
                {"end_seconds": _("The end lies outside %(where)s.") % {"where": where}}
            )


def _check_indicator(indicator: Indicator | None, version: FrameworkVersion | None) -> None:
    if indicator is None:
        return
    if version is None or indicator.version_id != version.pk:
        raise ValidationError(
            {"indicator": _("This indicator is not part of the kijkwijzer you are using.")}
        )


@transaction.atomic
def annotation_create(
    *,
    recording: Recording,
    author: User,
    body: str,
    at_seconds: float,
    end_seconds: float | None = None,
    kind: str = Annotation.Kind.OBSERVATION,
    fragment: Fragment | None = None,
    indicator: Indicator | None = None,
    version: FrameworkVersion | None = None,
) -> Annotation:
    """Annotate a moment (or a range) of a recording, on a fragment or on the whole video.

    Times are in the recording's own time. An indicator must come from `version`, the
    kijkwijzer the author works with. The caller has checked that the author may annotate.
    """
    if fragment is not None and fragment.recording_id != recording.pk:
        raise ValidationError(_("This fragment belongs to another recording."))
    _check_times(recording, fragment, at_seconds, end_seconds)
    _check_indicator(indicator, version)
    annotation = Annotation(
        recording=recording,
        fragment=fragment,
        author=author,
        kind=kind,
        at_seconds=round(at_seconds, 2),
        end_seconds=round(end_seconds, 2) if end_seconds is not None else None,
        indicator=indicator,
        body=body.strip(),
    )
    annotation.full_clean()
    annotation.save()
    _touch_cycle(recording)
    notify(
        recipients=[recording.owner_id],
        kind=Kind.ANNOTATION,
        actor=author,
        url=_annotation_url(annotation),
    )
    return annotation


def _annotation_url(annotation: Annotation) -> str:
    """Where the annotation is read: its fragment's workspace, or the recording's."""
    uuid = Recording.objects.values_list("uuid", flat=True).get(pk=annotation.recording_id)
    if annotation.fragment_id:
        return reverse("analysis:fragment", args=[uuid, annotation.fragment_id])
    return reverse("recordings:detail", args=[uuid])


@transaction.atomic
def annotation_reply(*, parent: Annotation, author: User, body: str) -> Annotation:
    """Answer an annotation; a reply to a reply joins the same thread."""
    root = parent.parent or parent
    reply = Annotation(
        recording_id=root.recording_id,
        fragment_id=root.fragment_id,
        parent=root,
        author=author,
        kind=root.kind,
        at_seconds=root.at_seconds,
        body=body.strip(),
    )
    reply.full_clean(exclude=["recording", "fragment", "parent"])
    reply.save()
    _touch_cycle(root.recording)
    url = _annotation_url(reply)
    if root.author_id:
        notify(recipients=[root.author_id], kind=Kind.REPLY, actor=author, url=url)
    owner_id = root.recording.owner_id
    if owner_id != root.author_id:
        notify(recipients=[owner_id], kind=Kind.ANNOTATION, actor=author, url=url)
    return reply


def annotation_update(
    *,
    annotation: Annotation,
    body: str,
    kind: str,
    at_seconds: float,
    end_seconds: float | None,
    indicator: Indicator | None,
    version: FrameworkVersion | None,
) -> Annotation:
    """Edit one's own annotation (the caller checked authorship). Replies keep their time."""
    recording, fragment = annotation.recording, annotation.fragment
    if annotation.parent_id is None:
        _check_times(recording, fragment, at_seconds, end_seconds)
        # An indicator kept from before stays valid even when another kijkwijzer is in use now.
        if indicator is not None and indicator.pk != annotation.indicator_id:
            _check_indicator(indicator, version)
        annotation.at_seconds = round(at_seconds, 2)
        annotation.end_seconds = round(end_seconds, 2) if end_seconds is not None else None
        annotation.indicator = indicator
        annotation.kind = kind
    annotation.body = body.strip()
    annotation.edited_at = timezone.now()
    annotation.full_clean(exclude=["recording", "fragment", "parent"])
    annotation.save(
        update_fields=["body", "kind", "at_seconds", "end_seconds", "indicator", "edited_at"]
    )
    return annotation


def annotation_delete(*, annotation: Annotation) -> None:
    """Delete one's own annotation with its replies."""
    annotation.delete()


def _touch_cycle(recording: Recording) -> None:
    # The cycles app (a floor above) moves the cycle's last activity.
    recording_activity.send(sender=Recording, recording=recording)
