"""Every metric row of the KPI tabs: the workbook's gap columns, and the same to date.

At the year level (``gap``, ``gap_pct``, ``status``) a row is compared exactly as the
workbook compares it: the full-year objective against the result. The ``_to_date``
columns compare the result with the target due at the review date (see
:mod:`pacxl.ecarts.prorata` for the rule: pro rata on annual lines, the lines due on
month, campaign and event lines).

The frame has the size of the description (some 800 rows whatever the plan), and pandas
costs per operation, not per row: the columns of the read are taken once as numpy arrays,
the description's facts are worked out once per description, and the frame is built once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..reader.frames import KPI_COLUMNS, Workbook
from ..spec import Metric, Section, Spec
from ..spec.expr import parse_expr
from . import prorata
from .arrays import booleans, float64
from .context import Ctx
from .measure import facts, gap_columns

if TYPE_CHECKING:
    from pandas.api.extensions import ExtensionArray

    from ..reader.plan import Plan

TOTAL = "total"


def analyse_kpis(workbook: Workbook, ctx: Ctx) -> pd.DataFrame:
    """The long KPI frame of the read, with gaps and statuses (see :class:`Analysis`)."""
    read = _read_columns(workbook.kpis)
    sections = _sections(ctx.spec)
    rows = _Rows.of(read, sections)
    due = _due_dates(read["period"], rows, _line_dates(workbook.plan, sections))
    share, not_due = _shares(rows, due, ctx)
    target = _targets_to_date(rows, share, not_due, sections.dated_totals)
    typed = {"direction_key": read["direction"].astype("string"),
             "rate": pd.array(read["unit"] == "percent", dtype="boolean")}
    row = facts(pd.DataFrame({"result": read["result"], **typed}, copy=False), ctx)
    to_date = gap_columns(row, target, ctx, suffix="_to_date")
    for col in ("status_to_date", "status_to_date_key"):
        to_date[col] = _blank(to_date[col], not_due)
    return pd.DataFrame({
        **read, **typed,
        **gap_columns(row, rows.objective, ctx),
        "headline": booleans(rows.headline),
        "due": due,
        "flow": booleans(rows.flow),
        "share": float64(share),
        "objective_to_date": float64(target),
        **to_date,
    }, copy=False)


def _read_columns(kpis: pd.DataFrame) -> dict[str, ExtensionArray]:
    """The columns of the read frame, copied (the analysis must not share the read's
    arrays), ``computed`` as a nullable boolean."""
    if list(kpis.columns) != KPI_COLUMNS:
        kpis = kpis.reindex(columns=KPI_COLUMNS)
    read = {col: kpis[col].array.copy() for col in KPI_COLUMNS}
    read["computed"] = read["computed"].astype("boolean")
    return read


@dataclass(frozen=True)
class _Sections:
    """What the description says of its KPI sections, worked out once per description."""

    periodic: dict[str, bool]  # section -> its lines are dated (months, campaigns, events)
    first: dict[str, str]  # section -> its headline line: the total, or its only line
    flow: dict[tuple[str, str], bool]  # (section, metric) -> pro-rated on annual lines
    date_attribute: dict[str, str]  # section -> the attribute holding a line's date
    dated_totals: tuple[Section, ...]  # the dated sections with a total

    @classmethod
    def of(cls, spec: Spec) -> _Sections:
        sections = {s.key: s for sheet in spec.sheets for s in sheet.sections if s.kind == "kpi"}
        flow: dict[tuple[str, str], bool] = {}
        for key, section in sections.items():
            for metric in section.metrics:  # the first metric of a key, as Section.metric
                flow.setdefault((key, metric.key), prorata.kpi_flow(metric))
        dates = {k: next((a.key for a in s.attributes if a.type == "date"), None)
                 for k, s in sections.items()}
        return cls(
            periodic={k: _periodic(s) for k, s in sections.items()},
            first={k: (TOTAL if s.has_total else s.lines[0].key) for k, s in sections.items()},
            flow=flow,
            date_attribute={k: a for k, a in dates.items() if a is not None},
            dated_totals=tuple(s for s in sections.values() if _periodic(s) and s.has_total),
        )


_SECTIONS: dict[int, tuple[Spec, _Sections]] = {}  # the description is loaded once per process


def _sections(spec: Spec) -> _Sections:
    cached = _SECTIONS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _SECTIONS[id(spec)] = (spec, _Sections.of(spec))
    return cached[1]


def _periodic(section: Section) -> bool:
    """Are the lines of a section dated (months, campaigns, events)?"""
    return section.lines[0].label is None or any(a.type == "date" for a in section.attributes)


@dataclass(frozen=True)
class _Rows:
    """What the computations read of each row, as numpy arrays (NaN for an empty number)."""

    section: np.ndarray
    line_key: np.ndarray
    metric: np.ndarray
    n1: np.ndarray
    objective: np.ndarray
    periodic: np.ndarray  # a line or the total of a dated tab
    total: np.ndarray  # a total line
    flow: np.ndarray  # pro-rated on annual lines
    headline: np.ndarray  # a row the dashboard counts

    @classmethod
    def of(cls, read: dict[str, ExtensionArray], sections: _Sections) -> _Rows:
        section, line_key, metric = (read[col].to_numpy(dtype=object)
                                     for col in ("section", "line_key", "metric"))
        pairs = zip(section, metric, strict=True)
        return cls(
            section, line_key, metric,
            n1=read["n1"].to_numpy(dtype=float, na_value=np.nan),
            objective=read["objective"].to_numpy(dtype=float, na_value=np.nan),
            periodic=np.array([sections.periodic[s] for s in section], dtype=bool),
            total=line_key == TOTAL,
            flow=np.array([sections.flow[pair] for pair in pairs], dtype=bool),
            headline=np.array([sections.first.get(s) == line
                               for s, line in zip(section, line_key, strict=True)], dtype=bool),
        )


def _line_dates(plan: Plan | None, sections: _Sections) -> dict[tuple[str, str], np.datetime64]:
    """(section, line) -> the date typed for the line of a campaign or an event."""
    if plan is None:
        return {}
    typed = {(key, line["line_key"]): line[attr]
             for key, attr in sections.date_attribute.items()
             for line in plan.kpi_lines.get(key, []) if isinstance(line.get(attr), dt.date)}
    seconds = np.asarray(pd.array(list(typed.values()), dtype="datetime64[s]"))
    return dict(zip(typed, seconds, strict=True))


def _due_dates(period: ExtensionArray, rows: _Rows,
               dates: dict[tuple[str, str], np.datetime64]) -> np.ndarray:
    """The date a line is due: a month's first day, a campaign's or an event's date."""
    due = np.array(period, dtype="datetime64[s]")
    for i, key in enumerate(zip(rows.section, rows.line_key, strict=True)):
        if key in dates:
            due[i] = dates[key]
    return due


