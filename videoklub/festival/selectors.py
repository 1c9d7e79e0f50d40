"""Reads of festivals, each for a user and checked by the policy.

What a festival shows is decided at every read (`_shown`): a selected, not withdrawn submission
whose Filmfestival share is still active and whose file may still be shown publicly (the
approved anonymised copy, or the fragment's own file with every pupil's consent for public
showing). A withdrawn consent, a discarded copy or a withdrawal takes it off the page, the
screening and the package with the next request, with no job to forget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub import policy
from videoklub.audit.models import Action
from videoklub.audit.services import audit_record, audit_views
from videoklub.consent.models import Purpose
from videoklub.consent.selectors import consent_covers_q
from videoklub.festival.models import Block, Festival, Submission
from videoklub.recordings.models import Fragment, Recording

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile
    from django.http import HttpRequest

    from videoklub.accounts.models import User
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser

Status = Submission.Status


class LoginFirst(Exception):
    """An anonymous visitor asked for a festival that is not public: send them to log in."""


def _share_active() -> Q:
    now = timezone.now()
    return Q(share__revoked_at__isnull=True, share__isnull=False) & (
        Q(share__expires_at__isnull=True) | Q(share__expires_at__gt=now)
    )


def _file_showable() -> Q:
    blurred = Q(
        anonymised=True, fragment__anonymisation_status=Fragment.Anonymisation.APPROVED
    ) & ~Q(fragment__anonymised="")
    own_file = (
        Q(anonymised=False, fragment__export_status=Fragment.ExportStatus.READY)
        & ~Q(fragment__export="")
        & consent_covers_q("fragment__recording__class_group", Purpose.PUBLIC)
    )
    return blurred | own_file


def _shown() -> Q:
    return Q(status=Status.SELECTED) & _share_active() & _file_showable()


def _with_fragment(submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    return submissions.select_related(
        "fragment__recording__owner", "fragment__recording__klub__school", "block", "submitted_by"
    )


# --- festivals ----------------------------------------------------------------------------


def festivals_of_programme(user: User, programme: Programme) -> list[Festival]:
    """The programme's festivals: staff see every one, members those whose call is out."""
    policy.authorize(
        user, "view_programme_festivals", programme, hide_as="view_programme_festivals"
    )
    festivals = programme.festivals.all()
    if not policy.can(user, "create_festival", programme):
        festivals = festivals.filter(call_published_at__isnull=False)
    return list(festivals.order_by("-year"))


def festival_get_for_user(user: AnyUser, pk: int, *, action: str = "view_festival") -> Festival:
    """A festival the user may see (and act on). Until its call is published it exists for its
    organisers only. Anonymous visitors of a festival that is not public are asked to log in."""
    festival = get_object_or_404(Festival.objects.select_related("programme"), pk=pk)
    organiser = policy.can(user, "change_festival", festival)
    if festival.call_published_at is None and not organiser:
        raise Http404
    if not user.is_authenticated:
        # The policy answers for signed-in people only; a public festival's page and its
        # videos are the one thing a visitor without an account may see.
        if festival.is_public and action == "view_festival":
            return festival
        raise LoginFirst
    policy.authorize(user, action, festival, hide_as="view_festival")
    return festival


def login_first(request: HttpRequest):
    return redirect_to_login(request.get_full_path())


# --- the programme: blocks and the fragments shown ---------------------------------------------


def festival_programme(festival: Festival, *, preview: bool = False) -> list[Block]:
    """The blocks in order, each with `shown`: its submissions the festival shows now, in
    order; fragments selected but not yet in a block come last in a block without a pk. With
    `preview` (the curators) the submissions not yet decided are not added: the page looks as
    visitors will see it."""
    shown = _with_fragment(festival.submissions.filter(_shown())).order_by("order", "submitted_at")
    blocks: list[Block] = list(
        festival.blocks.prefetch_related(Prefetch("submissions", queryset=shown, to_attr="shown"))
    )
    loose = list(shown.filter(block__isnull=True))
    if loose:
        extra = Block(festival=festival, title=_("Not yet in a block"), order=999)
        extra.shown = loose  # type: ignore[attr-defined]
        blocks.append(extra)
    return blocks


def shown_submissions(festival: Festival) -> list[Submission]:
    """Every fragment the festival shows, in screening order (block, then order)."""
    return [s for block in festival_programme(festival) for s in block.shown]  # type: ignore[attr-defined]


