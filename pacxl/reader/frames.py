"""The pandas face of a read: one typed DataFrame per table, KPIs in long format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..spec import Section, Spec, load_spec
from .plan import Plan

DTYPES = {
    "text": "string", "longtext": "string", "date": "datetime64[ns]",
}
BUDGET_BLOCKS = ("budget_clients", "budget_leads", "budget_resources")
KPI_COLUMNS = ["tab", "sheet", "section", "line_key", "line", "period", "metric", "label",
               "unit", "direction", "computed", "n1", "objective", "result", "comment", "row"]


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

    The reader gives text as str, numbers as float and dates as date, None when empty: each
    column is built typed at once (pandas costs per operation, not per value).
    """
    data = {"row": pd.array([r.get("row") for r in rows], dtype="Int64")}
    for col in section.columns:
        if col.computed or col.locked:
            continue
        values = [r.get(col.key) for r in rows]
        dtype = DTYPES.get(col.type, "Float64")
        data[col.key] = (pd.to_datetime(pd.Series(values, dtype=object))
                         if dtype.startswith("datetime") else pd.array(values, dtype=dtype))
    return pd.DataFrame(data)


def kpi_frame(plan: Plan, spec: Spec) -> pd.DataFrame:
    records = []
    for record in plan.kpis:
        sheet, _ = spec.section(record["section"])
        records.append({**record, "tab": sheet.kpi_tab or sheet.key,
                        "sheet": plan.sheets.get(sheet.key, sheet.name(plan.lang))})
    frame = pd.DataFrame.from_records(records, columns=KPI_COLUMNS)
    for col in ("n1", "objective", "result"):
        frame[col] = frame[col].astype("Float64")
    frame["period"] = pd.to_datetime(frame["period"])
    for col in ("tab", "sheet", "section", "line_key", "line", "metric", "label", "unit",
                "direction", "comment"):
        frame[col] = frame[col].astype("string")
    frame["computed"] = frame["computed"].astype(bool)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def lines_frame(plan: Plan, section_key: str) -> pd.DataFrame:
    """One row per line of a KPI section (event, campaign): its attributes and results."""
    lines = [x for x in plan.kpi_lines.get(section_key, []) if x["line_key"] != "total"]
    results: dict[str, dict[str, Any]] = {}
    for record in plan.kpis:
        if record["section"] == section_key:
            results.setdefault(record["line_key"], {})[record["metric"]] = record["result"]
    frame = pd.DataFrame.from_records([{**x, **results.get(x["line_key"], {})} for x in lines])
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


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
    blocks = [tables[k].assign(block=k) for k in BUDGET_BLOCKS if k in tables]
    budget = pd.concat(blocks, ignore_index=True) if blocks else pd.DataFrame()
    return Workbook(
        path=plan.path, lang=plan.lang, params=plan.params,
        objectives=tables.get("smart", pd.DataFrame()),
        strategic=tables.get("strategic", pd.DataFrame()),
        actions=tables.get("actions", pd.DataFrame()), budget=budget,
        kpis=kpi_frame(plan, spec), events=lines_frame(plan, "events"),
        emailing=lines_frame(plan, "campaigns"), funnel=plan.forms.get("funnel", {}),
        team=tables.get("team", pd.DataFrame()), findings=findings_frame(plan, lang or plan.lang),
        tables=tables, lists=plan.lists, plan=plan,
    )
