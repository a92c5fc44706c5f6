"""Budget: the lines and blocks of *Budget*, the scorecard, the *Calendrier* phasing, burn.

Every figure is the one the workbook computes: a block's total is the SUM of its lines (0
when none is typed), its gap spent − budget, its use spent ÷ budget (empty for a zero
budget). The phasing is the *Calendrier* formula: an action's budget × the days of the
action that fall in the month ÷ the action's days, for each month of the fiscal year; an
action without both dates, without budget or ending before it starts is not phased.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..reader.frames import Workbook
from . import prorata, rules
from .context import Ctx, table

MONTHS = 12
PROGRAMMES = ("scorecard", "programmes")  # the scorecard metric that adds up the blocks
METHOD_KEYS = ("renewal_rate", "envelope_rate")


def block_keys(ctx: Ctx) -> tuple[str, ...]:
    """The budget blocks, as the scorecard's programme line adds them up."""
    section, metric = PROGRAMMES
    return ctx.spec.section(section)[1].metric(metric).sum_of


def _ratio(spent: pd.Series, budget: pd.Series) -> pd.Series:
    s, b = rules.floats(spent), rules.floats(budget)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(b == 0, np.nan, s / b)
    return pd.Series(values, index=spent.index, dtype="Float64").mask(np.isnan(values))


def budget_lines(workbook: Workbook, ctx: Ctx) -> pd.DataFrame:
    """Every typed line of the three blocks, with its gap, use and overspending."""
    frames = [table(workbook.tables.get(key), ctx.spec, key).assign(block=key)
              for key in block_keys(ctx)]
    frame = pd.concat(frames, ignore_index=True)
    frame["block"] = frame["block"].astype("string")
    frame.insert(0, "block", frame.pop("block"))
    frame["gap"] = rules.gap(frame["budget"], frame["spent"])
    frame["consumed"] = _ratio(frame["spent"], frame["budget"])
    spent, budget = rules.floats(frame["spent"]), rules.floats(frame["budget"])
    over = ~rules.at_most(spent, budget) & ~np.isnan(spent) & ~np.isnan(budget)
    frame["overspent"] = pd.Series(over, index=frame.index, dtype="boolean")
    return frame


