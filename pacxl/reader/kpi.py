"""Read KPI sections: blocks found by their hidden keys, inputs read, ratios recomputed.

Only inputs are read; every computed metric is recomputed from them with the
description's expression (the cached values of the workbook are never trusted), and
the total block from the lines' summed counts.

What depends only on the description and the columns found (which cells of a metric row
hold formulas, which are typed, the operands of each ratio) is worked out once per section,
not once per row: a workbook has hundreds of metric rows and the same dozen metrics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..layout import col_letter
from ..spec import Line, Metric, Section
from ..spec.expr import Expr, parse_expr
from ..values import is_blank
from .context import ReadCtx, Window, per_section
from .tables import find_header

FORMULA_COLUMNS = ("gap", "gap_pct", "status")  # computed on every metric row
_NONE: dict[str, Any] = {}  # what a missing entry reads as (never written to)


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
    rows = _metric_rows(section, cols, ctx.lang)
    lines, values = _scan(ctx, section, window, header, cols, rows)
    formulas = _formulas(section)
    order = [rows[m.key] for m in section.metrics]
    records: list[dict] = []
    for line in lines:
        key = line["line_key"]
        typed = values.get(key, {})
        inputs = _totals(section, values, typed) if key == "total" else typed
        computed = _compute(formulas, inputs, sums)
        for read in order:
            metric = read.metric.key
            per = (computed if read.computed else inputs).get(metric) or {}
            records.append(_record(section, line, read, per, typed.get(metric, _NONE)))
    return records, lines


def _title(ctx: ReadCtx, section: Section) -> str:
    return section.title(ctx.lang) if section.title else section.key


@dataclass(frozen=True)
class _MetricRow:
    """How the rows of one metric are read, in a line block and in the total block."""

    metric: Metric
    computed: bool
    header: str  # the metric's label in the workbook's language, as findings name it
    checked: tuple[int, ...]  # sheet columns holding a formula on a line's row
    typed: tuple[tuple[str, int], ...]  # (period, sheet column) typed on a line's row
    total_checked: tuple[int, ...]  # the same two, on the total block's row
    total_typed: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, metric: Metric, cols: dict[str, int], lang: str) -> _MetricRow:
        def checked(line: str) -> tuple[int, ...]:
            return tuple(cols[c] for c in _formula_columns(metric, line) if c in cols)

        def typed(line: str) -> tuple[tuple[str, int], ...]:
            if not _is_input(metric, line):
                return ()
            return tuple((p, cols[p]) for p in metric.periods if p in cols)

        return cls(metric, metric.computed, metric.label(lang), checked(""), typed(""),
                   checked("total"), typed("total"))


_ROWS: dict[int, tuple[Section, dict[tuple, dict[str, _MetricRow]]]] = {}
_LAYOUTS = 16  # column layouts kept per section


def _metric_rows(section: Section, cols: dict[str, int], lang: str) -> dict[str, _MetricRow]:
    """Each metric's rows as read with these columns: worked out once per layout and language
    (the workbooks of one template share them)."""
    known = per_section(_ROWS, section, lambda _: {})
    key = (lang, *sorted(cols.items()))
    rows = known.get(key)
    if rows is None:
        if len(known) >= _LAYOUTS:  # a server reading odd layouts must not grow forever
            known.clear()
        rows = known[key] = {m.key: _MetricRow.of(m, cols, lang) for m in section.metrics}
    return rows


def _scan(ctx: ReadCtx, section: Section, window: Window, header: int, cols: dict[str, int],
          rows: dict[str, _MetricRow]) -> tuple[list[dict], dict[str, dict]]:
    """Walk the rows: a line key opens a block, a metric key is a row of that block."""
    cells = window.sheet.cells
    line_col, metric_col, comment_col = cols["line_key"], cols["metric_key"], cols.get(
        "comment", -1)
    lines: list[dict] = []
    values: dict[str, dict[str, dict[str, Any]]] = {}
    current: str | None = None
    block: dict[str, dict[str, Any]] | None = None  # values[current], once it has a metric
    for row in range(header + 1, window.end):
        line_cell = cells.get((row, line_col))
        if line_cell is not None and isinstance(line_cell.value, str):
            current, block = line_cell.value, None
            lines.append(_line(ctx, section, window, row, cols, current, len(lines)))
            continue
        metric_cell = cells.get((row, metric_col))
        read = rows.get(metric_cell.value) if metric_cell is not None else None
        if read is None or current is None:
            continue
        if block is None:
            block = values.setdefault(current, {})
        entry = block.get(read.metric.key)
        if entry is None:
            entry = block[read.metric.key] = {"row": row + 1}
        comment = cells.get((row, comment_col))
        if comment is not None and isinstance(comment.value, str) and comment.value.strip():
            entry["comment"] = comment.value.strip()
        total = current == "total"
        _check_formulas(ctx, window, row, read.total_checked if total else read.checked,
                        read.header)
        for period, col in read.total_typed if total else read.typed:
            entry[period] = ctx.read(window.sheet, row, col, read.metric.unit, read.header)
    return lines, values


def _is_input(metric: Metric, line: str) -> bool:
    """Are the period cells of this metric row typed (rather than computed or empty)?"""
    if line == "total":
        return not metric.computed and metric.aggregate == "input"
    return not metric.computed


def _formula_columns(metric: Metric, line: str) -> list[str]:
    """The columns of a metric row where the template put a formula."""
    computed = metric.computed or (line == "total" and metric.aggregate == "sum")
    return [*(metric.periods if computed else ()), *FORMULA_COLUMNS]


def _check_formulas(ctx: ReadCtx, window: Window, row: int, cols: tuple[int, ...],
                    header: str) -> None:
    cells = window.sheet.cells
    for col in cols:
        cell = cells.get((row, col))
        if cell is not None and not cell.formula and not is_blank(cell.value):
            ctx.findings.add("formula_replaced", window.sheet.name,
                             f"{col_letter(col)}{row + 1}", header, cell.value)


def _line(ctx: ReadCtx, section: Section, window: Window, row: int, cols: dict[str, int],
          key: str, index: int) -> dict[str, Any]:
    record: dict[str, Any] = {"line_key": key, "row": row + 1}
    spec_line = _spec_lines(section).get(key)
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


@dataclass(frozen=True)
class _Formula:
    """A computed metric: for each period, its expression's operands as (name, metric,
    period) — or the tables and column it sums."""

    metric: Metric
    expr: Expr | None
    operands: dict[str, tuple[tuple[str, str, str], ...]]


_FORMULAS: dict[int, tuple[Section, tuple[_Formula, ...]]] = {}
_LINES: dict[int, tuple[Section, dict[str, Line]]] = {}


def _formulas(section: Section) -> tuple[_Formula, ...]:
    """The computed metrics of a section, in the description's order."""
    return per_section(_FORMULAS, section, _find_formulas)


