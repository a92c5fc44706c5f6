"""Budget: the lines and blocks of *Budget*, the scorecard, the *Calendrier* phasing, burn.

Every figure is the one the workbook computes: a block's total is the SUM of its lines (0
when none is typed), its gap spent − budget, its use spent ÷ budget (empty for a zero
budget). The phasing is the *Calendrier* formula: an action's budget × the days of the
action that fall in the month ÷ the action's days, for each month of the fiscal year; an
action without both dates, without budget or ending before it starts is not phased.

Each figure is computed on numpy arrays and each frame built once from typed arrays: pandas
costs per operation, whatever the size, and a plan has three blocks and twelve months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from ..reader.frames import Workbook
from . import prorata, rules
from .arrays import booleans, float64, int64, stamps, strings
from .context import Ctx, table

MONTHS = 12
PROGRAMMES = ("scorecard", "programmes")  # the scorecard metric that adds up the blocks
METHOD_KEYS = ("renewal_rate", "envelope_rate")
AMOUNTS = ("n1", "budget", "spent")
INT64, STRING = pandas_dtype("Int64"), pandas_dtype("string")  # resolved once: each alias
# is a search of pandas' registry


def block_keys(ctx: Ctx) -> tuple[str, ...]:
    """The budget blocks, as the scorecard's programme line adds them up."""
    section, metric = PROGRAMMES
    return ctx.spec.section(section)[1].metric(metric).sum_of


def _total(values: np.ndarray) -> float:
    """The sum of the typed values (0 when none is), as pandas sums a Float64 column."""
    return float(np.sum(values, where=~np.isnan(values), axis=0))


def _compensated_sum(values: np.ndarray) -> float:
    """The sum pandas' groupby gives (Kahan's compensated summation), for a few values."""
    total = compensation = 0.0
    for value in values.tolist():
        step = value - compensation
        new = total + step
        compensation = new - total - step
        if compensation != compensation:  # an infinite value: no compensation (as pandas)
            compensation = 0.0
        total = new
    return total


def _unmasked(size: int) -> np.ndarray:
    return np.zeros(size, dtype=bool)


def budget_lines(workbook: Workbook, ctx: Ctx) -> pd.DataFrame:
    """Every typed line of the three blocks, with its gap, use and overspending."""
    keys = block_keys(ctx)
    parts = [table(workbook.tables.get(key), ctx.spec, key) for key in keys]
    lines = pd.concat(parts, ignore_index=True)
    block = np.repeat(np.array(keys, dtype=object), [len(part) for part in parts])
    gap, consumed, over = rules.budget_use(rules.floats(lines["budget"]),
                                           rules.floats(lines["spent"]))
    return pd.DataFrame({"block": strings(block), **{c: lines[c] for c in lines.columns},
                         "gap": float64(gap), "consumed": float64(consumed),
                         "overspent": booleans(over)})


def _block_label(key: str, ctx: Ctx) -> str:
    title = ctx.spec.section(key)[1].title
    return title(ctx.vocab.lang) if title else key