def budget_blocks(lines: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """One row per block and a grand total: the total rows of *Budget*."""
    records = []
    for key in block_keys(ctx):
        part = lines[lines["block"] == key]
        title = ctx.spec.section(key)[1].title
        label = title(ctx.vocab.lang) if title else key
        records.append({"block": key, "label": label, "lines": len(part),
                        **{c: float(part[c].sum()) for c in ("n1", "budget", "spent")}})
    total = ctx.spec.kpi_texts["total_label"](ctx.vocab.lang)
    records.append({"block": "total", "label": total, "lines": len(lines),
                    **{c: sum(r[c] for r in records) for c in ("n1", "budget", "spent")}})
    frame = pd.DataFrame.from_records(records).astype(
        {"block": "string", "label": "string", "lines": "Int64", "n1": "Float64",
         "budget": "Float64", "spent": "Float64"})
    frame["gap"] = rules.gap(frame["budget"], frame["spent"])
    frame["consumed"] = _ratio(frame["spent"], frame["budget"])
    frame["overspent"] = (~pd.Series(rules.at_most(rules.floats(frame["spent"]),
                                                   rules.floats(frame["budget"])),
                                     index=frame.index)).astype("boolean")
    return frame


def scorecard(kpis: pd.DataFrame) -> pd.DataFrame:
    """The marketing scorecard (rows of the *Budget* KPI block), N-1 / budget / spent."""
    section = PROGRAMMES[0]
    columns = ["metric", "label", "unit", "n1", "objective", "result", "gap", "gap_points",
               "gap_pct", "status", "row"]
    return kpis.loc[kpis["section"] == section, columns].reset_index(drop=True)


# -- the Calendrier phasing ------------------------------------------------------------------


def _month_starts(ctx: Ctx) -> list[dt.date]:
    return [prorata.month_start(ctx.period.start, i) for i in range(MONTHS)]


def _phase_one(start: Any, end: Any, budget: Any,
               months: list[tuple[dt.date, dt.date]]) -> list[float | None]:
    """One calendar row: the budget × overlapping days ÷ action days, for each month (its
    first and last day)."""
    if pd.isna(start) or pd.isna(end) or pd.isna(budget) or end < start:
        return [None] * len(months)
    first, last = start.date(), end.date()
    days = (last - first).days + 1
    return [float(budget) * (max(0, (min(last, month_end) - max(first, month)).days + 1) / days)
            for month, month_end in months]


def budget_phased(actions: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """Each action's budget month by month (long format), as *Calendrier* phases it."""
    months = _month_starts(ctx)
    spans = [(m, prorata.month_start(m, 1) - dt.timedelta(days=1)) for m in months]
    starts, ends = pd.to_datetime(actions["start"]), pd.to_datetime(actions["end"])
    amounts = [amount
               for start, end, budget in zip(starts, ends, actions["budget"].tolist(),
                                             strict=True)
               for amount in _phase_one(start, end, budget, spans)]
    every = np.repeat(np.arange(len(actions)), MONTHS)  # each action, once per month
    frame = pd.DataFrame({
        "row": actions["row"].array.take(every),
        "id": actions["id"].array.take(every),
        "month": np.tile(np.arange(1, MONTHS + 1), len(actions)),
        "period": np.tile(np.array(months, dtype="datetime64[s]"), len(actions)),
        "quarter": np.tile(np.arange(MONTHS) // 3 + 1, len(actions)),
        "amount": pd.array(amounts, dtype="Float64"),
    })
    return frame.astype({"row": "Int64", "id": "string", "month": "Int64",
                         "period": "datetime64[s]", "quarter": "Int64", "amount": "Float64"})


def budget_months(phased: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The twelve months of the fiscal year: planned budget, cumulated; due or not."""
    sums = phased.groupby("month")["amount"].sum()
    planned = [float(sums.get(i + 1, 0.0)) for i in range(MONTHS)]
    return months_frame(_month_starts(ctx), planned, ctx.as_of)


def months_frame(starts: Sequence[dt.date], planned: Sequence[float],
                 as_of: dt.date) -> pd.DataFrame:
    """The ``budget_months`` frame of months starting on ``starts`` with ``planned``
    amounts: numbered from 1, quarters of three months, cumulated, due by ``as_of``."""
    size = len(starts)
    frame = pd.DataFrame({
        "month": pd.array(range(1, size + 1), dtype="Int64"),
        "period": pd.Series([pd.Timestamp(m) for m in starts], dtype="datetime64[s]"),
        "label": pd.array([m.strftime("%Y-%m") for m in starts], dtype="string"),
        "quarter": pd.array([i // 3 + 1 for i in range(size)], dtype="Int64"),
        "planned": pd.array(planned, dtype="Float64"),
    })
    frame["cumulative"] = frame["planned"].cumsum()
    frame["due"] = pd.array([m <= as_of for m in starts], dtype="boolean")
    return frame


def budget_quarters(months: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The four fiscal quarters: planned budget (the «Total du trimestre» row), cumulated."""
    planned = months.groupby("quarter")["planned"].sum()
    frame = pd.DataFrame({
        "quarter": pd.array(range(1, 5), dtype="Int64"),
        "label": pd.array([ctx.vocab.quarter_label.format(q=q) for q in range(1, 5)],
                          dtype="string"),
        "planned": pd.array([float(planned.get(q, 0.0)) for q in range(1, 5)],
                            dtype="Float64"),
    })
    frame["cumulative"] = frame["planned"].cumsum()
    return frame


# -- burn rate and the budgeting methods -------------------------------------------------------


def _value(kpis: pd.DataFrame, metric: str, period: str) -> float | None:
    rows = kpis[(kpis["section"] == PROGRAMMES[0]) & (kpis["metric"] == metric)]
    if rows.empty or prorata.is_missing(rows[period].iloc[0]):
        return None
    return float(rows[period].iloc[0])


def _div(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _methods(workbook: Workbook, kpis: pd.DataFrame) -> dict[str, Any]:
    """The budgeting methods of *Budget*: renewal of N-1, envelope, retained budget."""
    methods = workbook.plan.forms.get("methods", {}) if workbook.plan is not None else {}
    renewal_rate, envelope_rate = methods.get("renewal_rate"), methods.get("envelope_rate")
    n1, revenue = _value(kpis, "programmes", "n1"), _value(kpis, "revenue", "objective")
    return {
        "renewal_rate": renewal_rate,
        "renewal": None if n1 is None or renewal_rate is None else n1 * (1 + renewal_rate),
        "envelope_rate": envelope_rate,
        "envelope": None if revenue is None or envelope_rate is None
        else revenue * envelope_rate,
        "retained": _value(kpis, "programmes", "objective"),
    }


def burn(workbook: Workbook, kpis: pd.DataFrame, actions: pd.DataFrame,
         months: pd.DataFrame, ctx: Ctx) -> dict[str, Any]:
    """The burn rate against the elapsed year, and the three budgeting methods."""
    budget = _value(kpis, "programmes", "objective")
    spent = _value(kpis, "programmes", "result")
    consumed = None if spent is None else _div(spent, budget)
    elapsed = ctx.period.elapsed
    actions_budget, actions_spent = float(actions["budget"].sum()), float(actions["spent"].sum())
    scheduled = float(months["planned"].sum())
    return {
        "budget": budget, "spent": spent, "consumed": consumed, "elapsed": elapsed,
        "pace": _div(consumed, elapsed),
        "variance": None if consumed is None else consumed - elapsed,
        "actions_budget": actions_budget, "actions_spent": actions_spent,
        "actions_consumed": _div(actions_spent, actions_budget),
        "planned_to_date": float(actions["budget_to_date"].sum()),
        "scheduled": scheduled, "unscheduled": actions_budget - scheduled,
        "bottom_up": actions_budget, **_methods(workbook, kpis),
    }
