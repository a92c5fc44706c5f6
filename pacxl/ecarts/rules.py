"""The gap rules, vectorised on pandas Series: the workbook's formulas, in pandas.

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
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .vocab import Vocabulary, folded

EPSILON = 2.0**-48  # LibreOffice's rtl::math::approxEqual
MAX_EXACT = 2.0**53  # integers exactly representable in a double


def floats(series: pd.Series) -> np.ndarray:
    """A numeric Series as a float array, NaN where a value is missing."""
    return pd.to_numeric(series).astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _float_series(values: np.ndarray, index: pd.Index) -> pd.Series:
    series = pd.Series(values, index=index, dtype="Float64")
    return series.mask(np.isnan(values))


def _integral(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (np.abs(x) < MAX_EXACT) & (np.floor(x) == x)


def approx_equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise equality as LibreOffice decides it (never true for NaN)."""
    with np.errstate(invalid="ignore", over="ignore"):
        d = np.abs(a - b)
        close = ((a != 0) & (b != 0) & np.isfinite(d)
                 & (d < np.abs(a) * EPSILON) & (d < np.abs(b) * EPSILON)
                 & ~(_integral(d) & _integral(a) & _integral(b)))
    return (a == b) | close


def subtract(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a − b, 0 when a and b are equal as a spreadsheet sees them."""
    same_sign = ((a < 0) & (b < 0)) | ((a > 0) & (b > 0))
    return np.where(same_sign & approx_equal(a, b), 0.0, a - b)


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


def gap(target: pd.Series, result: pd.Series) -> pd.Series:
    """result − target (Float64), empty where either is."""
    return _float_series(subtract(floats(result), floats(target)), target.index)


def gap_points(target: pd.Series, result: pd.Series, rate: pd.Series) -> pd.Series:
    """The gap of a rate in percentage points, (result − target) × 100; empty elsewhere."""
    points = subtract(floats(result), floats(target)) * 100
    return _float_series(np.where(rate.fillna(False).to_numpy(bool), points, np.nan),
                         target.index)


def gap_pct(target: pd.Series, result: pd.Series) -> pd.Series:
    """(result − target) ÷ |target| (Float64), empty when either is empty or target is 0."""
    t = floats(target)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = subtract(floats(result), t) / np.abs(t)
    return _float_series(np.where(t == 0, np.nan, values), target.index)


# -- statuses --------------------------------------------------------------------------------


def direction_keys(directions: pd.Series, vocab: Vocabulary) -> pd.Series:
    """«Hausse» / «Baisse» / «—» typed in a row → "up" / "down" / "none".

    As the formula reads the cell: «Baisse» (any case) is down, «—» none, anything else
    (empty, «Hausse», a word of the other language) up.
    """
    words = folded(directions)
    keys = np.where(words == vocab.down, "down", np.where(words == vocab.none, "none", "up"))
    return pd.Series(keys, index=directions.index, dtype="string")


def status_keys(target: pd.Series, result: pd.Series, direction: pd.Series,
                tolerance: float) -> pd.Series:
    """The status of each row as a key: "", missing, tracking, met, near or missed.

    ``direction`` holds "up", "down" or "none" per row.
    """
    t, r = floats(target), floats(result)
    t_empty, r_empty = np.isnan(t), np.isnan(r)
    band = np.abs(t) * tolerance
    up = np.where(at_least(r, t), "met", np.where(at_least(r, subtract(t, band)), "near",
                                                    "missed"))
    down = np.where(at_most(r, t), "met", np.where(at_most(r, add(t, band)), "near", "missed"))
    way = direction.fillna("up").to_numpy(str)
    keys = np.where(way == "none", "tracking", np.where(way == "down", down, up))
    keys = np.where(t_empty | r_empty, "missing", keys)
    keys = np.where(t_empty & r_empty, "", keys)
    return pd.Series(keys, index=target.index, dtype="string")


def status_words(keys: pd.Series, vocab: Vocabulary) -> pd.Series:
    """Status keys as the workbook's words ("" stays "")."""
    return keys.map(lambda key: vocab.status.get(key, "")).astype("string")


def qualitative(kind: pd.Series, chosen: pd.Series, keys: pd.Series, words: pd.Series,
                vocab: Vocabulary) -> tuple[pd.Series, pd.Series]:
    """(keys, words) where a qualitative objective keeps its chosen status.

    A row whose type is «Qualitatif» shows the status the user chose, as typed, or
    «Qualitatif» when none is chosen; its key is that word's key, «qualitative» otherwise.
    """
    is_qual = folded(kind) == vocab.qualitative_type
    picked = chosen.astype("string").fillna("")
    shown = picked.where(picked != "", vocab.status["qualitative"])
    picked_keys = shown.map(lambda w: vocab.status_key(w) or "qualitative").astype("string")
    return keys.where(~is_qual, picked_keys), words.where(~is_qual, shown)


def late(end: pd.Series, progress: pd.Series, as_of: dt.date,
         vocab: Vocabulary) -> pd.Series:
    """True where the end date is past and the progress is neither done nor cancelled."""
    closed = {w for w, k in vocab.progress.items() if k in ("done", "cancelled")}
    ends = pd.to_datetime(end)
    past = (ends < pd.Timestamp(as_of)).fillna(False).astype(bool)
    return (past & ~folded(progress).isin(closed)).astype("boolean")


def late_words(flags: pd.Series, vocab: Vocabulary) -> pd.Series:
    """The workbook's «Retard» cell: «En retard» or ""."""
    return flags.map(lambda f: vocab.late if f else "").astype("string")
