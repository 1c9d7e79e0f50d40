"""Reading surveys for a user: every read asks the policy first.

A programme's survey pages are not even said to exist to anyone but its project staff (404);
an invitation is found only by the person it was sent to (404 for anyone else). The monitoring
app (one floor up) reads `administration_results` and `applying_practice_share`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub.organisations.models import Programme
from videoklub.policy import authorize
from videoklub.surveys import results
from videoklub.surveys.models import (
    Administration,
    Instrument,
    InstrumentVersion,
    Invitation,
    Response,
)

if TYPE_CHECKING:
    from videoklub.policy import AnyUser

END_OF_PROJECT_KEY = "eindevaluatie"
APPLIES_PRACTICE_ITEM = "applies_practice"
# "Applies the practice": agrees or fully agrees (4 or 5 on 1–5).
APPLIES_PRACTICE_FROM = 4


def programme_for_staff(user: AnyUser, pk: int) -> Programme:
    programme = get_object_or_404(Programme, pk=pk)
    authorize(user, "manage_surveys", programme, hide_as="view_programme")
    return programme


def instruments_for_programme(programme: Programme) -> list[Instrument]:
    """Shipped instruments and the programme's own, with their versions (two queries)."""
    return list(
        Instrument.objects.filter(Q(programme__isnull=True) | Q(programme=programme))
        .prefetch_related("versions")
        .order_by("programme_id", "key")
    )


def instrument_for_staff(user: AnyUser, programme: Programme, pk: int) -> Instrument:
    authorize(user, "manage_surveys", programme, hide_as="view_programme")
    return get_object_or_404(
        Instrument.objects.filter(Q(programme__isnull=True) | Q(programme=programme)), pk=pk
    )


def latest_version(instrument: Instrument) -> InstrumentVersion:
    version = instrument.versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version


def published_versions(programme: Programme) -> list[InstrumentVersion]:
    """What an administration may use: every published version of shipped and own instruments."""
    return list(
        InstrumentVersion.objects.filter(status=InstrumentVersion.Status.PUBLISHED)
        .filter(Q(instrument__programme__isnull=True) | Q(instrument__programme=programme))
        .select_related("instrument")
        .order_by("title", "-number")
    )


def administrations_for_programme(programme: Programme) -> list[Administration]:
    """With counts of invited and answered people (counts only: never who)."""
    return list(
        Administration.objects.filter(programme=programme)
        .select_related("version__instrument", "wave")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=Q(invitations__responded=True), distinct=True),
        )
    )


def administration_for_staff(user: AnyUser, programme: Programme, pk: int) -> Administration:
    administration = get_object_or_404(
        Administration.objects.select_related("version__instrument", "wave", "programme"),
        pk=pk,
        programme=programme,
    )
    authorize(user, "view_survey_results", administration, hide_as="view_programme")
    return administration


def administration_results(user: AnyUser, administration: Administration) -> results.Results:
    """The group results of an administration, for its programme's staff (PermissionDenied or
    404 otherwise). Below the minimum group size the result carries no numbers."""
    authorize(user, "view_survey_results", administration, hide_as="view_programme")
    return results.compute(administration, list(administration.responses.all()))


def partner_administration(administration: Administration) -> Administration | None:
    """The pre administration a post one is compared with: same instrument, programme and wave,
    the latest one before it."""
    if administration.moment != Administration.Moment.POST:
        return None
    same_wave = (
        Q(wave__isnull=True)
        if administration.wave_id is None
        else Q(wave_id=administration.wave_id)
    )
    return (
        Administration.objects.filter(
            same_wave,
            programme_id=administration.programme_id,
            version__instrument_id=administration.version.instrument_id,
            moment=Administration.Moment.PRE,
            opens_on__lte=administration.opens_on,
        )
        .select_related("version")
        .order_by("-opens_on", "-pk")
        .first()
    )


def comparison_for_staff(
    user: AnyUser, administration: Administration
) -> results.Comparison | None:
    authorize(user, "view_survey_results", administration, hide_as="view_programme")
    pre = partner_administration(administration)
    if pre is None:
        return None
    return results.compare(
        pre, administration, list(pre.responses.all()), list(administration.responses.all())
    )


def applying_practice_share(programme: Programme) -> tuple[float | None, int]:
    """The share of respondents who say they apply the core practice of their learning question
    (4 or more on 1–5), from the latest end-of-project administration of each wave (or of the
    whole programme). `(None, n)` when fewer answered than the minimum group size."""
    latest: dict[int | None, Administration] = {}
    for administration in Administration.objects.filter(
        programme=programme, version__instrument__key=END_OF_PROJECT_KEY
    ).order_by("opens_on", "pk"):
        latest[administration.wave_id] = administration
    if not latest:
        return None, 0
    answers = Response.objects.filter(administration__in=list(latest.values())).values_list(
        "answers", flat=True
    )
    values = [
        a[APPLIES_PRACTICE_ITEM] for a in answers if isinstance(a.get(APPLIES_PRACTICE_ITEM), int)
    ]
    n = len(values)
    if n == 0 or n < max(a.min_group_size for a in latest.values()):
        return None, n
    return sum(1 for v in values if v >= APPLIES_PRACTICE_FROM) / n, n


def open_invitations_for(user: AnyUser) -> list[Invitation]:
    """The surveys waiting for `user`: invited, not answered, open today (one query)."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    return list(
        Invitation.objects.filter(
            user_id=user.pk,
            responded=False,
            administration__opens_on__lte=today,
            administration__closes_on__gte=today,
        )
        .select_related("administration__version")
        .order_by("administration__closes_on", "pk")
    )


def invitation_for_respondent(user: AnyUser, token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("administration__version", "administration__programme")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    # Someone else's link: as if it did not exist.
    authorize(user, "respond_to_survey", invitation, hide_as="respond_to_survey")
    return invitation
