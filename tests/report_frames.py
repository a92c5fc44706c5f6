"""Frames with every dtype and awkward value the JSON and CSV writers must write exactly as
a value-at-a-time writer would (their one-row-at-a-time reference lives in each test)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

INF, NAN = float("inf"), float("nan")
# text that JSON must escape, CSV must quote or neutralise, and a template must not read
TEXTS = ["a", None, 'é"\\\n\t\u2028', "=1", "", "<b>", "\x00x", "%s {0} %%", "a;b", "c,d\r",
         " s", "'", '"', "-2+3"]


def odd_frame(rows: int) -> pd.DataFrame:
    """``rows`` rows of every dtype a writer meets, values repeating, a repeated column
    name and a column named by a number."""
    def cycle(values: list, dtype: str | None = None) -> pd.Series:
        return pd.Series([values[i % len(values)] for i in range(rows)], dtype=dtype)

    stamps = pd.to_datetime(["2027-01-01", None, "2027-06-30 12:30", "2028-02-29",
                             "2027-01-01 00:00:00.000001"], format="mixed")
    frame = pd.DataFrame({
        "Float64": cycle([1.0, 2.5, None, -0.0, 0.0, 1e16, 1e15, 0.1 + 0.2, 1e-7, -1234.5],
                         "Float64"),
        "float64": cycle([1.0, NAN, INF, -INF, 1e300, -5.0, 7.25]),
        "float32": cycle([1.5, NAN, 0.1, 3.0], "float32"),
        "Int64": cycle([1, None, -3, 2**53 + 1, 0], "Int64"),
        "int64": np.arange(rows, dtype="int64") % 7 - 3,
        "uint8": (np.arange(rows) % 250).astype("uint8"),
        "boolean": cycle([True, False, None], "boolean"),
        "bool": cycle([True, False, False]),
        "string": cycle(TEXTS, "string"),
        "dates": cycle([dt.date(2027, 1, 1), None, dt.date(2027, 3, 31)], "datetime64[s]"),
        "times": pd.Series([stamps[i % len(stamps)] for i in range(rows)]),
        "object": cycle([None, pd.NA, pd.NaT, dt.date(2027, 1, 2), dt.datetime(2027, 1, 2, 3),
                         {"a": 1, 2: {"x": NAN}}, [1, "b"], np.int64(3), "x", INF],
                        "object"),
        "category": cycle(["a", "b", None], "category"),
        1: np.arange(rows),
    })
    frame.insert(3, "string", cycle(["shadowed", None], "string"), allow_duplicates=True)
    return frame


def single_column(rows: int) -> pd.DataFrame:
    """One text column whose empty cells a CSV writer must still write as a field."""
    return pd.DataFrame({"": pd.array([TEXTS[i % len(TEXTS)] for i in range(rows)],
                                      dtype="string")})
