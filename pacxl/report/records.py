"""The analysis as plain Python values: what JSON and CSV write.

Dates become ISO strings, an empty value ``None``, numpy and pandas scalars plain ``int``,
``float`` and ``bool``; NaN and infinities (never expected) become ``None`` too.

:func:`plain` converts one value. :func:`chunks` converts a whole frame a few thousand rows
at a time, a column at once, each distinct value once: a consolidation has a million rows,
and a value at a time costs a minute. A :class:`Column` gives exactly what :func:`plain`
gives, cell by cell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

CHUNK = 4096  # rows converted at a time: the memory a writer holds stays bounded
_SIMPLE = {"f": "float", "i": "int", "u": "int", "b": "bool"}  # numpy kind → Column kind
_TINY = 16  # below this many rows, a column is converted a value at a time
_HASHED = 256  # from this many rows on, a column's distinct values are looked for
_MASKED = pd.arrays.FloatingArray | pd.arrays.IntegerArray | pd.arrays.BooleanArray


def plain(value: Any) -> Any:
    """One cell as a JSON-ready Python value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if _midnight(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _midnight(value: dt.datetime) -> bool:
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    """Some rows of one column, as :func:`plain` gives them: its distinct values, and which
    one each row holds.

    A writer encodes each distinct value once, then takes each row's text by its code:
    labels, statuses, empty cells and round figures repeat from row to row. ``codes`` holds,
    for each row, the position of its value in ``uniques``, or -1 where the value is
    ``None``. ``kind`` says what ``uniques`` is: ``float``, ``int`` or ``bool``, a numpy
    array of ``float64``, integers or booleans; ``text``, a list of ``str``; ``any``, a list
    of plain values of any type, one a row (``None`` included).
    """

    name: str
    kind: str
    uniques: Any
    codes: np.ndarray

    def take(self, texts: list[Any], missing: Any) -> list[Any]:
        """Each row's item of ``texts`` (one per unique value, none a list), ``missing``
        where the value is ``None``."""
        return np.array([*texts, missing], dtype=object)[self.codes].tolist()


def reprs(numbers: np.ndarray) -> list[str]:
    """The ``repr`` of every number of a numpy array, all at once.

    A list's repr is its items' reprs between ", ", and no number's repr holds a space.
    """
    return repr(numbers.tolist())[1:-1].split(", ") if len(numbers) else []


def chunks(frame: pd.DataFrame, size: int = CHUNK) -> Iterator[tuple[int, list[Column]]]:
    """The rows of ``frame``, ``size`` at a time: (number of rows, every column in order)."""
    series = [(str(name), s) for name, s in frame.items()]
    for start in range(0, len(frame), size):
        stop = min(start + size, len(frame))
        yield stop - start, [_column(name, s.array[start:stop]) for name, s in series]


def _column(name: str, array: Any) -> Column:
    # some rows of a column (a pandas array) as plain values
    if len(array) < _TINY:  # a value at a time costs less than setting up numpy
        return _any(name, array)
    dtype = array.dtype
    numpy_dtype = getattr(dtype, "numpy_dtype", None)  # masked or numpy, not text
    if isinstance(array, _MASKED | pd.arrays.NumpyExtensionArray) and (
            numpy_dtype is not None and numpy_dtype.kind in _SIMPLE):
        return _simple(name, array, numpy_dtype)
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        stamps = array.to_numpy()
        if _usual_years(stamps):
            codes, uniques = _distinct(stamps.view(np.int64), np.isnat(stamps))
            return Column(name, "text", _dates(uniques.view(stamps.dtype)), codes)
    if isinstance(dtype, pd.StringDtype):
        texts = np.asarray(array, dtype=object)  # str or NA
        # hashing skips NA by itself, and looking for it costs as much
        codes, uniques = _distinct(texts, pd.isna(texts) if len(texts) < _HASHED else None)
        return Column(name, "text", uniques.tolist(), codes)
    return _any(name, array)


def _any(name: str, array: Any) -> Column:
    # iterating a numpy array gives numpy scalars where a Series gives Python's: plain()
    # makes them the same
    values = [plain(v) for v in array]
    return Column(name, "any", values, np.arange(len(values)))


def _simple(name: str, array: Any, numpy_dtype: np.dtype) -> Column:
    # float32 is widened: its values are the float64 that .item() gives, and CSV's
    # « abs < 1e15 » must compare in float64
    kind = _SIMPLE[numpy_dtype.kind]
    target = np.dtype(np.float64) if kind == "float" else numpy_dtype
    if isinstance(array, _MASKED):
        missing = np.asarray(array.isna())
        data = array.to_numpy(dtype=target, na_value=target.type(0))
    else:
        missing = None
        data = array.to_numpy().astype(target, copy=False)
    if kind == "bool":
        codes = data.astype(np.intp)
        return Column(name, kind, np.array([False, True]), _missing(codes, missing))
    if kind == "int":
        codes, uniques = _distinct(data, missing)
        return Column(name, kind, uniques, codes)
    infinite = ~np.isfinite(data)
    missing = infinite if missing is None else missing | infinite
    # by their bits: a hash table takes -0.0 for 0.0, json.dumps does not
    codes, uniques = _distinct(data.view(np.int64), missing)
    return Column(name, kind, uniques.view(np.float64), codes)


def _present(keys: np.ndarray, missing: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    # each row's position among the values not missing (-1 where missing); those values
    if missing is None:
        return np.arange(len(keys)), keys
    return _missing(np.cumsum(~missing) - 1, missing), keys[~missing]


def _distinct(keys: np.ndarray, missing: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    # each row's position among the distinct values not missing (-1 where missing); those
    if len(keys) < _HASHED:  # hashing costs ~40 µs a call: a few values are cheaper written twice
        return _present(keys, missing)
    if missing is None:
        return pd.factorize(keys)
    codes = np.full(len(keys), -1, dtype=np.intp)
    codes[~missing], uniques = pd.factorize(keys[~missing])
    return codes, uniques


def _missing(codes: np.ndarray, missing: np.ndarray | None) -> np.ndarray:
    # the codes, -1 where missing
    if missing is not None:
        codes[missing] = -1
    return codes


def _usual_years(stamps: np.ndarray) -> bool:
    # numpy writes years 1-9999 as date.isoformat does; others take the slow road
    found = stamps[~np.isnat(stamps)].astype("datetime64[Y]").astype(np.int64) + 1970
    return not found.size or (found.min() >= 1 and found.max() <= 9999)


def _dates(stamps: np.ndarray) -> list[str]:
    # midnight (every date of an analysis) as YYYY-MM-DD, a time of day as plain() writes it
    days = stamps.astype("datetime64[D]")
    texts: list[str] = np.datetime_as_string(days).tolist()
    for position in np.flatnonzero(days != stamps).tolist():
        texts[position] = plain(pd.Timestamp(stamps[position]))
    return texts


def header(analysis: Any) -> dict[str, Any]:
    """The plain attributes of an analysis: who, when, which fiscal year."""
    names = ("path", "company", "year", "currency", "lang", "messages_lang", "as_of",
             "as_of_source", "fiscal_start", "fiscal_end", "elapsed", "tolerance", "sheets")
    return {name: plain(getattr(analysis, name)) for name in names}
