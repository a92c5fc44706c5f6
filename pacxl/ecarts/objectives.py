"""The SMART objectives of *Objectifs*: gap, gap %, status, and the same at the review date."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import prorata, rules
from .arrays import booleans, float64, int64, stamps
from .context import Ctx, table, with_columns
from .measure import fact_columns, flow_rows, gap_columns, typed_facts


def analyse_objectives(objectives: pd.DataFrame | None, ctx: Ctx) -> pd.DataFrame:
    """Every SMART objective as read, with its gaps and statuses (see :class:`Analysis`)."""
    frame = table(objectives, ctx.spec, "smart")
    row = typed_facts(frame, ctx, qualitative=True)
    target = rules.floats(frame["target"])
    flow = flow_rows(frame, row, ctx) & ~row.chosen.rows
    period = ctx.period
    starts = np.full(len(frame), np.datetime64(period.start, "s"))
    share = prorata.share_array(starts, stamps(frame["deadline"]), period.as_of, period.elapsed)
    to_date = prorata.to_date_array(target, share, flow)
    return with_columns(frame, {
        **fact_columns(row), "qualitative": booleans(row.chosen.rows),
        **gap_columns(row, target, ctx),
        "flow": booleans(flow), "share": float64(share), "target_to_date": float64(to_date),
        **gap_columns(row, to_date, ctx, suffix="_to_date"),
    })


def link_actions(objectives: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Add the count, budget and spending of each objective's linked actions."""
    linked = _linked(actions)
    ids = objectives["id"].to_numpy(object)
    none = _Linked()  # no linked action (or no id): 0, 0, 0
    found = [none if empty else linked.get(key, none)
             for key, empty in zip(ids, pd.isna(ids), strict=True)]
    objectives["actions"] = int64([t.count for t in found], np.zeros(len(found), dtype=bool))
    objectives["actions_budget"] = float64([t.budget.total for t in found])
    objectives["actions_spent"] = float64([t.spent.total for t in found])
    return objectives


class _Sum:
    """A sum as pandas' groupby adds up Float64 values: empty cells skipped, each addition
    compensated (Kahan), so that the totals are those of ``groupby(...).sum()`` to the bit."""

    __slots__ = ("carry", "total")

    def __init__(self) -> None:
        self.total = self.carry = 0.0

    def add(self, value: float) -> None:
        if value != value:  # NaN: an empty cell
            return
        y = value - self.carry
        t = self.total + y
        self.carry = t - self.total - y
        if self.carry != self.carry:  # an infinite value: keep the infinity, not NaN
            self.carry = 0.0
        self.total = t


@dataclass
class _Linked:
    count: int = 0
    budget: _Sum = field(default_factory=_Sum)
    spent: _Sum = field(default_factory=_Sum)


def _linked(actions: pd.DataFrame) -> dict[str, _Linked]:
    # per objective id, in one pass (a groupby costs more than the few rows of a plan)
    linked: dict[str, _Linked] = {}
    ids = actions["objective_id"].to_numpy(object)
    budget, spent = rules.floats(actions["budget"]), rules.floats(actions["spent"])
    for key, empty, b, s in zip(ids, pd.isna(ids), budget.tolist(), spent.tolist(),
                                strict=True):
        if not empty:
            total = linked.get(key)
            if total is None:
                total = linked[key] = _Linked()
            total.count += 1
            total.budget.add(b)
            total.spent.add(s)
    return linked
