"""The gap rules, vectorised: the workbook's formulas on numpy arrays and pandas Series.

Each function computes what one formula of :mod:`pacxl.build.formulas` shows, row by row,
with the same guards:

- ``gap`` = result − target; ``gap_points`` = (result − target) × 100 for a rate (the
  workbook's «Écart» cell shows points where the unit is «%»); ``gap_pct`` = gap ÷ |target|.
  Each is empty (``<NA>``) when the target or the result is, and ``gap_pct`` also when the
  target is zero: a zero target has a gap but no relative gap.
- the status: "" when both the target and the result are empty, «Non renseigné» when one
  is, «Suivi» for a metric without direction, else «Atteint» when the result reaches the
  target (≥ for *Hausse*, ≤ for *Baisse*: lower is better), «Proche» within the tolerance
  band (target ∓ |target| × tolerance, bounds included), «Non atteint» beyond. A
  qualitative objective keeps the status the user chose, or «Qualitatif».
- late: the end date is before the review date and the action is neither *Terminée* nor
  *Annulée*; an action without end date is never late.

Numbers are compared as spreadsheets compare them: two numbers within 2⁻⁴⁸ of each other
(relatively) are equal, and a subtraction of two such numbers gives 0 (LibreOffice's
``approxEqual`` and ``approxSub``; Excel compares to 15 digits). A result of 0.99
against a target of 1.1 with a 10 % tolerance is therefore «Proche», as in the workbook,
although 1.1 − 0.11 is 0.9900000000000001 in binary floating point. (Gnumeric, which
Debian builds with 80-bit long double arithmetic, may decide a result lying on the band
to the last bit the other way: 44 ÷ 1000 against 40 ÷ 1000 + 10 % is «Proche» in
LibreOffice and here, «Non atteint» there.)

Each rule is written once, on arrays (``gaps``, ``status_codes``, ``late_flags``…: what the
analysis calls, converting each column once); the functions on Series (``gap``,
``status_keys``, ``late``…) give the same results as typed columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .arrays import booleans, float64, stamps, strings
from .vocab import Vocabulary, folded_array, texts

EPSILON = 2.0**-48  # LibreOffice's rtl::math::approxEqual
MAX_EXACT = 2.0**53  # integers exactly representable in a double

# A status is computed as a code per row, the index of its key here: keys and words are then
# taken from small arrays (np.take is one operation; Series.map calls Python once a row).
KEY_ORDER = ("", "missing", "tracking", "met", "near", "missed")
_BLANK, _MISSING, _TRACKING, _MET, _NEAR, _MISSED = range(len(KEY_ORDER))
KEYS = np.array(KEY_ORDER, dtype=object)
_WAYS = np.array(["up", "down", "none"], dtype=object)


def floats(series: pd.Series) -> np.ndarray:
    """A numeric Series as a float array, NaN where a value is missing."""
    if isinstance(series.dtype, pd.Float64Dtype):  # as read: no conversion to pay for
        return series.to_numpy(dtype=float, na_value=np.nan, copy=True)
    return pd.to_numeric(series).astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _float_series(values: np.ndarray, index: pd.Index) -> pd.Series:
    return pd.Series(float64(values), index=index, copy=False)


def _strings_like(values: np.ndarray, like: pd.Series) -> pd.Series:
    return pd.Series(strings(values), index=like.index, name=like.name, copy=False)


def _integral(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (np.abs(x) < MAX_EXACT) & (np.floor(x) == x)


def approx_equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise equality as LibreOffice decides it (never true for NaN)."""
    with np.errstate(invalid="ignore", over="ignore"):
        d = np.abs(a - b)
        # neither is 0 and d is finite: both follow from d < |a|·ε and d < |b|·ε
        close = (d < np.abs(a) * EPSILON) & (d < np.abs(b) * EPSILON)
        if close.any():  # seldom: the integer tests only when some pair is that close
            close &= ~(_integral(d) & _integral(a) & _integral(b))
    return (a == b) | close


def _subtract(a: np.ndarray, b: np.ndarray, equal: np.ndarray) -> np.ndarray:
    # a − b, knowing approx_equal(a, b)
    same_sign = ((a < 0) & (b < 0)) | ((a > 0) & (b > 0))
    return np.where(same_sign & equal, 0.0, a - b)


