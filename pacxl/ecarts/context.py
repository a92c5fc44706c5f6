"""What every part of the analysis shares: the description, the words, the review period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..reader.frames import Workbook, table_frame
from ..spec import Spec, load_spec
from .prorata import Period, period
from .vocab import Vocabulary, vocabulary


@dataclass(frozen=True)
class Ctx:
    """The analysis of one workbook: its description, words, period and tolerance."""

    spec: Spec
    vocab: Vocabulary  # the workbook's language: statuses are the workbook's words
    lang: str  # the language of messages (reasons, data-quality items)
    period: Period
    tolerance: float
    tolerance_typed: bool  # False: Paramètres had none, the description's default is used
    sheets: dict[str, str]  # sheet key -> its name in the file

    @property
    def as_of(self) -> dt.date:
        """The review date."""
        return self.period.as_of

    def sheet(self, key: str) -> str:
        """The name of a sheet in the file (the description's name if it was not found)."""
        return self.sheets.get(key) or self.spec.sheet(key).name(self.vocab.lang)

    def header(self, section: str, column: str) -> str:
        """A table column's header in the workbook's language."""
        return self.spec.section(section)[1].column(column).header(self.vocab.lang)


def make_ctx(workbook: Workbook, as_of: dt.date | str | None = None,
             lang: str | None = None, spec: Spec | None = None) -> Ctx:
    """The context of one analysis: review period, tolerance (the description's default
    when *Paramètres* has none), words of the workbook's language."""
    spec = spec or load_spec()
    params = workbook.params
    tolerance = params.get("tolerance")
    typed = isinstance(tolerance, float | int)
    plan = workbook.plan
    return Ctx(
        spec=spec,
        vocab=vocabulary(spec, workbook.lang, params.get("currency")),
        lang=lang or workbook.lang,
        period=period(params, as_of),
        tolerance=float(tolerance) if typed else float(spec.defaults["tolerance"]),
        tolerance_typed=typed,
        sheets=dict(plan.sheets) if plan is not None else {},
    )


_EMPTY: dict[tuple[int, str], tuple[Spec, pd.DataFrame]] = {}  # the typed empty tables


def table(frame: pd.DataFrame | None, spec: Spec, section: str) -> pd.DataFrame:
    """A table as read, with every input column of the description even when it is empty."""
    cached = _EMPTY.get((id(spec), section))
    if cached is None or cached[0] is not spec:
        cached = _EMPTY[(id(spec), section)] = (spec, table_frame(spec.section(section)[1], []))
    empty = cached[1]
    if frame is None or frame.columns.empty:
        return empty.copy()
    frame = frame.copy(deep=False)  # copy-on-write: the read is never changed
    for col in empty.columns:
        if col not in frame:
            frame[col] = pd.Series(pd.NA, index=frame.index, dtype=empty[col].dtype)
    if _numbered(frame.index):
        return frame
    return frame.reset_index(drop=True)


def _numbered(index: pd.Index) -> bool:
    # a nameless 0, 1, 2… index, the one reset_index gives
    return (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
            and index.name is None)


def with_columns(frame: pd.DataFrame, columns: dict[str, Any]) -> pd.DataFrame:
    """``frame`` followed by ``columns`` (typed arrays of its length), as a new frame.

    One concatenation, not one insertion per column (each insertion costs as much).
    """
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index, copy=False)], axis=1)


def truthy(flag: Any) -> bool:
    """A nullable boolean cell as a plain bool (empty is False)."""
    return flag is not None and flag is not pd.NA and bool(flag)


def series(frame: pd.DataFrame, values: Any, dtype: str) -> pd.Series:
    """A column of ``frame``'s length and index."""
    return pd.Series(values, index=frame.index, dtype=dtype)
