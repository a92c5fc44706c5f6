"""``read_plan``: a filled PAC workbook as plain Python tables and findings (no pandas)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from ..spec import Spec, load_spec
from ..xlsx import RawBook
from .context import ReadCtx
from .findings import Findings
from .identity import Identity, identify, map_sheets
from .kpi import month_of, read_kpi
from .tables import read_form, read_lists, read_table

# Read first: the lists and the settings (the team) feed the checks of every other sheet;
# the lists come before the settings, whose team roles are checked against «Rôles».
ORDER = ("listes", "parametres", "objectifs", "plan", "budget")


@dataclass
class Plan:
    """Everything typed in a PAC workbook, interpreted, with the findings of the read."""

    path: str
    identity: Identity
    params: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    kpi_lines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)  # sheet key -> name in the file
    columns: dict[str, dict[str, int]] = field(default_factory=dict)  # section -> key -> col
    findings: Findings = field(default_factory=Findings)

    @property
    def lang(self) -> str:
        return self.identity.lang


def read_raw(raw: RawBook, path: str | Path, spec: Spec | None = None) -> Plan:
    """Interpret a workbook already read by :func:`pacxl.xlsx.read_xlsx`."""
    spec = spec or load_spec()
    identity = identify(raw, spec, str(path))
    ctx = ReadCtx(raw, spec, identity.lang, {})
    ctx.sheets = map_sheets(raw, spec, identity.lang, ctx.findings)
    plan = Plan(str(path), identity, sheets={k: s.name for k, s in ctx.sheets.items()})
    _workbook_findings(raw, ctx)
    keys = [s.key for s in spec.sheets]
    totals: dict[str, dict[str, float]] = {}  # each table's column totals, summed once
    for key in sorted(keys, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        _read_sheet(ctx, plan, key, totals)
    plan.params = _params(plan.forms.get("params", {}))
    _dates_of_months(plan)
    plan.lists = ctx.lists
    plan.columns = ctx.columns
    plan.findings = ctx.findings
    return plan


def _workbook_findings(raw: RawBook, ctx: ReadCtx) -> None:
    if raw.macros:
        ctx.findings.add("macros")
    if raw.external_links:
        ctx.findings.add("external_links", count=raw.external_links)
    calendar = ctx.sheets.get("calendrier")
    for sheet in raw.sheets:
        if sheet is calendar:
            continue  # the template merges the quarter totals there
        for r1, c1, r2, c2 in sheet.merged:
            from ..layout import cell_ref

            first = sheet.cells.get((r1, c1))
            ctx.findings.add("merged_cells", sheet.name, cell_ref(r1, c1),
                             value=None if first is None else first.value,
                             range=f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}")


def _read_sheet(ctx: ReadCtx, plan: Plan, sheet_key: str,
                totals: dict[str, dict[str, float]]) -> None:
    windows = ctx.windows(sheet_key)
    for section in ctx.spec.sheet(sheet_key).sections:
        window = windows.get(section.key)
        if window is None:
            continue
        if section.kind == "table":
            plan.tables[section.key] = read_table(ctx, section, window)
            _dynamic_lists(ctx, section.key, plan.tables[section.key])
        elif section.kind == "form":
            plan.forms[section.key] = read_form(ctx, section, window)
        elif section.kind == "lists":
            ctx.lists.update(read_lists(ctx, window))
        elif section.kind == "kpi":
            records, lines = read_kpi(ctx, section, window, _sums(plan, totals))
            plan.kpis += records
            plan.kpi_lines[section.key] = lines


def _dynamic_lists(ctx: ReadCtx, key: str, rows: list[dict[str, Any]]) -> None:
    if key == "team":
        ctx.lists["team"] = [r["name"] for r in rows if r.get("name")]
    elif key == "smart":
        ctx.lists["objectives"] = [r["id"] for r in rows if r.get("id")]


def _sums(plan: Plan, known: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Column totals of the tables read so far (the scorecard adds the budget blocks).

    A table does not change once read: ``known`` keeps its totals for the next KPI section.
    """
    sums: dict[str, dict[str, float]] = {}
    for key, rows in plan.tables.items():
        if key not in known:
            totals: dict[str, float] = {}
            for row in rows:
                for col, value in row.items():
                    if isinstance(value, float) and col != "row":
                        totals[col] = totals.get(col, 0.0) + value
            known[key] = totals
        sums[key] = dict(known[key])
    return sums


def _params(form: dict[str, Any]) -> dict[str, Any]:
    """The settings, with the dates the workbook derives from them."""
    params = dict(form)
    year, month = params.get("year"), params.get("first_month")
    if isinstance(year, float) and isinstance(month, float) and 1 <= month <= 12:
        start = dt.date(int(year), int(month), 1)
        params["fiscal_start"] = start
        params["fiscal_end"] = month_of(start, 12) - dt.timedelta(days=1)
    for key in ("year", "first_month"):
        if isinstance(params.get(key), float):
            params[key] = int(params[key])
    return params


def _dates_of_months(plan: Plan) -> None:
    """Month lines carry the month they stand for, from the fiscal start."""
    start = plan.params.get("fiscal_start")
    months: dict[int, tuple[dt.date, str]] = {}  # index -> the month, and its label
    for record in chain(plan.kpis, *plan.kpi_lines.values()):
        index = record.get("period")
        if not isinstance(index, int):
            continue
        if not start:
            record["period"] = None
            continue
        if index not in months:
            month = month_of(start, index)
            months[index] = (month, month.strftime("%Y-%m"))
        record["period"] = months[index][0]
        if record.get("line") is None:
            record["line"] = months[index][1]
