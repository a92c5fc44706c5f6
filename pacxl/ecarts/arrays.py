"""Typed columns from numpy arrays, and dates to numpy: one operation per column.

pandas costs per operation, not per value: the analysis computes on numpy arrays and builds
each output column once from them, with the nullable dtype the contract
(:class:`~pacxl.ecarts.model.Analysis`) gives it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def float64(values: np.ndarray) -> pd.arrays.FloatingArray:
    """A float array as a Float64 column, <NA> where NaN."""
    values = np.asarray(values, dtype=float)
    return pd.arrays.FloatingArray(values, np.isnan(values))


def int64(values: np.ndarray, empty: np.ndarray) -> pd.arrays.IntegerArray:
    """An integer array as an Int64 column, <NA> where ``empty``."""
    return pd.arrays.IntegerArray(np.asarray(values, dtype=np.int64), np.asarray(empty, bool))


def booleans(values: np.ndarray, empty: np.ndarray | None = None) -> pd.arrays.BooleanArray:
    """A bool array as a boolean column, <NA> where ``empty`` (nowhere by default)."""
    values = np.asarray(values, dtype=bool)
    mask = np.zeros(len(values), dtype=bool) if empty is None else np.asarray(empty, bool)
    return pd.arrays.BooleanArray(values, mask)


def strings(values: np.ndarray) -> pd.arrays.StringArray:
    """An array of str (or <NA>) as a string column."""
    return pd.arrays.StringArray(np.asarray(values, dtype=object))


def stamps(dates: pd.Series) -> np.ndarray:
    """A date column as a datetime64 array, NaT where empty (as ``pd.to_datetime`` reads it)."""
    if not (isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M"):
        dates = pd.to_datetime(dates)
    return dates.to_numpy()