def _shares(rows: _Rows, due: np.ndarray, ctx: Ctx) -> tuple[np.ndarray, np.ndarray]:
    """(``share``, the part of the target due, NaN for empty; the rows not due yet).

    A dated line is due in full once its date is reached, and not at all before; a dated
    tab's total has no share (its target to date adds up its lines); any other row is due
    pro rata of the elapsed year.
    """
    dated = rows.periodic & ~rows.total & ~np.isnat(due)
    reached = due <= np.datetime64(ctx.as_of, "s")  # False for NaT
    share = np.where(dated, reached.astype(float), ctx.period.elapsed)
    share[rows.periodic & rows.total] = np.nan
    return share, dated & ~reached


def _targets_to_date(rows: _Rows, share: np.ndarray, not_due: np.ndarray,
                     dated_totals: tuple[Section, ...]) -> np.ndarray:
    """The target due at the review date (NaN for empty): pro rata on flows, nothing for
    the lines not due yet, and a dated tab's total summed from its lines."""
    target = np.where(rows.flow, rows.objective * share, rows.objective)
    target[not_due] = np.nan
    for section in dated_totals:
        _periodic_total(section, rows, target)
    return target


def _blank(words: ExtensionArray, rows: np.ndarray) -> ExtensionArray:
    """The words with "" on the rows given."""
    words = words.copy()
    words[rows] = ""
    return words


@dataclass(frozen=True)
class _Tab:
    """One dated tab's rows: its lines' rows by metric, and its total's row by metric."""

    lines: dict[str, list[int]]
    total: dict[str, int]

    @classmethod
    def of(cls, key: str, rows: _Rows) -> _Tab:
        lines: dict[str, list[int]] = {}
        total: dict[str, int] = {}
        found = np.flatnonzero(rows.section == key)
        for i, line, metric in zip(found.tolist(), rows.line_key[found].tolist(),
                                   rows.metric[found].tolist(), strict=True):
            if line == TOTAL:
                total[metric] = i
            else:
                lines.setdefault(metric, []).append(i)
        return cls(lines, total)

    def total_value(self, values: np.ndarray, metric: str) -> float:
        """The total row's value of a metric in ``values`` (NaN without such a row)."""
        return values[self.total[metric]] if metric in self.total else np.nan


def _periodic_total(section: Section, rows: _Rows, target: np.ndarray) -> None:
    """The target to date of a dated tab's total: the lines due, summed; ratios recomputed."""
    tab = _Tab.of(section.key, rows)
    known: dict[str, float | None] = {}
    for metric in section.metrics:
        known[metric.key] = _total_value(metric, tab, rows, target, known)
    for key, value in known.items():
        if key in tab.total:
            target[tab.total[key]] = np.nan if value is None else value


def _total_value(metric: Metric, tab: _Tab, rows: _Rows, target: np.ndarray,
                 known: dict[str, float | None]) -> float | None:
    if metric.computed and metric.expr:
        operands = {}
        for name in parse_expr(metric.expr).names:
            per, _, key = name.rpartition(".")
            value = tab.total_value(rows.n1, key) if per == "n1" else known.get(key)
            operands[name] = None if prorata.is_missing(value) else float(value)
        return prorata.evaluate(metric.expr, operands)
    if metric.aggregate == "sum" and not metric.computed:
        values = target[tab.lines.get(metric.key, [])]
        values = values[~np.isnan(values)]
        # np.sum, as pandas sums a Float64 column: the same pairwise sum, to the last bit
        return float(np.sum(values)) if len(values) else None
    if metric.aggregate == "input":
        value = tab.total_value(rows.objective, metric.key)
        return None if np.isnan(value) else float(value)
    return None
