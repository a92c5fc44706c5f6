"""Data quality: what in the plan makes the analysis less reliable, located to the cell.

The analysis' own checks (missing results past a deadline, end before start, negative
amounts, actions without owner or with an unknown objective, objectives without indicator
or target, budgets without dates, an empty tolerance), then the importer's findings. A
check the importer already reported for the same cell is not repeated.

The checks run on numpy arrays, a column converted once; only the flagged rows are visited
one by one, to write their messages (a plan of ten actions costs as little as it can).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from ..layout import col_letter
from ..messages import message
from ..reader.findings import Finding
from ..reader.frames import Workbook
from .arrays import stamps
from .context import Ctx, truthy
from .suggest import number

COLUMNS = ["code", "severity", "source", "sheet", "cell", "reference", "header", "value",
           "message"]
WARNING = "warning"
STRING = pandas_dtype("string")  # resolved once: the alias is a search of pandas' registry
# an item the importer reports under its own code, for the same cell
SAME_AS_FINDING = {"analysis_negative_budget": "negative_amount",
                   "analysis_unknown_objective": "not_in_list"}


class Items:
    """The items found, in the order of the sheets and rows."""

    def __init__(self, workbook: Workbook, ctx: Ctx) -> None:
        self.ctx = ctx
        self.columns = workbook.plan.columns if workbook.plan is not None else {}
        self.records: list[tuple[Any, ...]] = []  # one value per COLUMNS
        self._places: dict[tuple[str, str], tuple[str, str, str]] = {}

    def add(self, code: str, section: str, column: str, row: Any, value: Any = None,
            **params: Any) -> None:
        """One item at ``row`` (sheet row, 1-based) of a section's ``column``."""
        sheet, letter, header = self._place(section, column)
        cell = "" if pd.isna(row) else f"{letter}{int(row)}"
        shown = _shown(value, self.ctx.lang)
        text = message(f"analysis_{code}", self.ctx.lang, value=shown, header=header, **params)
        self.records.append((
            f"analysis_{code}", WARNING, "analysis", sheet, cell,
            Finding(code, WARNING, sheet, cell, header, value).reference, header,
            None if value is None else shown, text))

    def _place(self, section: str, column: str) -> tuple[str, str, str]:
        """(sheet name, column letter, header) of a section's column, looked up once."""
        place = self._places.get((section, column))
        if place is None:
            sheet = self.ctx.sheet(self.ctx.spec.section(section)[0].key)
            place = (sheet, col_letter(self._col(section, column)),
                     self._header(section, column))
            self._places[(section, column)] = place
        return place

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


# -- columns as numpy arrays -------------------------------------------------------------------


