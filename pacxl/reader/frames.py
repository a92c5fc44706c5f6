"""The pandas face of a read: one typed DataFrame per table, KPIs in long format.

pandas costs per operation, not per value: each column is built typed at once, and each
frame once. The reader gives a column's values as float, str or date, None when empty;
for such columns the typed array is built straight from numpy (what ``pd.array`` would
build, without inspecting every value again), any other value goes through ``pd.array``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..spec import Section, Spec, load_spec
from .context import per_section
from .plan import Plan

DTYPES = {
    "text": "string", "longtext": "string", "date": "datetime64[s]",
}
BUDGET_BLOCKS = ("budget_clients", "budget_leads", "budget_resources")
KPI_COLUMNS = ["tab", "sheet", "section", "line_key", "line", "period", "metric", "label",
               "unit", "direction", "computed", "n1", "objective", "result", "comment", "row"]
KPI_TEXTS = ("tab", "sheet", "section", "line_key", "line", "metric", "label", "unit",
             "direction", "comment")


@dataclass
class Workbook:
    """A filled PAC workbook as typed DataFrames, with the parameters and the findings."""

    path: str
    lang: str
    params: dict[str, Any]
    objectives: pd.DataFrame
    strategic: pd.DataFrame
    actions: pd.DataFrame
    budget: pd.DataFrame
    kpis: pd.DataFrame
    events: pd.DataFrame
    emailing: pd.DataFrame
    funnel: dict[str, Any]
    team: pd.DataFrame
    findings: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    plan: Plan | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """No finding of severity error."""
        return not (self.findings["severity"] == "error").any() if len(self.findings) else True


def table_frame(section: Section, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of a table section as a DataFrame with one dtype per column of the description.

    Text columns are ``string``, dates ``datetime64[s]``, the others ``Float64``; ``row``
    (the row in the sheet) is ``Int64``.
    """
    if not rows:  # an empty frame costs as much as a full one: built once, then copied
        return per_section(_EMPTY, section, lambda s: _table(s, [])).copy()
    return _table(section, rows)


_EMPTY: dict[int, tuple[Section, pd.DataFrame]] = {}