def budget_blocks(lines: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """One row per block and a grand total: the total rows of *Budget*."""
    keys = block_keys(ctx)
    blocks = lines["block"].to_numpy(dtype=object, na_value=None)
    parts = [blocks == key for key in keys]
    sums = {}
    for column in AMOUNTS:
        values = rules.floats(lines[column])
        per_block = [_total(values[part]) for part in parts]
        sums[column] = np.array([*per_block, sum(per_block)])  # the total: the blocks added
    spent, budget = sums["spent"], sums["budget"]
    gap, consumed, _ = rules.budget_use(budget, spent)
    counts = [int(part.sum()) for part in parts] + [len(lines)]
    labels = [_block_label(key, ctx) for key in keys]
    return pd.DataFrame({
        "block": strings(np.array([*keys, "total"], dtype=object)),
        "label": strings(np.array([*labels, ctx.spec.kpi_texts["total_label"](ctx.vocab.lang)],
                                  dtype=object)),
        "lines": int64(counts, _unmasked(len(counts))),
        **{column: float64(values) for column, values in sums.items()},
        "gap": float64(gap), "consumed": float64(consumed),
        "overspent": booleans(~rules.at_most(spent, budget)),  # a total is never empty
    })


SCORECARD = ["metric", "label", "unit", "n1", "objective", "result", "gap", "gap_points",
             "gap_pct", "status", "row"]


def _scorecard_rows(kpis: pd.DataFrame) -> np.ndarray:
    """The positions of the scorecard rows (the *Budget* KPI block) in ``kpis``."""
    sections = kpis["section"].to_numpy(dtype=object, na_value=None)
    return np.flatnonzero(sections == PROGRAMMES[0])


def scorecard(kpis: pd.DataFrame) -> pd.DataFrame:
    """The marketing scorecard (rows of the *Budget* KPI block), N-1 / budget / spent."""
    rows = _scorecard_rows(kpis)
    return pd.DataFrame({column: kpis[column].array.take(rows) for column in SCORECARD})


# -- the Calendrier phasing ------------------------------------------------------------------


def _month_starts(ctx: Ctx) -> list[dt.date]:
    return [prorata.month_start(ctx.period.start, i) for i in range(MONTHS)]


def _phase(start: np.ndarray, end: np.ndarray, budget: np.ndarray,
           months: list[dt.date]) -> np.ndarray:
    """The calendar rows, one per action: the budget × the action's days in the month ÷ its
    days, for each month; NaN for an action without both dates or budget, or ending before
    it starts."""
    amounts = np.full((len(budget), len(months)), np.nan)
    phased = ~(np.isnat(start) | np.isnat(end) | np.isnan(budget) | (end < start))
    first = start[phased, None].astype("datetime64[D]")
    last = end[phased, None].astype("datetime64[D]")
    month_first = np.array(months, dtype="datetime64[D]")
    month_last = np.array([prorata.month_start(m, 1) for m in months], dtype="datetime64[D]") - 1
    days = (last - first).astype(np.int64) + 1
    overlap = (np.minimum(last, month_last) - np.maximum(first, month_first)).astype(np.int64)
    with np.errstate(invalid="ignore"):  # an infinite budget × 0 days is NaN, not a warning
        amounts[phased] = budget[phased, None] * (np.maximum(0, overlap + 1) / days)
    return amounts


def budget_phased(actions: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """Each action's budget month by month (long format), as *Calendrier* phases it."""
    months = _month_starts(ctx)
    amounts = _phase(stamps(actions["start"]), stamps(actions["end"]),
                     rules.floats(actions["budget"]), months)
    count = len(actions)
    every = np.repeat(np.arange(count), MONTHS)  # each action, once per month
    return pd.DataFrame({
        "row": actions["row"].array.take(every).astype(INT64),
        "id": actions["id"].array.take(every).astype(STRING),
        "month": int64(np.tile(np.arange(1, MONTHS + 1), count), _unmasked(count * MONTHS)),
        "period": np.tile(np.array(months, dtype="datetime64[s]"), count),
        "quarter": int64(np.tile(np.arange(MONTHS) // 3 + 1, count),
                         _unmasked(count * MONTHS)),
        "amount": float64(amounts.ravel()),
    })


def budget_months(phased: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The twelve months of the fiscal year: planned budget, cumulated; due or not."""
    sums = phased.groupby("month")["amount"].sum()
    found = dict(zip(sums.index.tolist(), sums.tolist(), strict=True))
    planned = [float(found.get(i + 1, 0.0)) for i in range(MONTHS)]
    return months_frame(_month_starts(ctx), planned, ctx.as_of)


def _cumulated(values: np.ndarray) -> pd.arrays.FloatingArray:
    """The running total of a Float64 column, as its ``cumsum`` (empty values stay empty)."""
    empty = np.isnan(values)
    return pd.arrays.FloatingArray(np.cumsum(np.where(empty, 0.0, values)), empty)


def months_frame(starts: Sequence[dt.date], planned: Sequence[float],
                 as_of: dt.date) -> pd.DataFrame:
    """The ``budget_months`` frame of months starting on ``starts`` with ``planned``
    amounts: numbered from 1, quarters of three months, cumulated, due by ``as_of``."""
    size = len(starts)
    amounts = np.asarray(planned, dtype=float)
    return pd.DataFrame({
        "month": int64(np.arange(1, size + 1), _unmasked(size)),
        "period": np.array(starts, dtype="datetime64[s]"),
        "label": strings(np.array([m.strftime("%Y-%m") for m in starts], dtype=object)),
        "quarter": int64(np.arange(size) // 3 + 1, _unmasked(size)),
        "planned": float64(amounts),
        "cumulative": _cumulated(amounts),
        "due": booleans(np.array([m <= as_of for m in starts], dtype=bool)),
    })


def budget_quarters(months: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The four fiscal quarters: planned budget (the «Total du trimestre» row), cumulated."""
    quarter = months["quarter"].to_numpy(dtype=float, na_value=np.nan)
    planned = rules.floats(months["planned"])
    typed = ~np.isnan(planned)
    sums = np.array([_compensated_sum(planned[typed & (quarter == q)]) for q in range(1, 5)])
    return pd.DataFrame({
        "quarter": int64(np.arange(1, 5), _unmasked(4)),
        "label": strings(np.array([ctx.vocab.quarter_label.format(q=q) for q in range(1, 5)],
                                  dtype=object)),
        "planned": float64(sums),
        "cumulative": _cumulated(sums),
    })


# -- burn rate and the budgeting methods -------------------------------------------------------


def _programmes(kpis: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The first scorecard row of each metric: its ``n1``, ``objective`` and ``result``."""
    rows = _scorecard_rows(kpis)
    metrics = kpis["metric"].to_numpy(dtype=object, na_value=None)[rows]
    values = [kpis[c].to_numpy(dtype=object)[rows] for c in ("n1", "objective", "result")]
    found: dict[str, dict[str, Any]] = {}
    for metric, n1, objective, result in zip(metrics, *values, strict=True):
        found.setdefault(metric, {"n1": n1, "objective": objective, "result": result})
    return found


def _value(programmes: dict[str, dict[str, Any]], metric: str, period: str) -> float | None:
    row = programmes.get(metric)
    if row is None or prorata.is_missing(row[period]):
        return None
    return float(row[period])


def _div(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _methods(workbook: Workbook, programmes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The budgeting methods of *Budget*: renewal of N-1, envelope, retained budget."""
    methods = workbook.plan.forms.get("methods", {}) if workbook.plan is not None else {}
    renewal_rate, envelope_rate = methods.get("renewal_rate"), methods.get("envelope_rate")
    n1 = _value(programmes, "programmes", "n1")
    revenue = _value(programmes, "revenue", "objective")
    return {
        "renewal_rate": renewal_rate,
        "renewal": None if n1 is None or renewal_rate is None else n1 * (1 + renewal_rate),
        "envelope_rate": envelope_rate,
        "envelope": None if revenue is None or envelope_rate is None
        else revenue * envelope_rate,
        "retained": _value(programmes, "programmes", "objective"),
    }


def burn(workbook: Workbook, kpis: pd.DataFrame, actions: pd.DataFrame,
         months: pd.DataFrame, ctx: Ctx) -> dict[str, Any]:
    """The burn rate against the elapsed year, and the three budgeting methods."""
    programmes = _programmes(kpis)
    actions_budget = _total(rules.floats(actions["budget"]))
    scheduled = _total(rules.floats(months["planned"]))
    return {
        **burn_rates(_value(programmes, "programmes", "objective"),
                     _value(programmes, "programmes", "result"), ctx.period.elapsed,
                     actions_budget, _total(rules.floats(actions["spent"]))),
        "planned_to_date": _total(rules.floats(actions["budget_to_date"])),
        "scheduled": scheduled, "unscheduled": actions_budget - scheduled,
        "bottom_up": actions_budget, **_methods(workbook, programmes),
    }


def burn_rates(budget: float | None, spent: float | None, elapsed: float,
               actions_budget: float, actions_spent: float) -> dict[str, Any]:
    """What ``burn`` derives from the *Budget* totals, the share of the year elapsed and the
    actions' totals (shared with the consolidation, which adds up those totals first)."""
    consumed = None if spent is None else _div(spent, budget)
    return {
        "budget": budget, "spent": spent, "consumed": consumed, "elapsed": elapsed,
        "pace": _div(consumed, elapsed),
        "variance": None if consumed is None else consumed - elapsed,
        "actions_budget": actions_budget, "actions_spent": actions_spent,
        "actions_consumed": _div(actions_spent, actions_budget),
    }
