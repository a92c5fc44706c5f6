"""Every metric row of the KPI tabs: the workbook's gap columns, and the same to date.

At the year level (``gap``, ``gap_pct``, ``status``) a row is compared exactly as the
workbook compares it: the full-year objective against the result. The ``_to_date``
columns compare the result with the target due at the review date (see
:mod:`pacxl.ecarts.prorata` for the rule: pro rata on annual lines, the lines due on
month, campaign and event lines).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..reader.frames import KPI_COLUMNS, Workbook
from ..spec import Metric, Section
from ..spec.expr import parse_expr
from . import prorata
from .context import Ctx
from .measure import measure

TOTAL = "total"


def analyse_kpis(workbook: Workbook, ctx: Ctx) -> pd.DataFrame:
    """The long KPI frame of the read, with gaps and statuses (see :class:`Analysis`)."""
    frame = workbook.kpis.reindex(columns=KPI_COLUMNS).reset_index(drop=True)
    frame["computed"] = frame["computed"].astype("boolean")
    sections = _kpi_sections(ctx)
    metrics = [sections[s].metric(m) for s, m in zip(frame["section"], frame["metric"],
                                                      strict=True)]
    frame["direction_key"] = frame["direction"].astype("string")
    frame["rate"] = (frame["unit"] == "percent").astype("boolean")
    frame = frame.join(measure(frame, frame["objective"], ctx))
    frame["headline"] = _headline(frame, sections)
    frame["due"] = _due_dates(frame, workbook, sections)
    frame["flow"] = pd.Series([prorata.kpi_flow(m) for m in metrics], index=frame.index,
                              dtype="boolean")
    not_due = _shares(frame, sections, ctx)
    frame["objective_to_date"] = prorata.to_date(frame["objective"], frame["share"],
                                                 frame["flow"]).mask(not_due)
    for key, section in sections.items():
        if _periodic(section) and section.has_total:
            _periodic_total(frame, section, key)
    frame = frame.join(measure(frame, frame["objective_to_date"], ctx, suffix="_to_date"))
    for col in ("status_to_date", "status_to_date_key"):
        frame[col] = frame[col].mask(not_due, "")
    return frame


def _kpi_sections(ctx: Ctx) -> dict[str, Section]:
    return {s.key: s for sheet in ctx.spec.sheets for s in sheet.sections if s.kind == "kpi"}


def _periodic(section: Section) -> bool:
    """Are the lines of a section dated (months, campaigns, events)?"""
    return section.lines[0].label is None or any(a.type == "date" for a in section.attributes)


def _headline(frame: pd.DataFrame, sections: dict[str, Section]) -> pd.Series:
    """The rows the dashboard's catalogue lists: each section's total, or its only line."""
    first = {k: (TOTAL if s.has_total else s.lines[0].key) for k, s in sections.items()}
    flags = [first.get(s) == line for s, line in zip(frame["section"], frame["line_key"],
                                                      strict=True)]
    return pd.Series(flags, index=frame.index, dtype="boolean")


def _due_dates(frame: pd.DataFrame, workbook: Workbook,
               sections: dict[str, Section]) -> pd.Series:
    """The date a line is due: a month's first day, a campaign's or an event's date."""
    dates: dict[tuple[str, str], Any] = {}
    plan = workbook.plan
    for key, section in sections.items():
        attr = next((a.key for a in section.attributes if a.type == "date"), None)
        if attr is None or plan is None:
            continue
        for line in plan.kpi_lines.get(key, []):
            if isinstance(line.get(attr), dt.date):
                dates[(key, line["line_key"])] = pd.Timestamp(line[attr])
    due = [dates.get((s, line), pd.NaT)
           for s, line in zip(frame["section"], frame["line_key"], strict=True)]
    dated = pd.Series(due, index=frame.index, dtype="datetime64[s]")
    return dated.fillna(pd.to_datetime(frame["period"]).astype("datetime64[s]"))


def _shares(frame: pd.DataFrame, sections: dict[str, Section], ctx: Ctx) -> pd.Series:
    """Set ``share`` (the part of the target due); return the rows not due yet."""
    periodic = frame["section"].map(lambda s: _periodic(sections[s])).astype(bool)
    total = (frame["line_key"] == TOTAL).astype(bool)
    dated = periodic & ~total & frame["due"].notna()
    due = (frame["due"] <= pd.Timestamp(ctx.as_of)).fillna(False).astype(bool)
    share = pd.Series(ctx.period.elapsed, index=frame.index, dtype="Float64")
    share = share.mask(dated, due.astype(float)).mask(periodic & total)
    frame["share"] = share
    return dated & ~due


def _periodic_total(frame: pd.DataFrame, section: Section, key: str) -> None:
    """The target to date of a dated tab's total: the lines due, summed; ratios recomputed."""
    rows = frame[frame["section"] == key]
    lines, total = rows[rows["line_key"] != TOTAL], rows[rows["line_key"] == TOTAL]
    where = dict(zip(total["metric"], total.index, strict=True))
    n1 = dict(zip(total["metric"], total["n1"], strict=True))
    known: dict[str, float | None] = {}
    for metric in section.metrics:
        known[metric.key] = _total_value(metric, lines, total, known, n1)
    found = {where[k]: pd.NA if v is None else v for k, v in known.items() if k in where}
    frame.loc[list(found), "objective_to_date"] = pd.array(list(found.values()), dtype="Float64")


def _total_value(metric: Metric, lines: pd.DataFrame, total: pd.DataFrame,
                 known: dict[str, float | None], n1: dict[str, Any]) -> float | None:
    if metric.computed and metric.expr:
        operands = {}
        for name in parse_expr(metric.expr).names:
            per, _, key = name.rpartition(".")
            value = n1.get(key) if per == "n1" else known.get(key)
            operands[name] = None if prorata.is_missing(value) else float(value)
        return prorata.evaluate(metric.expr, operands)
    if metric.aggregate == "sum" and not metric.computed:
        values = lines.loc[lines["metric"] == metric.key, "objective_to_date"].dropna()
        return float(values.sum()) if len(values) else None
    if metric.aggregate == "input":
        value = total.loc[total["metric"] == metric.key, "objective"]
        return None if value.empty or prorata.is_missing(value.iloc[0]) else float(value.iloc[0])
    return None
