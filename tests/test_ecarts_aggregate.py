"""The groupings of the actions: ``aggregate(..., names=...)`` and sums that are pandas's own.

The group sums are computed on numpy arrays; pandas's ``groupby().sum()`` (the oracle here)
adds each group's values in order with Kahan's compensation, and the sums must be the very
same floats, not merely close ones.
"""

from __future__ import annotations

import ecarts_samples as samples
import numpy as np
import pandas as pd
import pytest

from pacxl.ecarts.aggregate import GROUPINGS, aggregate, kahan_sums, tally
from pacxl.ecarts.context import make_ctx

NAME = "soxperts_b2b"


def _aggregate(**kwargs) -> dict[str, pd.DataFrame]:
    a, book = samples.analysis(NAME), samples.workbook(NAME)
    ctx = make_ctx(book, a.as_of)
    return aggregate(a.actions, a.objectives, a.kpis, a.budget_months, book, ctx, **kwargs)


def test_every_grouping_by_default() -> None:
    by = _aggregate()
    assert tuple(by) == GROUPINGS
    for name, frame in by.items():
        pd.testing.assert_frame_equal(frame, samples.analysis(NAME).by[name], obj=name)


@pytest.mark.parametrize("names", [("objective", "source"), ("source", "month", "category"),
                                   ("quarter",), ()])
def test_only_the_groupings_asked_for_in_the_usual_order(names: tuple[str, ...]) -> None:
    by = _aggregate(names=names)
    assert list(by) == [name for name in GROUPINGS if name in names]
    for name, frame in by.items():  # the same frames as when all are computed
        pd.testing.assert_frame_equal(frame, samples.analysis(NAME).by[name], obj=name)


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="'team'"):
        _aggregate(names=["owner", "team"])


def _pandas_sums(values: np.ndarray, codes: np.ndarray, size: int) -> np.ndarray:
    frame = pd.DataFrame({"value": pd.array(values, dtype="Float64"), "code": codes})
    sums = frame[codes >= 0].groupby("code")["value"].sum()
    return sums.reindex(range(size), fill_value=0.0).to_numpy(float)


@pytest.mark.parametrize("seed", range(5))
def test_group_sums_are_the_floats_pandas_adds_up(seed: int) -> None:
    rng = np.random.default_rng(seed)
    count, size = 400, 6
    values = np.round(rng.lognormal(8, 3, (2, count)), 2)  # amounts with cents: inexact
    values[1, rng.integers(count)] = np.inf
    codes = rng.integers(-1, size, count)
    by_hand = kahan_sums(values, codes, size)
    for row, sums in zip(values, by_hand, strict=True):
        expected = _pandas_sums(row, codes, size)
        assert sums.tolist() == expected.tolist()  # exactly, inf included
        assert not np.array_equal(sums, np.bincount(codes[codes >= 0],
                                                    weights=row[codes >= 0], minlength=size))


def test_several_groupings_summed_at_once() -> None:
    rng = np.random.default_rng(7)
    values = np.round(rng.uniform(0, 1e4, (1, 50)), 2)
    first, second = rng.integers(-1, 3, 50), rng.integers(-1, 4, 50)
    both = np.concatenate([first, np.where(second < 0, -1, second + 3)])  # the 2nd after
    sums = kahan_sums(values, both, 7)[0]
    assert sums[:3].tolist() == kahan_sums(values, first, 3)[0].tolist()
    assert sums[3:].tolist() == kahan_sums(values, second, 4)[0].tolist()
    flags = (rng.random((3, 50)) < 0.4).astype(float)
    counted = tally(flags, both, 7)
    assert counted[:, :3].tolist() == [np.bincount(first[first >= 0], weights=f[first >= 0],
                                                   minlength=3).tolist() for f in flags]