def _absent(frame: pd.DataFrame, column: str) -> np.ndarray:
    """Where a column is empty."""
    return np.asarray(frame[column].array.isna(), dtype=bool)


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A numeric column as floats, NaN where empty (so that NaN < 0 is False)."""
    return frame[column].to_numpy(dtype=float, na_value=np.nan)


def _past(dates: np.ndarray, ctx: Ctx) -> np.ndarray:
    """Dates before the review date (NaT is not)."""
    return dates < pd.Timestamp(ctx.as_of).to_datetime64()


def _month_ends(dates: np.ndarray) -> np.ndarray:
    """The last day of each date's month, at the date's time of day (as ``MonthEnd(0)``)."""
    next_month = (dates.astype("datetime64[M]") + 1).astype(dates.dtype)
    return next_month - np.timedelta64(1, "D") + (dates - dates.astype("datetime64[D]"))


def _pick(frame: pd.DataFrame, columns: Sequence[str], where: np.ndarray) -> list[tuple]:
    """The values of ``columns`` at the positions ``where``, one tuple per row, as plain
    Python objects (``<NA>``, ``Timestamp``) as ``itertuples`` gives them."""
    if not len(where):
        return []
    return list(zip(*(frame[c].to_numpy(dtype=object)[where] for c in columns), strict=True))


# -- the checks ------------------------------------------------------------------------------


def _objectives(items: Items, objectives: pd.DataFrame, ctx: Ctx) -> None:
    no_indicator = _absent(objectives, "indicator")
    no_target = _absent(objectives, "target")
    qualitative = objectives["qualitative"].to_numpy(dtype=bool)
    unset = no_target & ~qualitative
    flagged = np.flatnonzero(no_indicator | unset)
    for i, (row,) in zip(flagged, _pick(objectives, ("row",), flagged), strict=True):
        if no_indicator[i]:
            items.add("no_indicator", "smart", "indicator", row)
        if unset[i]:
            items.add("no_target", "smart", "target", row)
    late = np.flatnonzero(_past(stamps(objectives["deadline"]), ctx) & ~no_target
                          & _absent(objectives, "result") & ~qualitative)
    for row, deadline, target, rate in _pick(objectives, ("row", "deadline", "target", "rate"),
                                             late):
        items.add("missing_result", "smart", "result", row, date=_shown(deadline, ctx.lang),
                  target=_shown(target, ctx.lang, rate))


def _action_flags(actions: pd.DataFrame, known_ids: set[str], ctx: Ctx) -> dict[str, Any]:
    """Each check of an action as a boolean array, in the order items are listed."""
    start, end = stamps(actions["start"]), stamps(actions["end"])
    budget, spent = _floats(actions, "budget"), _floats(actions, "spent")
    ids = actions["objective_id"].to_numpy(dtype=object)
    return {
        "missing_result": (~_absent(actions, "target") & _absent(actions, "result")
                           & _past(end, ctx)),
        "end_before_start": end < start,  # False where either is empty (NaT)
        "negative_budget": budget < 0,
        "negative_spent": spent < 0,
        "no_owner": _absent(actions, "owner"),
        "unknown_objective": np.array([i is not pd.NA and i not in known_ids for i in ids],
                                      dtype=bool),
        "undated_budget": (budget > 0) & (np.isnat(start) | np.isnat(end)),
    }


def _actions(items: Items, actions: pd.DataFrame, known_ids: set[str], ctx: Ctx) -> None:
    lang = ctx.lang
    flags = _action_flags(actions, known_ids, ctx)
    flagged = np.flatnonzero(np.logical_or.reduce(list(flags.values()), initial=False))
    columns = ("row", "start", "end", "target", "rate", "budget", "spent", "objective_id")
    for i, (row, start, end, target, rate, budget, spent, objective_id) in zip(
            flagged, _pick(actions, columns, flagged), strict=True):
        if flags["missing_result"][i]:
            items.add("missing_result", "actions", "result", row,
                      date=_shown(end, lang), target=_shown(target, lang, rate))
        if flags["end_before_start"][i]:
            items.add("end_before_start", "actions", "end", row,
                      end=_shown(end, lang), start=_shown(start, lang))
        if flags["negative_budget"][i]:
            items.add("negative_budget", "actions", "budget", row, float(budget))
        if flags["negative_spent"][i]:
            items.add("negative_budget", "actions", "spent", row, float(spent))
        if flags["no_owner"][i]:
            items.add("no_owner", "actions", "owner", row)
        if flags["unknown_objective"][i]:
            items.add("unknown_objective", "actions", "objective_id", row, objective_id)
        if flags["undated_budget"][i]:
            items.add("undated_budget", "actions", "budget", row, float(budget))


def _budget(items: Items, lines: pd.DataFrame) -> None:
    amounts = ("n1", "budget", "spent")
    negative = np.column_stack([_floats(lines, c) < 0 for c in amounts])
    flagged = np.flatnonzero(negative.any(axis=1))
    for i, (block, row, *values) in zip(flagged, _pick(lines, ("block", "row", *amounts),
                                                       flagged), strict=True):
        for column, value, below in zip(amounts, values, negative[i], strict=True):
            if below:
                items.add("negative_budget", block, column, row, float(value))


def _kpis(items: Items, kpis: pd.DataFrame, ctx: Ctx) -> None:
    """Dated lines (months, campaigns, events) whose period is over without a result."""
    due = stamps(kpis["due"])
    ends = np.where(_absent(kpis, "period"), due, _month_ends(due))
    candidates = np.flatnonzero(_past(ends, ctx) & ~kpis["computed"].to_numpy(dtype=bool)
                                & ~_absent(kpis, "objective") & _absent(kpis, "result"))
    line_keys = kpis["line_key"].to_numpy(dtype=object)[candidates]
    missing = candidates[[k is not pd.NA and k != "total" for k in line_keys]]
    columns = ("section", "row", "label", "line", "due", "objective", "rate")
    for section, row, label, line, due_on, objective, rate in _pick(kpis, columns, missing):
        items.add("kpi_missing_result", section, "result", row, metric=label, line=line,
                  date=_shown(due_on, ctx.lang), target=_shown(objective, ctx.lang, rate))


# -- the frame ---------------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """A value cell as text (``<NA>`` when empty)."""
    return pd.NA if value is None or pd.isna(value) else str(value)


def _frame(own: list[tuple[Any, ...]], findings: pd.DataFrame) -> pd.DataFrame:
    """The items not already reported by the importer, then the importer's findings."""
    count = len(findings)
    found = {c: findings[c].tolist() if count and c in findings else [None] * count
             for c in COLUMNS}
    found["source"] = ["import"] * count
    imported = set(zip(found["code"], found["sheet"], found["cell"], strict=True))
    code, sheet, cell = (COLUMNS.index(c) for c in ("code", "sheet", "cell"))
    own = [r for r in own if (SAME_AS_FINDING.get(r[code]), r[sheet], r[cell]) not in imported]
    columns = {c: [r[i] for r in own] + found[c] for i, c in enumerate(COLUMNS)}
    columns["value"] = [_text(v) for v in columns["value"]]
    return pd.DataFrame({c: pd.array(values, dtype=STRING) for c, values in columns.items()})


def quality(workbook: Workbook, objectives: pd.DataFrame, actions: pd.DataFrame,
            lines: pd.DataFrame, kpis: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The data-quality items, then the importer's findings (see the module docstring)."""
    items = Items(workbook, ctx)
    if not ctx.tolerance_typed:
        items.add("no_tolerance", "params", "tolerance", pd.NA, ctx.tolerance)
    _objectives(items, objectives, ctx)
    known = {i for i in objectives["id"].to_numpy(dtype=object) if i is not pd.NA}
    _actions(items, actions, known, ctx)
    _budget(items, lines)
    _kpis(items, kpis, ctx)
    return _frame(items.records, workbook.findings)
