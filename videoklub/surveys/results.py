"""Turning anonymous responses into group results, never into a person's answers.

Every result is gated by the administration's minimum group size: below it a result holds the
count needed and no number at all (not a mean, not a distribution, not even n per item), so a
small group cannot be read person by person. Open answers are shown sorted alphabetically, not
in the order they came in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from videoklub.surveys import stats
from videoklub.surveys.models import Administration, InstrumentVersion, Response


@dataclass
class SubscaleResult:
    key: str
    label: str
    items: int
    mean: float | None
    sd: float | None
    alpha: float | None


@dataclass
class ItemResult:
    key: str
    text: str
    subscale: str
    reverse: bool
    n: int
    mean: float | None
    # (value, label, count, percentage) per scale point
    distribution: list[tuple[int, str, int, float]] = field(default_factory=list)


@dataclass
class Results:
    administration: Administration
    n: int
    min_group: int
    enough: bool
    subscales: list[SubscaleResult] = field(default_factory=list)
    items: list[ItemResult] = field(default_factory=list)
    open_answers: list[tuple[str, list[str]]] = field(default_factory=list)


def scored(version: InstrumentVersion, item: dict[str, Any], value: Any) -> float | None:
    """An answer as a number, reverse-scored where the item says so."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if item.get("reverse"):
        return stats.reverse_score(value, int(version.scale["min"]), int(version.scale["max"]))
    return float(value)


def subscale_scores(
    version: InstrumentVersion, answers: dict[str, Any], subscale: str
) -> float | None:
    """A respondent's subscale score: the mean of the subscale's answered items."""
    values = [
        scored(version, item, answers.get(item["key"]))
        for item in version.scale_items
        if item.get("subscale") == subscale
    ]
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _subscale_list(version: InstrumentVersion) -> list[dict[str, str]]:
    known = list(version.subscales)
    keys = {s["key"] for s in known}
    # Builder instruments may name subscales only on their items.
    for item in version.scale_items:
        if item.get("subscale") and item["subscale"] not in keys:
            keys.add(item["subscale"])
            known.append({"key": item["subscale"], "label": item["subscale"]})
    return known


def compute(administration: Administration, responses: Sequence[Response]) -> Results:
    version = administration.version
    n = len(responses)
    result = Results(
        administration=administration,
        n=n,
        min_group=administration.min_group_size,
        enough=n >= administration.min_group_size,
    )
    if not result.enough:
        return result
    answers = [r.answers for r in responses]
    for subscale in _subscale_list(version):
        items = [i for i in version.scale_items if i.get("subscale") == subscale["key"]]
        scores = [subscale_scores(version, a, subscale["key"]) for a in answers]
        mean, sd = stats.mean_sd([s for s in scores if s is not None])
        rows = [[scored(version, item, a.get(item["key"])) for item in items] for a in answers]
        result.subscales.append(
            SubscaleResult(
                key=subscale["key"],
                label=subscale["label"],
                items=len(items),
                mean=mean,
                sd=sd,
                alpha=stats.cronbach_alpha(rows),
            )
        )
    for item in version.scale_items:
        raw = [a.get(item["key"]) for a in answers]
        values = [v for v in raw if isinstance(v, int)]
        mean, _sd = stats.mean_sd([float(v) for v in values])
        distribution = [
            (
                value,
                label,
                values.count(value),
                round(100 * values.count(value) / len(values), 1) if values else 0.0,
            )
            for value, label in version.scale_points
        ]
        result.items.append(
            ItemResult(
                key=item["key"],
                text=item["text"],
                subscale=item.get("subscale", ""),
                reverse=bool(item.get("reverse")),
                n=len(values),
                mean=mean,
                distribution=distribution,
            )
        )
    for item in version.items:
        if item.get("kind") == "open":
            texts = sorted(a[item["key"]] for a in answers if a.get(item["key"]))
            result.open_answers.append((item["text"], texts))
    return result


@dataclass
class SubscaleComparison:
    key: str
    label: str
    comparison: stats.PairedComparison | None


@dataclass
class Comparison:
    pre: Administration
    post: Administration
    pairs: int
    min_group: int
    enough: bool
    subscales: list[SubscaleComparison] = field(default_factory=list)


def compare(
    pre: Administration,
    post: Administration,
    pre_responses: Sequence[Response],
    post_responses: Sequence[Response],
) -> Comparison:
    """Match pre and post by pseudonym (nothing else is known of a pair) and compare each
    subscale the two versions share, by subscale key."""
    before = {r.pseudonym: r.answers for r in pre_responses}
    after = {r.pseudonym: r.answers for r in post_responses}
    paired = sorted(before.keys() & after.keys())
    min_group = max(pre.min_group_size, post.min_group_size)
    result = Comparison(
        pre=pre, post=post, pairs=len(paired), min_group=min_group, enough=len(paired) >= min_group
    )
    if not result.enough:
        return result
    post_keys = {s["key"] for s in _subscale_list(post.version)}
    for subscale in _subscale_list(pre.version):
        if subscale["key"] not in post_keys:
            continue
        pre_scores, post_scores = [], []
        for key in paired:
            a = subscale_scores(pre.version, before[key], subscale["key"])
            b = subscale_scores(post.version, after[key], subscale["key"])
            if a is not None and b is not None:
                pre_scores.append(a)
                post_scores.append(b)
        comparison = (
            stats.paired_comparison(pre_scores, post_scores)
            if len(pre_scores) >= min_group
            else None
        )
        result.subscales.append(SubscaleComparison(subscale["key"], subscale["label"], comparison))
    return result
