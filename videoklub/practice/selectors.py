"""Reading practice examples: who sees which, decided at every read.

A published example is shown only while what allowed it still holds: with the anonymised copy,
that copy is approved and stored; otherwise the fragment's own file is ready and every current
pupil of the recording's class group has a standing consent for reuse in training. So a parent
who withdraws consent, a teacher who discards the blurred copy or deletes the recording takes
the example off the kennisbank with the next request, with no job or signal to forget.

Readers are signed-in people who read the kennisbank (`view_knowledge`), never anonymous
visitors: consent for training is not consent for the public web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.audit.models import Action
from videoklub.audit.services import audit_record, audit_view
from videoklub.consent.models import Purpose
from videoklub.consent.selectors import consent_covers, consent_covers_q, consent_gap
from videoklub.practice.models import PracticeExample
from videoklub.recordings.models import Fragment

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile
    from django.http import HttpRequest

    from videoklub.accounts.models import User
    from videoklub.policy import AnyUser
    from videoklub.recordings.models import Recording

Status = PracticeExample.Status


def _shown() -> Q:
    """The file an example shows exists and may be shown (see the module's docstring)."""
    blurred = Q(
        use_anonymised=True, fragment__anonymisation_status=Fragment.Anonymisation.APPROVED
    ) & ~Q(fragment__anonymised="")
    own_file = (
        Q(use_anonymised=False, fragment__export_status=Fragment.ExportStatus.READY)
        & ~Q(fragment__export="")
        & consent_covers_q("fragment__recording__class_group", Purpose.TRAINING)
    )
    return blurred | own_file


def _shown_flag() -> Case:
    return Case(When(_shown(), then=Value(True)), default=Value(False), output_field=BooleanField())


def _visible(examples: QuerySet[PracticeExample]) -> QuerySet[PracticeExample]:
    """The examples every reader of the kennisbank sees: published and still shown."""
    return examples.filter(Q(status=Status.PUBLISHED) & _shown())


def _require_reader(user: AnyUser) -> None:
    # 404 rather than the login page: the examples are not even said to exist to visitors.
    if not policy.can(user, "view_knowledge"):
        raise Http404


def examples_for_user(user: AnyUser, *, core_practice: str = "") -> list[PracticeExample]:
    """The published examples `user` reads, newest first; one query whatever their number."""
    _require_reader(user)
    examples = _visible(PracticeExample.objects.select_related("core_practice"))
    if core_practice:
        examples = examples.filter(core_practice__code=core_practice)
    return list(examples.order_by("-reviewed_at", "-pk"))


def examples_offered_by(user: User) -> list[PracticeExample]:
    """A teacher's own examples in any status, with whether readers see them now."""
    return list(
        PracticeExample.objects.filter(offered_by=user)
        .annotate(shown=_shown_flag())
        .select_related("fragment__recording")
        .order_by("-offered_at")
    )


def examples_to_review(user: User) -> list[PracticeExample]:
    policy.authorize(user, "review_practice_examples", None)
    return list(
        PracticeExample.objects.filter(status=Status.OFFERED)
        .annotate(shown=_shown_flag())
        .select_related("core_practice")
        .order_by("offered_at")
    )


def example_get_for_user(user: AnyUser, pk: int) -> PracticeExample:
    """The example `user` may open: a published one that is still shown, their own in any
    status, and for reviewers every offered one. Anything else is a 404, as if it did not
    exist. `example.shown` says whether its video may be played."""
    _require_reader(user)
    allowed = Q(status=Status.PUBLISHED) & _shown() | Q(offered_by_id=user.pk)
    if policy.can(user, "review_practice_examples"):
        allowed |= Q(status=Status.OFFERED)
    example = (
        PracticeExample.objects.filter(allowed, pk=pk)
        .annotate(shown=_shown_flag())
        .select_related("core_practice", "fragment__recording")
        .first()
    )
    if example is None:
        raise Http404
    return example


def example_for_viewing(user: User, pk: int) -> PracticeExample:
    """The example's page: `example_get_for_user`, logged for the teacher as a view of the
    fragment (once an hour)."""
    example = example_get_for_user(user, pk)
    audit_view(actor=user, item=example.fragment, page="practice")
    return example


def example_video_for_playback(user: User, pk: int, *, starts_playback: bool) -> FieldFile:
    """The file the example shows, only while it may be shown; logged as STREAM when this
    request starts playback (not for each Range request while seeking)."""
    example = example_get_for_user(user, pk)
    if not example.shown:  # type: ignore[attr-defined]
        raise Http404
    fragment = example.fragment
    if starts_playback:
        audit_record(actor=user, action=Action.STREAM, item=fragment, practice_example=example.pk)
    return fragment.anonymised if example.use_anonymised else fragment.export


def fragment_for_offer(user: User, fragment_pk: int) -> Fragment:
    """A fragment its owner may offer; for anyone else it does not exist (404)."""
    fragment = get_object_or_404(
        Fragment.objects.select_related("recording__class_group"), pk=fragment_pk
    )
    policy.authorize(user, "offer_practice_example", fragment, hide_as="offer_practice_example")
    return fragment


def offer_context(fragment: Fragment) -> dict:
    """What the offer page tells the teacher: what consent allows, whether the anonymised
    copy can stand in, and whether the fragment is offered already."""
    recording = fragment.recording
    covered = consent_covers(recording, Purpose.TRAINING)
    return {
        "fragment": fragment,
        "recording": recording,
        "training_covered": covered,
        "consent_gap": [] if covered else consent_gap(recording, Purpose.TRAINING),
        "anonymised_available": fragment.anonymisation_status == Fragment.Anonymisation.APPROVED
        and bool(fragment.anonymised),
        "active_example": PracticeExample.objects.filter(
            fragment=fragment, status__in=PracticeExample.ACTIVE
        ).first(),
    }


def recording_page_context(request: HttpRequest, recording: Recording, may_change: bool) -> dict:
    """The recording page offers each fragment to the kennisbank, to its owner (registered
    with recordings.pages; no query)."""
    if not may_change:
        return {}
    return {"fragment_links": ["practice/_fragment_link.html"]}