def _find_formulas(section: Section) -> tuple[_Formula, ...]:
    found = []
    for metric in section.metrics:
        if not metric.computed:
            continue
        expr = None if metric.sum_of else parse_expr(metric.expr)  # type: ignore[arg-type]
        operands = {} if expr is None else {
            period: tuple((name, *_operand(name, period)) for name in expr.names)
            for period in metric.periods}
        found.append(_Formula(metric, expr, operands))
    return tuple(found)


def _operand(name: str, period: str) -> tuple[str, str]:
    # "n1.revenue": the metric revenue in period n1; "revenue": in the period computed
    per, _, key = name.rpartition(".")
    return key, per or period


def _spec_lines(section: Section) -> dict[str, Line]:
    """The described lines of a section by key (the first of a key wins)."""
    return per_section(_LINES, section, lambda s: {x.key: x for x in reversed(s.lines)})


def _compute(formulas: tuple[_Formula, ...], inputs: dict[str, dict],
             sums: dict[str, dict[str, float]]) -> dict[str, dict[str, Any]]:
    """Every computed metric from the inputs, in the description's order."""
    known = dict(inputs)  # the computed metrics join the inputs, for the ratios after them
    out: dict[str, dict[str, Any]] = {}
    for formula in formulas:
        metric = formula.metric
        entry: dict[str, Any] = {}
        for period in metric.periods:
            if formula.expr is None:
                column = metric.sum_columns[period]  # type: ignore[index]
                entry[period] = float(sum(sums.get(table, {}).get(column, 0.0)
                                          for table in metric.sum_of))
            else:
                entry[period] = _evaluate(formula.expr, formula.operands[period], known)
        known[metric.key] = entry
        out[metric.key] = entry
    return out


def _evaluate(expr: Expr, operands: tuple[tuple[str, str, str], ...],
              known: dict[str, dict[str, Any]]) -> float | None:
    values = {}
    for name, key, per in operands:
        value = known.get(key, _NONE).get(per)
        if value is None:
            return None  # what Expr.evaluate gives for an empty operand, found sooner
        values[name] = value
    return expr.evaluate(values)


def _record(section: Section, line: dict, read: _MetricRow, values: dict[str, Any],
            typed: dict[str, Any]) -> dict[str, Any]:
    # ``values``: the periods (and, for a typed row, its row and comment); ``typed``: what
    # the metric's row of this block holds, for the row and comment of a computed metric
    metric = read.metric
    return {
        "section": section.key, "line_key": line["line_key"], "line": line.get("line"),
        "period": line.get("period"), "metric": metric.key, "label": read.header,
        "unit": metric.unit, "direction": metric.direction, "computed": read.computed,
        "n1": values.get("n1"), "objective": values.get("objective"),
        "result": values.get("result"), "comment": values.get("comment", typed.get("comment")),
        "row": values.get("row", typed.get("row")),
    }


def month_of(start: dt.date, index: int) -> dt.date:
    month = start.month - 1 + index
    return dt.date(start.year + month // 12, month % 12 + 1, 1)
