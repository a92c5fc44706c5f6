"""The analysis as plain Python values: what JSON and CSV write.

Dates become ISO strings, an empty value ``None``, numpy and pandas scalars plain ``int``,
``float`` and ``bool``; NaN and infinities (never expected) become ``None`` too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd


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


def records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows of ``frame`` as dicts, one at a time, columns in the frame's order."""
    columns = [str(c) for c in frame.columns]
    for row in frame.itertuples(index=False, name=None):
        yield dict(zip(columns, (plain(v) for v in row), strict=True))


def header(analysis: Any) -> dict[str, Any]:
    """The plain attributes of an analysis: who, when, which fiscal year."""
    names = ("path", "company", "year", "currency", "lang", "messages_lang", "as_of",
             "as_of_source", "fiscal_start", "fiscal_end", "elapsed", "tolerance", "sheets")
    return {name: plain(getattr(analysis, name)) for name in names}
