"""Reads for the analysis workspace: the annotations a user may see, and the kijkwijzer in use.

Who sees an annotation: the recording's owner sees every annotation on it; anyone else sees the
annotations on fragments they may view (shared with them). Annotations on the whole recording
are the owner's private notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.observations.models import (
    Annotation,
    Domain,
    Framework,
    FrameworkVersion,
    Indicator,
)

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.recordings.models import Fragment, Recording


def _threads(annotations: QuerySet[Annotation]) -> QuerySet[Annotation]:
    replies = Annotation.objects.select_related("author").order_by("created_at")
    return (
        annotations.filter(parent__isnull=True)
        .select_related("author", "indicator")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("at_seconds", "created_at")
    )


def annotations_of_recording(recording: Recording) -> QuerySet[Annotation]:
    """All threads on a recording: for its owner only (the caller checked ownership)."""
    return _threads(Annotation.objects.filter(recording=recording))


def annotations_of_fragment(fragment: Fragment) -> QuerySet[Annotation]:
    """The threads on a fragment: for whoever may view it (the caller checked)."""
    return _threads(Annotation.objects.filter(fragment=fragment))


def change_token(**scope: object) -> str:
    """Changes whenever an annotation in scope (recording=… or fragment=…) is added, edited or
    deleted: polling viewers send it back and get a new list only when it differs."""
    stats = Annotation.objects.filter(**scope).aggregate(
        count=Count("pk"), created=Max("created_at"), edited=Max("edited_at")
    )
    created = stats["created"].timestamp() if stats["created"] else 0
    edited = stats["edited"].timestamp() if stats["edited"] else 0
    return f"{stats['count']}-{created:.6f}-{edited:.6f}"


def annotation_get_for_user(user: User, pk: int, *, action: str | None = None) -> Annotation:
    """An annotation the user can see (404 otherwise); with `action`, one they may act on
    (403 otherwise: an annotation by someone else cannot be edited)."""
    annotation = get_object_or_404(
        Annotation.objects.select_related("recording", "fragment__recording", "author"), pk=pk
    )
    visible = annotation.recording.owner_id == user.pk or (
        annotation.fragment is not None and policy.can(user, "view_fragment", annotation.fragment)
    )
    if not visible:
        raise Http404
    if action is not None:
        policy.authorize(user, action, annotation)
    return annotation


@dataclass
class Kijkwijzer:
    """The kijkwijzer version the workspace annotates with, its domains and indicators."""

    framework: Framework
    version: FrameworkVersion
    domains: list[Domain]


def kijkwijzers_for_user(user: User) -> list[Framework]:
    """Kijkwijzers the user may annotate with (shipped ones and their klub's or school's)."""
    candidates = Framework.objects.filter(archived=False).order_by("name")
    return [framework for framework in candidates if policy.can(user, "use_framework", framework)]


def kijkwijzer_for_workspace(
    user: User, recording: Recording, wanted: str | None
) -> Kijkwijzer | None:
    """The kijkwijzer chosen with ?kijkwijzer=<pk>, else the one of the cycle's core practice."""
    framework = None
    if wanted and wanted.isdigit():
        framework = Framework.objects.filter(pk=wanted, archived=False).first()
        if framework is not None and not policy.can(user, "use_framework", framework):
            framework = None
    elif recording.cycle is not None and recording.cycle.core_practice_id:
        framework = (
            Framework.objects.filter(
                core_practice_id=recording.cycle.core_practice_id,
                archived=False,
                school__isnull=True,
                klub__isnull=True,
                programme__isnull=True,
            )
            .order_by("pk")
            .first()
        )
    if framework is None:
        return None
    version = framework.versions.order_by("-number").first()
    if version is None:
        return None
    indicators = Indicator.objects.order_by("order")
    domains = list(
        version.domains.order_by("order").prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
    )
    return Kijkwijzer(framework=framework, version=version, domains=domains)
