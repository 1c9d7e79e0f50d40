"""The survey statistics, as plain functions of numbers (numpy/scipy, no Django), so each can be
checked against a hand computation.

Conventions: standard deviations are sample SDs (ddof = 1); missing answers are `None` and are
left out per statistic (Cronbach's alpha uses only respondents who answered every item of the
subscale: listwise deletion, as the usual formula assumes one common set of respondents).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

Answer = float | int | None


def reverse_score(value: float, low: int, high: int) -> float:
    """A reverse-scored item on a `low`..`high` scale: `low + high - value` (5 → 1 on 1–5)."""
    return low + high - value


def mean_sd(values: Sequence[float]) -> tuple[float | None, float | None]:
    """Mean and sample SD; SD is None for fewer than two values."""
    data = np.asarray([v for v in values if v is not None], dtype=float)
    if data.size == 0:
        return None, None
    sd = float(data.std(ddof=1)) if data.size > 1 else None
    return float(data.mean()), sd


def cronbach_alpha(rows: Sequence[Sequence[Answer]]) -> float | None:
    """Cronbach's alpha of k items: k/(k-1) · (1 − Σ var(item) / var(total)).

    `rows` are respondents, columns items (already reverse-scored). Rows with a missing answer
    are left out. None when it is not defined: fewer than two items, fewer than two complete
    rows, or no variance in the totals.
    """
    complete = [row for row in rows if all(value is not None for value in row)]
    if not complete:
        return None
    data = np.asarray(complete, dtype=float)
    n, k = data.shape
    if k < 2 or n < 2:
        return None
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return None
    item_variances = data.var(axis=0, ddof=1).sum()
    return float(k / (k - 1) * (1 - item_variances / total_variance))


@dataclass(frozen=True)
class PairedComparison:
    n: int
    mean_pre: float
    mean_post: float
    mean_difference: float  # post − pre
    sd_difference: float
    d_z: float  # Cohen's d for paired data: mean difference / SD of the differences
    ci_low: float
    ci_high: float
    t: float
    p_value: float


def paired_comparison(
    pre: Sequence[float], post: Sequence[float], *, confidence: float = 0.95
) -> PairedComparison | None:
    """Pre/post of the same people (pairs in the same order).

    d_z = mean(d) / sd(d), with d = post − pre. Its confidence interval uses the common large-
    sample approximation of its standard error, without the noncentral t distribution:
        SE(d_z) = sqrt(1/n + d_z² / (2n)),   CI = d_z ± t(1 − α/2; n − 1) · SE
    The p-value is the two-sided paired t-test (t = mean(d) / (sd(d)/√n), n − 1 df).
    None with fewer than two pairs or when every difference is the same (SD 0).
    """
    if len(pre) != len(post):
        raise ValueError("pre and post must hold the same pairs")
    before = np.asarray(pre, dtype=float)
    after = np.asarray(post, dtype=float)
    diffs = after - before
    n = int(diffs.size)
    if n < 2:
        return None
    sd = float(diffs.std(ddof=1))
    if sd == 0:
        return None
    mean_diff = float(diffs.mean())
    d_z = mean_diff / sd
    se = math.sqrt(1 / n + d_z**2 / (2 * n))
    t_crit = float(scipy_stats.t.ppf(1 - (1 - confidence) / 2, n - 1))
    t_value = mean_diff / (sd / math.sqrt(n))
    p_value = float(2 * scipy_stats.t.sf(abs(t_value), n - 1))
    return PairedComparison(
        n=n,
        mean_pre=float(before.mean()),
        mean_post=float(after.mean()),
        mean_difference=mean_diff,
        sd_difference=sd,
        d_z=d_z,
        ci_low=d_z - t_crit * se,
        ci_high=d_z + t_crit * se,
        t=t_value,
        p_value=p_value,
    )
