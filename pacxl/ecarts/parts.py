"""Analyses packed for a consolidation: the rows of a run of workbooks stacked in a few frames.

    part = pack([analyse(w) for w in workbooks])    # in a batch worker
    total = merge([part, other_part, ...])          # pacxl.ecarts.consolidate.merge

A :class:`Part` is what a batch worker sends back for a run of workbooks: every row frame of
their analyses already stacked (one frame per table, a ``source`` column numbering the
workbook within the part), and one :class:`Head` per workbook with what the consolidation
needs besides rows: plain attributes, the summary and burn figures, the budget months, the
order of the groups. A thousand analyses cost a thousand unpicklings of some thirty small
frames each; a few dozen parts cost a few dozen of large ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from .aggregate import DIMENSIONS
from .model import Analysis, Facts

ROWS = ("objectives", "actions", "kpis", "scorecard", "budget_lines", "budget_blocks",
        "budget_phased", "suggestions", "quality")
PER_SOURCE = ("objective", "source")  # the groupings kept per workbook
# the groupings computed again over every action: the order of their groups is kept
REGROUPED = tuple(name for name in DIMENSIONS if name not in PER_SOURCE)


@dataclass
class Head(Facts):
    """One workbook's analysis without its rows."""

    summary: dict[str, Any]
    burn: dict[str, Any]
    first_month: pd.Timestamp  # the first month of its fiscal year
    planned: list[float]  # the planned budget of each of its months (0 when none)
    quarter_labels: list[str]
    orders: dict[str, list[Any]]  # grouping → its group keys, in order (none empty)
    actions: int  # how many rows it has in ``actions``
    by_names: list[str]  # the groupings of its ``by``, in order

    @classmethod
    def of(cls, a: Analysis) -> Head:
        months = a.budget_months
        facts = {f.name: getattr(a, f.name) for f in fields(Facts)}
        return cls(
            **facts | {"sheets": dict(a.sheets)}, summary=a.summary, burn=a.burn,
            first_month=months["period"].iloc[0],
            planned=months["planned"].to_numpy(float, na_value=0.0).tolist(),
            quarter_labels=list(a.budget_quarters["label"]),
            orders={name: [v for v in a.by[name][DIMENSIONS[name][0]].tolist()
                           if v is not pd.NA] for name in REGROUPED},
            actions=len(a.actions), by_names=list(a.by),
        )


@dataclass
class Part:
    """The analyses of a run of workbooks: their heads, and their rows stacked per table
    (``ROWS``, then ``by_objective`` and ``by_source``), each behind a ``source`` column
    holding the workbook's position in ``heads``."""

    heads: list[Head]
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)


def pack(analyses: Sequence[Analysis]) -> Part:
    """The analyses of single workbooks as one part.

    Raises:
        ValueError: an analysis that is itself a consolidation.
    """
    if any(not a.sources.empty for a in analyses):
        raise ValueError("consolidate() takes the analyses of single workbooks")
    positions = list(range(len(analyses)))
    rows = {name: stack([getattr(a, name) for a in analyses], positions) for name in ROWS}
    rows |= {f"by_{name}": stack([a.by[name] for a in analyses], positions)
             for name in PER_SOURCE}
    return Part([Head.of(a) for a in analyses], rows)


def stack(frames: Sequence[pd.DataFrame], keys: Sequence[Any]) -> pd.DataFrame:
    """The frames one after the other behind a ``source`` column (``keys``: one per frame,
    text or a number); each column keeps the dtype it has in the first frame that holds it,
    and a column of their own named ``source`` (quality's: analysis or import) becomes
    ``origin``."""
    whole = _concat(frames).rename(columns={"source": "origin"})
    values = np.repeat(np.array(keys, dtype=object), [len(f) for f in frames])
    numbered = all(isinstance(k, int) for k in keys)
    whole.insert(0, "source", pd.array(values, dtype="Int64" if numbered else "string"))
    return whole


def joined(parts: Sequence[Part], keys: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Every table of the parts one after the other, ``source`` the workbooks' ``keys``
    (one per head, the parts in order)."""
    labels = np.array(keys, dtype=object)
    starts = np.cumsum([0] + [len(p.heads) for p in parts])
    out = {}
    for name in parts[0].rows:
        frames = [p.rows[name] for p in parts]
        positions = np.concatenate([f["source"].to_numpy(int) + start
                                    for f, start in zip(frames, starts, strict=False)])
        whole = _concat(frames)
        whole["source"] = pd.array(labels[positions], dtype="string")
        out[name] = whole
    return out


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    # one after the other, each column with the first dtype met (see _dtypes)
    dtypes = _dtypes(frames)
    full = [f for f in frames if len(f)]
    if full:
        whole = pd.concat(full, ignore_index=True)
    else:  # nothing to add: the empty columns, typed
        whole = pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})
    if list(whole.columns) != list(dtypes) or whole.dtypes.to_dict() != dtypes:
        whole = whole.reindex(columns=list(dtypes)).astype(dtypes)
    return whole


def _dtypes(frames: Sequence[pd.DataFrame]) -> dict[str, Any]:
    """Every column, in the order met, with its first dtype (the frames of one version of
    pacxl share their columns: then the first frame's)."""
    first = frames[0].columns
    if all(f.columns.equals(first) for f in frames):
        return frames[0].dtypes.to_dict()
    dtypes: dict[str, Any] = {}
    for frame in frames:
        for column, dtype in frame.dtypes.items():
            dtypes.setdefault(column, dtype)
    return dtypes
