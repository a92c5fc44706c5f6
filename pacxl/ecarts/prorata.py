"""The review date, the elapsed share of the fiscal year, and targets to date.

The review date (``as_of``) is, in this order: the ``as_of`` argument of
:func:`pacxl.analyse` (``--au`` on the command line), the review date typed in
*Paramètres*, today. The workbook itself uses the second and third (``P_DateRef``).

The elapsed share is computed exactly as *Paramètres*' ``P_Ecoule`` formula does:
``MAX(0, MIN(1, (as_of − start + 1) ÷ (end − start + 1)))`` in days, the fiscal year
running from ``DATE(year, first month, 1)`` to ``EDATE(start, 12) − 1``; the same formula
gives the share of any period (an action from its start to its end date, an objective from
the start of the fiscal year to its deadline).

Target to date — what the result should be at the review date:

- a **flow** — an amount that adds up over time: a count or money (KPI units ``integer``
  and ``money``; in *Objectifs* and *Plan d’actions* the units of money and «nombre»), not
  a ratio (a KPI whose expression multiplies or divides) and not a *Baisse* metric (a
  ceiling such as a cost per lead or a keyword position) — is expected pro rata:
  ``target × share``;
- anything else — rates, per-unit costs (``money2``), ranks, years, ratios (``times``),
  scores, days — keeps its target: a 25 % rate is due at 25 % all year long;
- lines with a date of their own — the months of *3 Web*, the campaigns of *4 Emailing*
  and the events of *5 Évènements* — are due in full once their date (a month's first
  day) is on or before the review date, and not at all before: their target to date is
  their own target, or empty. The total of such a tab adds the targets of the lines due,
  and its ratios are recomputed from those sums (never averaged). A dated tab's line
  without a date falls back to the pro rata rule.

Known limit: the description cannot tell a stock typed as a count (followers, active
clients, clients at the start of the period) from a flow; such targets are pro-rated too.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..spec import Metric
from ..spec.expr import parse_expr
from .arrays import float64, stamps
from .rules import floats

FLOW_UNITS = frozenset({"integer", "money"})  # KPI value types that add up over time


@dataclass(frozen=True)
class Period:
    """The review date and the fiscal year it falls in."""

    as_of: dt.date
    source: str  # "argument", "parameters" or "today"
    start: dt.date
    end: dt.date
    elapsed: float


def review_date(params: dict[str, Any], as_of: dt.date | str | None = None,
                today: dt.date | None = None) -> tuple[dt.date, str]:
    """(the review date, where it came from): argument > Paramètres > today."""
    if as_of is not None:
        return _date(as_of), "argument"
    typed = params.get("review_date")
    if isinstance(typed, dt.date):
        return _date(typed), "parameters"
    return today or dt.date.today(), "today"


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def fiscal_year(params: dict[str, Any], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The fiscal year of the settings (the review date's calendar year if they lack it)."""
    start, end = params.get("fiscal_start"), params.get("fiscal_end")
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return start, end
    month = params.get("first_month")
    month = month if isinstance(month, int) and 1 <= month <= 12 else 1
    start = dt.date(as_of.year, month, 1)
    return start, month_start(start, 12) - dt.timedelta(days=1)


def month_start(start: dt.date, months: int) -> dt.date:
    """EDATE(start, months) for a first of month."""
    index = start.month - 1 + months
    return dt.date(start.year + index // 12, index % 12 + 1, 1)


def share(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """The elapsed share of [start, end] at ``as_of``, as P_Ecoule computes it."""
    days = (end - start).days + 1
    if days <= 0:
        return 1.0 if as_of >= end else 0.0
    return max(0.0, min(1.0, ((as_of - start).days + 1) / days))


def period(params: dict[str, Any], as_of: dt.date | str | None = None) -> Period:
    """The review period of a workbook's settings."""
    date, source = review_date(params, as_of)
    start, end = fiscal_year(params, date)
    return Period(date, source, start, end, share(start, end, date))


def share_array(starts: np.ndarray, ends: np.ndarray, as_of: dt.date,
                fallback: float) -> np.ndarray:
    """:func:`shares` of datetime64 arrays, as floats."""
    valid = ends >= starts  # False where either is NaT, or the end is before the start
    first, last = starts.astype("datetime64[D]"), ends.astype("datetime64[D]")
    with np.errstate(divide="ignore", invalid="ignore"):
        elapsed = (((np.datetime64(as_of, "D") - first).astype(np.int64) + 1)
                   / ((last - first).astype(np.int64) + 1))
    return np.where(valid, np.clip(elapsed, 0.0, 1.0), fallback)


def shares(starts: pd.Series, ends: pd.Series, as_of: dt.date, fallback: float) -> pd.Series:
    """The elapsed share of each row's [start, end]; ``fallback`` where a date is missing
    or the end is before the start."""
    values = share_array(stamps(starts), stamps(ends), as_of, fallback)
    return pd.Series(float64(values), index=starts.index, copy=False)


def is_ratio(metric: Metric) -> bool:
    """Does a KPI's expression multiply or divide (a ratio, not an amount)?"""
    if not metric.expr:
        return False
    return any(isinstance(node, ast.Call) or (isinstance(node, ast.BinOp)
                                              and isinstance(node.op, ast.Mult | ast.Div))
               for node in ast.walk(parse_expr(metric.expr).tree))


def kpi_flow(metric: Metric) -> bool:
    """Is a KPI metric a flow (pro-rated on annual lines)?"""
    return metric.unit in FLOW_UNITS and metric.direction != "down" and not is_ratio(metric)


def to_date_array(target: np.ndarray, factor: np.ndarray, flow: np.ndarray) -> np.ndarray:
    """:func:`to_date` of float arrays (NaN where empty) and a bool array."""
    return np.where(flow, target * factor, target)


def to_date(target: pd.Series, factor: pd.Series, flow: pd.Series) -> pd.Series:
    """target × factor where ``flow``, the target elsewhere (Float64)."""
    values = to_date_array(floats(target), floats(factor),
                           flow.to_numpy(dtype=bool, na_value=False))
    return pd.Series(float64(values), index=target.index, name=target.name, copy=False)


def evaluate(expr: str, values: dict[str, float | None]) -> float | None:
    """A description expression on plain values (None for empty), NaN-safe."""
    clean = {k: (None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v))
             for k, v in values.items()}
    return parse_expr(expr).evaluate(clean)


def is_missing(value: Any) -> bool:
    """Is a cell value empty (None, <NA> or NaN)?"""
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
