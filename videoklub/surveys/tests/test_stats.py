"""The statistics against values computed by hand (the computation is in the comments)."""

import math

import pytest
from scipy import stats as scipy_stats

from videoklub.surveys import stats


def test_cronbachs_alpha_matches_the_hand_computation():
    # Four respondents, three items:
    #   R1: 1 2 2 (total 5)   R2: 2 3 3 (8)   R3: 3 3 4 (10)   R4: 4 4 5 (13)
    # Item variances (ddof 1): item 1: mean 2.5, SS 5 -> 5/3; item 2: mean 3, SS 2 -> 2/3;
    #   item 3: mean 3.5, SS 5 -> 5/3; sum = 12/3 = 4.
    # Totals 5, 8, 10, 13: mean 9, SS 16+1+1+16 = 34 -> variance 34/3.
    # alpha = 3/2 * (1 - 4 / (34/3)) = 1.5 * 22/34 = 33/34 = 0.970588...
    rows = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 4, 5]]
    assert stats.cronbach_alpha(rows) == pytest.approx(33 / 34)


def test_alpha_leaves_out_incomplete_rows_and_is_undefined_without_variance():
    rows = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 4, 5], [5, None, 1]]
    assert stats.cronbach_alpha(rows) == pytest.approx(33 / 34)
    assert stats.cronbach_alpha([[3, 3], [3, 3]]) is None
    assert stats.cronbach_alpha([[1], [2]]) is None  # one item


def test_paired_effect_size_and_interval_match_the_hand_computation():
    # pre 2 3 3 4 3, post 3 4 3 5 5 -> differences 1 1 0 1 2.
    # mean difference 1.0; deviations 0 0 -1 0 1, SS 2, variance 2/4 = 0.5, SD = 0.707107.
    # d_z = 1 / 0.707107 = 1.414214 (= sqrt 2).
    # SE = sqrt(1/5 + 2/(2*5)) = sqrt(0.4) = 0.632456; t(0.975; 4) = 2.776445.
    # CI = 1.414214 -/+ 2.776445 * 0.632456 = 1.414214 -/+ 1.755983 -> (-0.341769, 3.170197).
    # t = 1 / (0.707107 / sqrt 5) = sqrt 10 = 3.162278; two-sided p with 4 df = 0.0341.
    result = stats.paired_comparison([2, 3, 3, 4, 3], [3, 4, 3, 5, 5])
    assert result is not None
    assert result.n == 5
    assert result.mean_difference == pytest.approx(1.0)
    assert result.sd_difference == pytest.approx(math.sqrt(0.5))
    assert result.d_z == pytest.approx(math.sqrt(2))
    assert result.ci_low == pytest.approx(-0.341769, abs=1e-5)
    assert result.ci_high == pytest.approx(3.170197, abs=1e-5)
    assert result.t == pytest.approx(math.sqrt(10))
    assert result.p_value == pytest.approx(0.0341, abs=1e-4)
    # The same p as scipy's own paired t-test.
    expected = scipy_stats.ttest_rel([3, 4, 3, 5, 5], [2, 3, 3, 4, 3]).pvalue
    assert result.p_value == pytest.approx(expected)


def test_no_comparison_without_pairs_or_variation():
    assert stats.paired_comparison([3], [4]) is None
    assert stats.paired_comparison([1, 2, 3], [2, 3, 4]) is None  # every difference is 1
    with pytest.raises(ValueError):
        stats.paired_comparison([1, 2], [1])


def test_reverse_scoring_and_mean_sd():
    assert stats.reverse_score(5, 1, 5) == 1
    assert stats.reverse_score(2, 1, 9) == 8
    # 2 4 4 4 5 5 7 9: mean 5, SS 32, sample variance 32/7.
    mean, sd = stats.mean_sd([2, 4, 4, 4, 5, 5, 7, 9])
    assert mean == 5
    assert sd == pytest.approx(math.sqrt(32 / 7))
    assert stats.mean_sd([]) == (None, None)
    assert stats.mean_sd([3]) == (3.0, None)
