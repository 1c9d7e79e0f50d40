"""Reads of kijkwijzers and observations, for a user and checked by the policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.audit.services import audit_view
from videoklub.observations.models import (
    Domain,
    Framework,
    FrameworkVersion,
    Indicator,
    Observation,
    ScaleLevel,
    Score,
)
from videoklub.organisations.permissions import memberships, programme_ids_staffed, school_ids_led

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.cycles.models import Cycle
    from videoklub.recordings.models import Fragment


def frameworks_for_user(user: User) -> list[Framework]:
    """The kijkwijzers a user may use: the shipped ones and those of their klubs, schools and
    programmes; archived ones left out. Ordered: shipped first, by core practice."""
    roles = memberships(user)
    if not roles:
        return []
    klubs = [m.klub for m in roles if m.klub is not None]
    school_ids = school_ids_led(user) | {klub.school_id for klub in klubs}
    programme_ids = programme_ids_staffed(user) | {klub.programme_id for klub in klubs}
    candidates = (
        Framework.objects.filter(archived=False)
        .filter(
            Q(klub__isnull=True, school__isnull=True, programme__isnull=True)
            | Q(klub_id__in=[klub.pk for klub in klubs])
            | Q(school_id__in=school_ids)
            | Q(programme_id__in=programme_ids)
        )
        .select_related("core_practice", "klub", "school", "programme")
        .order_by("core_practice__order", "name")
    )
    # The query narrows the candidates; the policy has the last word (memberships are cached).
    return [fw for fw in candidates if policy.can(user, "use_framework", fw)]


def framework_get_for_user(user: User, pk: int, *, action: str = "use_framework") -> Framework:
    framework = get_object_or_404(
        Framework.objects.select_related("core_practice", "klub", "school", "programme"), pk=pk
    )
    policy.authorize(user, action, framework, hide_as="use_framework")
    return framework


def _with_content(versions: QuerySet[FrameworkVersion]) -> QuerySet[FrameworkVersion]:
    return versions.select_related("framework").prefetch_related(
        Prefetch(
            "domains",
            queryset=Domain.objects.order_by("order").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("order"))
            ),
        ),
        Prefetch("scale_levels", queryset=ScaleLevel.objects.order_by("value")),
    )


def version_get(framework: Framework, number: int | None = None) -> FrameworkVersion:
    """A version by number (the latest when None), with its content; 404 if there is none."""
    versions = framework.versions.order_by("-number")
    if number is not None:
        versions = versions.filter(number=number)
    version = _with_content(versions).first()
    if version is None:
        raise Http404
    return version


def versions_of(framework: Framework) -> QuerySet[FrameworkVersion]:
    return framework.versions.select_related("created_by").order_by("-number")


def frameworks_addable_to(user: User) -> list[tuple[str, object]]:
    """Where the user may create or copy own kijkwijzers: ("klub", klub) / ("school", school)."""
    owners: list[tuple[str, object]] = []
    for m in memberships(user):
        if m.klub is not None and policy.can(user, "add_klub_framework", m.klub):
            owners.append(("klub", m.klub))
        elif m.school is not None and policy.can(user, "add_school_framework", m.school):
            owners.append(("school", m.school))
    return owners


def observations_for_fragment(user: User, fragment: Fragment) -> QuerySet[Observation]:
    policy.authorize(user, "view_fragment", fragment, hide_as="view_fragment")
    return Observation.objects.filter(fragment=fragment).select_related(
        "version__framework", "observer"
    )


def observation_get_for_user(user: User, pk: int) -> Observation:
    """An observation, for whoever may view its fragment."""
    observation = get_object_or_404(
        Observation.objects.select_related(
            "fragment__recording__owner", "version__framework", "observer"
        ),
        pk=pk,
    )
    policy.authorize(user, "view_fragment", observation.fragment, hide_as="view_fragment")
    return observation


def observation_for_viewing(user: User, pk: int) -> Observation:
    """The observation page: `observation_get_for_user`, logged as a view of its fragment (once
    an hour) in the owner's audit log."""
    observation = observation_get_for_user(user, pk)
    audit_view(actor=user, item=observation.fragment, page="observation")
    return observation