def subtract(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a − b, 0 when a and b are equal as a spreadsheet sees them."""
    return _subtract(a, b, approx_equal(a, b))


def add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b, 0 when a and −b are equal as a spreadsheet sees them."""
    return subtract(a, -b)


def at_least(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a ≥ b as a spreadsheet compares (False where either is NaN)."""
    with np.errstate(invalid="ignore"):
        return (a >= b) | approx_equal(a, b)


def at_most(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a ≤ b as a spreadsheet compares (False where either is NaN)."""
    with np.errstate(invalid="ignore"):
        return (a <= b) | approx_equal(a, b)


# -- gaps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gaps:
    """The gap columns of rows as arrays: NaN where empty, the status as a code (KEY_ORDER)."""

    gap: np.ndarray
    points: np.ndarray
    pct: np.ndarray
    codes: np.ndarray


def gaps(target: np.ndarray, result: np.ndarray, way: np.ndarray, rate: np.ndarray,
         tolerance: float) -> Gaps:
    """gap, gap in points (where ``rate``), gap % and status code of each row at once.

    ``way`` holds "up", "down" or "none" per row (:func:`ways`); the comparison of result
    and target is made once for the gap and the status.
    """
    equal = approx_equal(result, target)
    gap = _subtract(result, target, equal)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(target == 0, np.nan, gap / np.abs(target))
    return Gaps(gap, np.where(rate, gap * 100, np.nan), pct,
                status_codes(target, result, way, tolerance, equal))


def gap(target: pd.Series, result: pd.Series) -> pd.Series:
    """result − target (Float64), empty where either is."""
    return _float_series(subtract(floats(result), floats(target)), target.index)


def gap_points(target: pd.Series, result: pd.Series, rate: pd.Series) -> pd.Series:
    """The gap of a rate in percentage points, (result − target) × 100; empty elsewhere."""
    points = subtract(floats(result), floats(target)) * 100
    return _float_series(np.where(rate.to_numpy(dtype=bool, na_value=False), points, np.nan),
                         target.index)


def gap_pct(target: pd.Series, result: pd.Series) -> pd.Series:
    """(result − target) ÷ |target| (Float64), empty when either is empty or target is 0."""
    t = floats(target)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = subtract(floats(result), t) / np.abs(t)
    return _float_series(np.where(t == 0, np.nan, values), target.index)


def budget_use(budget: np.ndarray, spent: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                               np.ndarray]:
    """(spent − budget, spent ÷ budget, overspent) of budget lines: NaN where empty (and
    the share where the budget is 0); overspent where both are typed and spent > budget."""
    equal = approx_equal(spent, budget)
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(budget == 0, np.nan, spent / budget)
        within = (spent <= budget) | equal  # at_most(spent, budget)
    over = ~within & ~np.isnan(spent) & ~np.isnan(budget)
    return _subtract(spent, budget, equal), consumed, over


# -- statuses --------------------------------------------------------------------------------


def way_keys(words: np.ndarray, vocab: Vocabulary) -> np.ndarray:
    """:func:`direction_keys` of case-folded words, as an array."""
    return _WAYS.take(np.where(words == vocab.down, 1, np.where(words == vocab.none, 2, 0)))


def direction_keys(directions: pd.Series, vocab: Vocabulary) -> pd.Series:
    """«Hausse» / «Baisse» / «—» typed in a row → "up" / "down" / "none".

    As the formula reads the cell: «Baisse» (any case) is down, «—» none, anything else
    (empty, «Hausse», a word of the other language) up.
    """
    keys = way_keys(folded_array(directions), vocab)
    return pd.Series(strings(keys), index=directions.index, copy=False)


def ways(direction: pd.Series) -> np.ndarray:
    """A column of direction keys as an array, "up" where empty."""
    keys = direction.to_numpy(object)
    return np.where(pd.isna(keys), "up", keys)


def status_codes(target: np.ndarray, result: np.ndarray, way: np.ndarray, tolerance: float,
                 equal: np.ndarray | None = None) -> np.ndarray:
    """:func:`status_keys` on arrays, as codes (KEY_ORDER); ``equal`` is
    ``approx_equal(result, target)`` when it is known already."""
    t, r = target, result
    if equal is None:
        equal = approx_equal(r, t)
    band = np.abs(t) * tolerance
    with np.errstate(invalid="ignore"):
        up_met, down_met = (r >= t) | equal, (r <= t) | equal
    up = np.where(up_met, _MET, np.where(at_least(r, subtract(t, band)), _NEAR, _MISSED))
    down = np.where(down_met, _MET, np.where(at_most(r, add(t, band)), _NEAR, _MISSED))
    codes = np.where(way == "none", _TRACKING, np.where(way == "down", down, up))
    t_empty, r_empty = np.isnan(t), np.isnan(r)
    codes = np.where(t_empty | r_empty, _MISSING, codes)
    return np.where(t_empty & r_empty, _BLANK, codes)


def status_keys(target: pd.Series, result: pd.Series, direction: pd.Series,
                tolerance: float) -> pd.Series:
    """The status of each row as a key: "", missing, tracking, met, near or missed.

    ``direction`` holds "up", "down" or "none" per row.
    """
    codes = status_codes(floats(target), floats(result), ways(direction), tolerance)
    return pd.Series(strings(KEYS.take(codes)), index=target.index, copy=False)


def word_table(vocab: Vocabulary) -> np.ndarray:
    """The word of each status code (KEY_ORDER) in the workbook's language."""
    return np.array([vocab.status.get(key, "") for key in KEY_ORDER], dtype=object)


def status_words(keys: pd.Series, vocab: Vocabulary) -> pd.Series:
    """Status keys as the workbook's words ("" stays "")."""
    words = [vocab.status.get(key, "") for key in keys.to_numpy(object)]
    return _strings_like(np.array(words, dtype=object), keys)


@dataclass(frozen=True)
class Chosen:
    """The status a qualitative objective shows: the one the user chose, or «Qualitatif»."""

    rows: np.ndarray  # bool: the row is a qualitative objective
    words: np.ndarray  # the word it shows ("" on other rows)
    keys: np.ndarray  # that word's key, «qualitative» when it is no status word


def chosen_statuses(kind: pd.Series, status: pd.Series, vocab: Vocabulary) -> Chosen:
    """The rows whose type is «Qualitatif» and the status they show."""
    rows = folded_array(kind) == vocab.qualitative_type
    picked = texts(status)
    words = np.where(rows, np.where(picked != "", picked, vocab.status["qualitative"]), "")
    keys = [(vocab.status_key(w) or "qualitative") if q else ""
            for w, q in zip(words, rows, strict=True)]
    return Chosen(rows, words.astype(object), np.array(keys, dtype=object))


def qualitative(kind: pd.Series, chosen: pd.Series, keys: pd.Series, words: pd.Series,
                vocab: Vocabulary) -> tuple[pd.Series, pd.Series]:
    """(keys, words) where a qualitative objective keeps its chosen status.

    A row whose type is «Qualitatif» shows the status the user chose, as typed, or
    «Qualitatif» when none is chosen; its key is that word's key, «qualitative» otherwise.
    """
    shown = chosen_statuses(kind, chosen, vocab)
    return (_strings_like(np.where(shown.rows, shown.keys, keys.to_numpy(object)), keys),
            _strings_like(np.where(shown.rows, shown.words, words.to_numpy(object)), words))


def late_flags(ends: np.ndarray, progress: np.ndarray, as_of: dt.date,
               vocab: Vocabulary) -> np.ndarray:
    """:func:`late` on a datetime64 array and case-folded progress words."""
    closed = {w for w, k in vocab.progress.items() if k in ("done", "cancelled")}
    going = np.array([word not in closed for word in progress], dtype=bool)
    return (ends < np.datetime64(as_of)) & going


def late(end: pd.Series, progress: pd.Series, as_of: dt.date,
         vocab: Vocabulary) -> pd.Series:
    """True where the end date is past and the progress is neither done nor cancelled."""
    flags = late_flags(stamps(end), folded_array(progress), as_of, vocab)
    return pd.Series(booleans(flags), index=end.index, copy=False)


def late_words(flags: pd.Series, vocab: Vocabulary) -> pd.Series:
    """The workbook's «Retard» cell: «En retard» or ""."""
    return _strings_like(np.where(flags.to_numpy(dtype=bool, na_value=False), vocab.late, ""),
                         flags)
