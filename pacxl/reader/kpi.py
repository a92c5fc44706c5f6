"""Read KPI sections: blocks found by their hidden keys, inputs read, ratios recomputed.

Only inputs are read; every computed metric is recomputed from them with the
description's expression (the cached values of the workbook are never trusted), and
the total block from the lines' summed counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..layout import col_letter
from ..spec import Metric, Section
from ..spec.expr import parse_expr
from ..values import is_blank
from .context import ReadCtx, Window
from .tables import find_header

PERIODS = ("n1", "objective", "result")
FORMULA_COLUMNS = ("gap", "gap_pct", "status")  # computed on every metric row


def _labels(ctx: ReadCtx, section: Section) -> dict[str, Any]:
    labels: dict[str, Any] = {c.key: c.header for c in ctx.spec.kpi_columns}
    for key, text in (section.periods or {}).items():
        labels[key] = text
    return labels


def read_kpi(ctx: ReadCtx, section: Section, window: Window,
             sums: dict[str, dict[str, float]]) -> tuple[list[dict], list[dict]]:
    """(metric records, line records) of a KPI section.

    ``sums`` holds the budget tables' column totals for metrics that add them up.
    """
    header, cols = find_header(ctx, window, _labels(ctx, section))
    if header < 0 or "metric_key" not in cols or "line_key" not in cols:
        ctx.findings.add("header_missing", window.sheet.name, table=_title(ctx, section))
        return [], []
    ctx.columns[section.key] = dict(cols)
    lines, values = _scan(ctx, section, window, header, cols)
    records: list[dict] = []
    for line in lines:
        key = line["line_key"]
        inputs = values.get(key, {})
        if key == "total":
            inputs = _totals(section, values, inputs)
        computed = _compute(section, inputs, sums)
        for metric in section.metrics:
            meta = values.get(key, {}).get(metric.key, {})
            per = computed.get(metric.key) if metric.computed else inputs.get(metric.key)
            merged = {"row": meta.get("row"), "comment": meta.get("comment"), **(per or {})}
            records.append(_record(ctx, section, line, metric, merged))
    return records, lines


def _title(ctx: ReadCtx, section: Section) -> str:
    return section.title(ctx.lang) if section.title else section.key


def _scan(ctx: ReadCtx, section: Section, window: Window, header: int,
          cols: dict[str, int]) -> tuple[list[dict], dict[str, dict]]:
    """Walk the rows: a line key opens a block, a metric key is a row of that block."""
    cells = window.sheet.cells
    metrics = {m.key: m for m in section.metrics}
    lines: list[dict] = []
    values: dict[str, dict[str, dict[str, Any]]] = {}
    current: str | None = None
    for row in range(header + 1, window.end):
        line_cell = cells.get((row, cols["line_key"]))
        metric_cell = cells.get((row, cols["metric_key"]))
        if line_cell is not None and isinstance(line_cell.value, str):
            current = line_cell.value
            lines.append(_line(ctx, section, window, row, cols, current, len(lines)))
            continue
        metric = metrics.get(metric_cell.value) if metric_cell is not None else None
        if metric is None or current is None:
            continue
        entry = values.setdefault(current, {}).setdefault(metric.key, {"row": row + 1})
        _metric_row(ctx, window, row, cols, metric, current, entry)
    return lines, values


def _metric_row(ctx: ReadCtx, window: Window, row: int, cols: dict[str, int], metric: Metric,
                line: str, entry: dict[str, Any]) -> None:
    """The comment and the inputs of one metric row; its formulas checked, not read."""
    comment = window.sheet.cells.get((row, cols.get("comment", -1)))
    if comment is not None and isinstance(comment.value, str) and comment.value.strip():
        entry["comment"] = comment.value.strip()
    header = metric.label(ctx.lang)
    for column in _formula_columns(metric, line):
        if column in cols:
            _check_formula(ctx, window, row, cols[column], header)
    if not _is_input(metric, line):
        return
    for period in metric.periods:
        if period in cols:
            entry[period] = ctx.read(window.sheet, row, cols[period], metric.unit, header)


def _is_input(metric: Metric, line: str) -> bool:
    """Are the period cells of this metric row typed (rather than computed or empty)?"""
    if line == "total":
        return not metric.computed and metric.aggregate == "input"
    return not metric.computed


def _formula_columns(metric: Metric, line: str) -> list[str]:
    """The columns of a metric row where the template put a formula."""
    computed = metric.computed or (line == "total" and metric.aggregate == "sum")
    return [*(metric.periods if computed else ()), *FORMULA_COLUMNS]


def _check_formula(ctx: ReadCtx, window: Window, row: int, col: int, header: str) -> None:
    cell = window.sheet.cells.get((row, col))
    if cell is not None and not cell.formula and not is_blank(cell.value):
        ctx.findings.add("formula_replaced", window.sheet.name, f"{col_letter(col)}{row + 1}",
                         header, cell.value)


def _line(ctx: ReadCtx, section: Section, window: Window, row: int, cols: dict[str, int],
          key: str, index: int) -> dict[str, Any]:
    record: dict[str, Any] = {"line_key": key, "row": row + 1}
    spec_line = next((x for x in section.lines if x.key == key), None)
    if spec_line is not None and spec_line.label is None:
        record["line"] = None  # a month: the period says which
        record["period"] = index
    elif spec_line is not None and section.editable_lines:
        record["line"] = ctx.read(window.sheet, row, cols.get("line", 0), "text",
                                  ctx.spec.kpi_texts["line_header"](ctx.lang))
    elif spec_line is not None:
        record["line"] = spec_line.label(ctx.lang)  # type: ignore[misc]
    else:
        label = section.total_label or ctx.spec.kpi_texts["total_label"]
        record["line"] = label(ctx.lang)
    for i, attr in enumerate(section.attributes):
        col = cols["n1"] + 2 * i + 1
        record[attr.key] = ctx.read(window.sheet, row, col, attr.type, attr.label(ctx.lang))
    return record


def _totals(section: Section, values: dict[str, dict], own: dict) -> dict:
    """The total block's inputs: sums over the lines, or what was typed for "input" ones."""
    totals: dict[str, dict[str, Any]] = {}
    for metric in section.metrics:
        if metric.computed:
            continue
        if metric.aggregate == "input":
            totals[metric.key] = own.get(metric.key, {})
            continue
        if metric.aggregate != "sum":
            continue
        entry: dict[str, Any] = {}
        for period in metric.periods:
            found = [v[metric.key][period] for k, v in values.items() if k != "total"
                     and v.get(metric.key, {}).get(period) is not None]
            entry[period] = float(sum(found)) if found else None
        totals[metric.key] = entry
    return totals