@dataclass(frozen=True)
class SummaryRow:
    key: str
    text: str
    mean: float
    count: int
    scale_min: int
    scale_max: int

    @property
    def percent(self) -> float:
        """Where the mean sits on the scale, 0–100, for a bar."""
        return _percent(self.mean, self.scale_min, self.scale_max)


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    text: str
    previous: float | None
    current: float | None
    scale_min: int
    scale_max: int

    @property
    def difference(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def previous_percent(self) -> float | None:
        return (
            None
            if self.previous is None
            else _percent(self.previous, self.scale_min, self.scale_max)
        )

    @property
    def current_percent(self) -> float | None:
        return (
            None if self.current is None else _percent(self.current, self.scale_min, self.scale_max)
        )


def _percent(value: float, low: int, high: int) -> float:
    if high <= low:
        return 100.0
    return round(max(0.0, min(1.0, (value - low) / (high - low))) * 100, 1)


def _means_by_cycle_and_key(cycle_ids: list[int]) -> tuple[dict, dict]:
    """Means per (cycle id, key), and per key the text, order and scale bounds of the newest
    indicator version scored. Three queries, whatever the number of observations."""
    scored = Score.objects.filter(
        observation__fragment__recording__cycle_id__in=cycle_ids, value__isnull=False
    )
    means = {
        (row["observation__fragment__recording__cycle_id"], row["indicator__key"]): (
            row["mean"],
            row["count"],
        )
        for row in scored.values(
            "observation__fragment__recording__cycle_id", "indicator__key"
        ).annotate(mean=Avg("value"), count=Count("id"))
    }
    # One row per distinct indicator scored (bounded by the kijkwijzers used, not the scores).
    indicators = (
        Indicator.objects.filter(
            scores__observation__fragment__recording__cycle_id__in=cycle_ids,
            scores__value__isnull=False,
        )
        .values("key", "text", "order", "domain__order", "version_id", "version__number")
        .distinct()
        .order_by("version__number")
    )
    info: dict[str, dict[str, Any]] = {}
    for row in indicators:
        info[row["key"]] = dict(row)  # the newest version's text wins
    bounds = {
        row["version_id"]: (row["low"], row["high"])
        for row in ScaleLevel.objects.filter(
            version_id__in={row["version_id"] for row in info.values()}
        )
        .values("version_id")
        .annotate(low=Min("value"), high=Max("value"))
    }
    for item in info.values():
        item["scale_min"], item["scale_max"] = bounds.get(item["version_id"], (0, 0))
    return means, info


def _ordered_keys(keys: set[str], info: dict[str, dict]) -> list[str]:
    return sorted(keys, key=lambda key: (info[key]["domain__order"], info[key]["order"], key))


def observation_summary_for_cycle(cycle: Cycle) -> list[SummaryRow]:
    """Per indicator key: its text, the mean score and the number of scores, over the
    observations of fragments of the cycle's recordings. Constant number of queries."""
    means, info = _means_by_cycle_and_key([cycle.pk])
    rows = []
    for key in _ordered_keys({key for _cycle, key in means}, info):
        mean, count = means[(cycle.pk, key)]
        row = info[key]
        rows.append(
            SummaryRow(
                key=key,
                text=row["text"],
                mean=float(mean),
                count=count,
                scale_min=row["scale_min"],
                scale_max=row["scale_max"],
            )
        )
    return rows


def compare_cycles(previous: Cycle, current: Cycle) -> list[ComparisonRow]:
    """Per indicator key scored in either cycle: text, previous mean, current mean and (as a
    property) the difference. Constant number of queries."""
    means, info = _means_by_cycle_and_key([previous.pk, current.pk])
    rows = []
    for key in _ordered_keys({key for _cycle, key in means}, info):
        before = means.get((previous.pk, key))
        after = means.get((current.pk, key))
        row = info[key]
        rows.append(
            ComparisonRow(
                key=key,
                text=row["text"],
                previous=float(before[0]) if before else None,
                current=float(after[0]) if after else None,
                scale_min=row["scale_min"],
                scale_max=row["scale_max"],
            )
        )
    return rows


def shipped_and_programme_frameworks(programme_id: int | None = None) -> list[FrameworkVersion]:
    """The latest version, with its content, of every shipped kijkwijzer and, with
    `programme_id`, of that programme's own: the coaching kit's kijkwijzers. Shipped ones are
    free for every school; the caller checks that the reader belongs to the programme."""
    owned = Q(klub__isnull=True, school__isnull=True, programme__isnull=True)
    if programme_id is not None:
        owned |= Q(programme_id=programme_id)
    frameworks = Framework.objects.filter(owned, archived=False)
    latest = (
        FrameworkVersion.objects.filter(framework=OuterRef("framework"))
        .order_by("-number")
        .values("number")[:1]
    )
    versions = _with_content(
        FrameworkVersion.objects.filter(framework__in=frameworks, number=Subquery(latest))
    ).select_related("framework__core_practice", "framework__programme")
    return sorted(
        versions,
        key=lambda v: (
            v.framework.programme_id is not None,
            v.framework.core_practice.order if v.framework.core_practice else 99,
            v.framework.name,
        ),
    )