def festival_for_viewing(user: AnyUser, pk: int) -> tuple[Festival, list[Block]]:
    """The festival page: its programme once the selection is closed (before that, the call
    only), each shown fragment logged as viewed for its teacher (once an hour)."""
    festival = festival_get_for_user(user, pk)
    blocks = festival_programme(festival) if festival.selection_closed else []
    fragments = [s.fragment for block in blocks for s in block.shown]  # type: ignore[attr-defined]
    audit_views(
        actor=cast("User", user), fragments=fragments, page="festival", festival=festival.pk
    )
    return festival, blocks


def festival_for_preview(user: User, pk: int) -> tuple[Festival, list[Block]]:
    """The programme as visitors will see it, for the curators before the selection closes."""
    festival = festival_get_for_user(user, pk, action="curate_festival")
    blocks = festival_programme(festival)
    fragments = [s.fragment for block in blocks for s in block.shown]  # type: ignore[attr-defined]
    audit_views(actor=user, fragments=fragments, page="festival preview", festival=festival.pk)
    return festival, blocks


def submission_video_for_playback(
    user: AnyUser, festival_pk: int, submission_pk: int, *, starts_playback: bool
) -> FieldFile:
    """The file a festival shows for a submission, through the recordings' streaming (the
    caller serves it): the approved anonymised copy or the fragment's own file, only while the
    festival shows it. Curators also play submissions they have not decided on. Logged as
    STREAM when this request starts playback."""
    festival = festival_get_for_user(user, festival_pk)
    allowed = _shown()
    if policy.can(user, "curate_festival", festival):
        allowed = Q(status__in=Submission.ACTIVE) & _share_active() & _file_showable()
    submission = (
        festival.submissions.filter(allowed, pk=submission_pk)
        .select_related("fragment__recording")
        .first()
    )
    if submission is None:
        raise Http404
    fragment = submission.fragment
    if starts_playback:
        audit_record(
            actor=cast("User", user), action=Action.STREAM, item=fragment, festival=festival.pk
        )
    return fragment.anonymised if submission.anonymised else fragment.export


# --- submissions --------------------------------------------------------------------------------


def submissions_to_curate(user: User, festival: Festival) -> list[Submission]:
    """Every submission of the festival for its curators, with `showable`: whether its file
    may be shown now (the share active, consent or the blurred copy still there)."""
    policy.authorize(user, "curate_festival", festival)
    showable = _share_active() & _file_showable()
    rows = list(_with_fragment(festival.submissions.all()).order_by("status", "submitted_at"))
    ok = set(festival.submissions.filter(showable).values_list("pk", flat=True))
    for row in rows:
        row.showable = row.pk in ok  # type: ignore[attr-defined]
    return rows


def my_submissions(user: User, festival: Festival) -> list[Submission]:
    if not user.is_authenticated:
        return []
    return list(
        festival.submissions.filter(submitted_by=user)
        .select_related("fragment__recording")
        .order_by("-submitted_at")
    )


def submission_get_for_user(user: User, pk: int, *, action: str = "view_submission") -> Submission:
    submission = get_object_or_404(
        Submission.objects.select_related(
            "festival__programme", "fragment__recording", "block", "submitted_by"
        ),
        pk=pk,
    )
    policy.authorize(user, action, submission, hide_as="view_submission")
    return submission


def fragments_to_submit(user: User, festival: Festival) -> QuerySet[Fragment]:
    """The user's own fragments of recordings in a klub of the festival's programme."""
    return (
        Fragment.objects.filter(
            recording__owner=user,
            recording__status=Recording.Status.READY,
        )
        .filter(
            Q(recording__klub__programme_id=festival.programme_id)
            | Q(recording__cycle__klub__programme_id=festival.programme_id)
        )
        .select_related("recording")
        .order_by("-recording__created_at", "start")
    )


def block_get_for_user(user: User, pk: int) -> Block:
    block = get_object_or_404(Block.objects.select_related("festival"), pk=pk)
    policy.authorize(user, "curate_festival", block.festival, hide_as="view_festival")
    return block


def package_for_download(user: User, pk: int) -> tuple[Festival, list[Block]]:
    """The screening package's festival and programme, for its curators; each fragment in it
    is logged as DOWNLOADED for its teacher (the package leaves the platform)."""
    festival = festival_get_for_user(user, pk, action="curate_festival")
    blocks = festival_programme(festival)
    for block in blocks:
        for submission in block.shown:  # type: ignore[attr-defined]
            audit_record(
                actor=user,
                action=Action.DOWNLOAD,
                item=submission.fragment,
                festival=festival.pk,
                package=True,
            )
    return festival, blocks
