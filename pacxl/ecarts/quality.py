"""Data quality: what in the plan makes the analysis less reliable, located to the cell.

The analysis' own checks (missing results past a deadline, end before start, negative
amounts, actions without owner or with an unknown objective, objectives without indicator
or target, budgets without dates, an empty tolerance), then the importer's findings. A
check the importer already reported for the same cell is not repeated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..layout import col_letter
from ..messages import message
from ..reader.findings import Finding
from ..reader.frames import Workbook
from .context import Ctx, truthy
from .suggest import number

COLUMNS = ["code", "severity", "source", "sheet", "cell", "reference", "header", "value",
           "message"]
WARNING = "warning"
# an item the importer reports under its own code, for the same cell
SAME_AS_FINDING = {"analysis_negative_budget": "negative_amount",
                   "analysis_unknown_objective": "not_in_list"}


class Items:
    """The items found, in the order of the sheets and rows."""

    def __init__(self, workbook: Workbook, ctx: Ctx) -> None:
        self.ctx = ctx
        self.columns = workbook.plan.columns if workbook.plan is not None else {}
        self.records: list[dict[str, Any]] = []

    def add(self, code: str, section: str, column: str, row: Any, value: Any = None,
            **params: Any) -> None:
        """One item at ``row`` (sheet row, 1-based) of a section's ``column``."""
        ctx = self.ctx
        sheet_key = ctx.spec.section(section)[0].key
        sheet = ctx.sheet(sheet_key)
        cell = "" if pd.isna(row) else f"{col_letter(self._col(section, column))}{int(row)}"
        header = self._header(section, column)
        shown = _shown(value, ctx.lang)
        text = message(f"analysis_{code}", ctx.lang, value=shown, header=header, **params)
        self.records.append({
            "code": f"analysis_{code}", "severity": WARNING, "source": "analysis",
            "sheet": sheet, "cell": cell,
            "reference": Finding(code, WARNING, sheet, cell, header, value).reference,
            "header": header, "value": None if value is None else shown, "message": text})

    def _col(self, section: str, column: str) -> int:
        found = self.columns.get(section, {}).get(column)
        if found is not None:
            return found
        _, sec = self.ctx.spec.section(section)
        if sec.kind == "kpi":
            return [c.key for c in self.ctx.spec.kpi_columns].index(column)
        if sec.kind == "form":
            return 1  # the value column of a form
        return [c.key for c in sec.columns].index(column)

    def _header(self, section: str, column: str) -> str:
        _, sec = self.ctx.spec.section(section)
        lang = self.ctx.vocab.lang
        if sec.kind == "kpi":
            return next(c.header(lang) for c in self.ctx.spec.kpi_columns if c.key == column)
        if sec.kind == "form":
            return sec.field(column).label(lang)
        return sec.column(column).header(lang)


def _shown(value: Any, lang: str, percent: Any = False) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
    if isinstance(value, float | int):
        return number(value, lang, truthy(percent))
    return str(value)


def _past(dates: pd.Series, ctx: Ctx) -> pd.Series:
    return (pd.to_datetime(dates) < pd.Timestamp(ctx.as_of)).fillna(False).astype(bool)


def _objectives(items: Items, objectives: pd.DataFrame, ctx: Ctx) -> None:
    for row in objectives.itertuples(index=False):
        if pd.isna(row.indicator):
            items.add("no_indicator", "smart", "indicator", row.row)
        if not row.qualitative and pd.isna(row.target):
            items.add("no_target", "smart", "target", row.row)
    late = objectives[_past(objectives["deadline"], ctx) & objectives["target"].notna()
                      & objectives["result"].isna() & ~objectives["qualitative"]]
    for row in late.itertuples(index=False):
        items.add("missing_result", "smart", "result", row.row,
                  date=_shown(row.deadline, ctx.lang),
                  target=_shown(row.target, ctx.lang, row.rate))


def _actions(items: Items, actions: pd.DataFrame, known_ids: set[str], ctx: Ctx) -> None:
    lang = ctx.lang
    for row in actions.itertuples(index=False):
        if not pd.isna(row.target) and pd.isna(row.result) and _past(
                pd.Series([row.end]), ctx).iloc[0]:
            items.add("missing_result", "actions", "result", row.row,
                      date=_shown(row.end, lang), target=_shown(row.target, lang, row.rate))
        if not (pd.isna(row.start) or pd.isna(row.end)) and row.end < row.start:
            items.add("end_before_start", "actions", "end", row.row,
                      end=_shown(row.end, lang), start=_shown(row.start, lang))
        for column in ("budget", "spent"):
            value = getattr(row, column)
            if not pd.isna(value) and value < 0:
                items.add("negative_budget", "actions", column, row.row, float(value))
        if pd.isna(row.owner):
            items.add("no_owner", "actions", "owner", row.row)
        if not pd.isna(row.objective_id) and row.objective_id not in known_ids:
            items.add("unknown_objective", "actions", "objective_id", row.row,
                      row.objective_id)
        if not pd.isna(row.budget) and row.budget > 0 and (pd.isna(row.start)
                                                          or pd.isna(row.end)):
            items.add("undated_budget", "actions", "budget", row.row, float(row.budget))


def _budget(items: Items, lines: pd.DataFrame) -> None:
    for row in lines.itertuples(index=False):
        for column in ("n1", "budget", "spent"):
            value = getattr(row, column)
            if not pd.isna(value) and value < 0:
                items.add("negative_budget", row.block, column, row.row, float(value))


def _kpis(items: Items, kpis: pd.DataFrame, ctx: Ctx) -> None:
    """Dated lines (months, campaigns, events) whose period is over without a result."""
    due = pd.to_datetime(kpis["due"])
    ends = due.where(kpis["period"].isna(), due + pd.offsets.MonthEnd(0))
    over = (ends < pd.Timestamp(ctx.as_of)).fillna(False).astype(bool)
    missing = kpis[over & ~kpis["computed"].astype(bool) & kpis["objective"].notna()
                   & kpis["result"].isna() & (kpis["line_key"] != "total")]
    for row in missing.itertuples(index=False):
        items.add("kpi_missing_result", row.section, "result", row.row, metric=row.label,
                  line=row.line, date=_shown(row.due, ctx.lang),
                  target=_shown(row.objective, ctx.lang, row.rate))


def quality(workbook: Workbook, objectives: pd.DataFrame, actions: pd.DataFrame,
            lines: pd.DataFrame, kpis: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The data-quality items, then the importer's findings (see the module docstring)."""
    items = Items(workbook, ctx)
    if not ctx.tolerance_typed:
        items.add("no_tolerance", "params", "tolerance", pd.NA, ctx.tolerance)
    _objectives(items, objectives, ctx)
    _actions(items, actions, set(objectives["id"].dropna()), ctx)
    _budget(items, lines)
    _kpis(items, kpis, ctx)
    found = workbook.findings.reindex(columns=COLUMNS).assign(source="import")
    imported = set(zip(found["code"], found["sheet"], found["cell"], strict=True))
    own = [r for r in items.records
           if (SAME_AS_FINDING.get(r["code"]), r["sheet"], r["cell"]) not in imported]
    frame = pd.concat([pd.DataFrame.from_records(own, columns=COLUMNS), found],
                      ignore_index=True)
    frame["value"] = frame["value"].map(lambda v: pd.NA if v is None or pd.isna(v) else
                                        str(v))
    return frame.astype("string").reset_index(drop=True)