def _table(section: Section, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(_columns(section, rows), copy=False)


def _columns(section: Section, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"row": _integers([r.get("row") for r in rows])}
    for key, dtype in _dtypes(section):
        values = [r.get(key) for r in rows]
        data[key] = (_dates(values) if dtype.startswith("datetime") else
                     _strings(values) if dtype == "string" else _floats(values))
    return data


def _dtypes(section: Section) -> list[tuple[str, str]]:
    """(key, dtype) of the columns read from a table section: those typed in."""
    return [(c.key, DTYPES.get(c.type, "Float64")) for c in section.columns
            if not (c.computed or c.locked)]


def kpi_frame(plan: Plan, spec: Spec) -> pd.DataFrame:
    """Every metric of every KPI block, one row per metric and line (the long format)."""
    records = plan.kpis
    places: dict[str, tuple[str, str]] = {}  # section -> (tab, sheet), found once per section
    for key in dict.fromkeys(r["section"] for r in records):
        sheet, _ = spec.section(key)
        places[key] = (sheet.kpi_tab or sheet.key,
                       plan.sheets.get(sheet.key, sheet.name(plan.lang)))
    where = [places[r["section"]] for r in records]
    data: dict[str, Any] = {"tab": [w[0] for w in where], "sheet": [w[1] for w in where]}
    for col in KPI_COLUMNS[2:]:
        data[col] = [r.get(col) for r in records]
    for col in KPI_TEXTS:
        data[col] = _strings(data[col])
    for col in ("n1", "objective", "result"):
        data[col] = _floats(data[col])
    data["period"] = _dates(data["period"])
    data["computed"] = np.array(data["computed"], dtype=bool)
    data["row"] = _integers(data["row"])
    return pd.DataFrame(data, copy=False)


def _floats(values: list[Any]) -> Any:
    """``pd.array(values, dtype="Float64")``."""
    if not set(map(type, values)) <= {float, type(None)}:
        return pd.array(values, dtype="Float64")
    data = np.array(values, dtype=np.float64)  # None becomes NaN
    return pd.arrays.FloatingArray(data, np.isnan(data))


def _integers(values: list[Any]) -> Any:
    """``pd.array(values, dtype="Int64")``."""
    if not set(map(type, values)) <= {int, type(None)}:
        return pd.array(values, dtype="Int64")
    mask = np.array([v is None for v in values], dtype=bool)
    data = np.array([1 if v is None else v for v in values], dtype=np.int64)  # pandas fills 1
    return pd.arrays.IntegerArray(data, mask)


def _strings(values: list[Any]) -> Any:
    """``pd.array(values, dtype="string")``."""
    types = set(map(type, values))
    if pd.StringDtype().storage != "python" or not types <= {str, type(None)}:
        return pd.array(values, dtype="string")
    if type(None) in types:
        na = pd.NA
        values = [na if v is None else v for v in values]
    return pd.arrays.StringArray(np.array(values, dtype=object))


_EPOCH = dt.date(1970, 1, 1)
_NAT = np.datetime64("NaT", "s").astype(np.int64)


def _dates(values: list[Any]) -> Any:
    """``pd.to_datetime`` of dates (``datetime64[s]``, as pandas gives for dates)."""
    if not set(map(type, values)) <= {dt.date, type(None)}:
        return pd.to_datetime(pd.Series(values, dtype=object)).array
    # numpy converts date objects one by one, slowly: each distinct date is converted once
    seconds = {d: (d - _EPOCH).days * 86400 for d in set(values) if d is not None}
    seconds[None] = _NAT
    return np.array([seconds[v] for v in values], dtype=np.int64).view("datetime64[s]")


def lines_frame(plan: Plan, section_key: str) -> pd.DataFrame:
    """One row per line of a KPI section (event, campaign): its attributes and results."""
    lines = [x for x in plan.kpi_lines.get(section_key, []) if x["line_key"] != "total"]
    results: dict[str, dict[str, Any]] = {}
    for record in plan.kpis:
        if record["section"] == section_key:
            results.setdefault(record["line_key"], {})[record["metric"]] = record["result"]
    frame = pd.DataFrame.from_records([{**x, **results.get(x["line_key"], {})} for x in lines])
    if "date" in frame:
        dates = frame["date"]
        frame["date"] = (_dates(dates.tolist()) if dates.dtype == object
                         else pd.to_datetime(dates))
    return frame


def budget_frame(plan: Plan, spec: Spec, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The three budget blocks one after the other, with a ``block`` column (their key)."""
    keys = [k for k in BUDGET_BLOCKS if k in tables]
    if not keys:
        return pd.DataFrame()
    sections = [spec.section(k)[1] for k in keys]
    if any(_dtypes(s) != _dtypes(sections[0]) for s in sections):  # pandas aligns them
        return pd.concat([tables[k].assign(block=k) for k in keys], ignore_index=True)
    # alike: the frame pd.concat would give, built at once
    data = _columns(sections[0], [row for k in keys for row in plan.tables[k]])
    data["block"] = pd.array([k for k in keys for _ in plan.tables[k]], dtype="str")
    return pd.DataFrame(data, copy=False)


def findings_frame(plan: Plan, lang: str = "fr") -> pd.DataFrame:
    columns = ["code", "severity", "sheet", "cell", "reference", "header", "value", "message"]
    return pd.DataFrame.from_records([f.as_dict(lang) for f in plan.findings], columns=columns)


def to_workbook(plan: Plan, spec: Spec | None = None, lang: str | None = None) -> Workbook:
    """Turn a :class:`Plan` into DataFrames."""
    spec = spec or load_spec()
    tables = {}
    for sheet in spec.sheets:
        for section in sheet.sections:
            if section.kind == "table" and section.key in plan.tables:
                tables[section.key] = table_frame(section, plan.tables[section.key])
    return Workbook(
        path=plan.path, lang=plan.lang, params=plan.params,
        objectives=tables.get("smart", pd.DataFrame()),
        strategic=tables.get("strategic", pd.DataFrame()),
        actions=tables.get("actions", pd.DataFrame()), budget=budget_frame(plan, spec, tables),
        kpis=kpi_frame(plan, spec), events=lines_frame(plan, "events"),
        emailing=lines_frame(plan, "campaigns"), funnel=plan.forms.get("funnel", {}),
        team=tables.get("team", pd.DataFrame()), findings=findings_frame(plan, lang or plan.lang),
        tables=tables, lists=plan.lists, plan=plan,
    )