def _compute(section: Section, inputs: dict[str, dict], sums: dict[str, dict[str, float]]
             ) -> dict[str, dict[str, Any]]:
    """Every computed metric from the inputs, in the description's order."""
    known = {k: dict(v) for k, v in inputs.items()}
    out: dict[str, dict[str, Any]] = {}
    for metric in section.metrics:
        if not metric.computed:
            continue
        entry: dict[str, Any] = {}
        for period in metric.periods:
            entry[period] = _value(metric, period, known, sums)
        known[metric.key] = entry
        out[metric.key] = entry
    return out


def _value(metric: Metric, period: str, known: dict[str, dict], sums: dict) -> Any:
    if metric.sum_of:
        column = metric.sum_columns[period]  # type: ignore[index]
        return float(sum(sums.get(table, {}).get(column, 0.0) for table in metric.sum_of))
    expr = parse_expr(metric.expr)  # type: ignore[arg-type]
    operands = {}
    for name in expr.names:
        per, _, key = name.rpartition(".")
        operands[name] = known.get(key, {}).get(per or period)
    return expr.evaluate(operands)


def _record(ctx: ReadCtx, section: Section, line: dict, metric: Metric,
            values: dict[str, Any]) -> dict[str, Any]:
    return {
        "section": section.key, "line_key": line["line_key"], "line": line.get("line"),
        "period": line.get("period"), "metric": metric.key, "label": metric.label(ctx.lang),
        "unit": metric.unit, "direction": metric.direction, "computed": metric.computed,
        "n1": values.get("n1"), "objective": values.get("objective"),
        "result": values.get("result"), "comment": values.get("comment"),
        "row": values.get("row"),
    }


def month_of(start: dt.date, index: int) -> dt.date:
    month = start.month - 1 + index
    return dt.date(start.year + month // 12, month % 12 + 1, 1)
