"""KPI sections: a block per line, one row per metric, N-1 / objective / result and gaps."""

from __future__ import annotations

from ..book import Formula, SheetModel
from ..layout import Placement, cell_ref, col_letter
from ..spec import Line, Metric, Section, SheetSpec
from ..spec.expr import parse_expr
from . import formulas, rules
from .context import Ctx, literal

PERIODS = ("n1", "objective", "result")


def build_kpi(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section = place.section
    model.put(place.top, 0, ctx.t(section.title), "title")
    for col in ctx.spec.kpi_columns:
        c = place.col(col.key)
        header = (section.periods or {}).get(col.key, col.header)
        model.put(place.header, c, ctx.t(header), "header")
        model.widths[c] = max(model.widths.get(c, 0), col.width or 12)
        if col.hidden:
            model.hidden_columns.add(c)
    for index, line in enumerate(section.lines):
        _line_block(ctx, sheet, model, place, line, index)
    if section.has_total:
        _total_block(ctx, sheet, model, place)
    first, last = (place.first, place.col("status")), (place.last, place.col("status"))
    rules.status_colours(ctx, model, first, last)


def _line_header(ctx: Ctx, model: SheetModel, place: Placement, line: Line, index: int) -> None:
    row = place.rows[line.key]
    section = place.section
    if line.label is None:  # a month of the fiscal year
        model.put(row, 0, Formula(f"=EDATE(P_DebutExercice,{index})"), "line:month")
    else:
        style = "line:input" if section.editable_lines else "line:text"
        model.put(row, 0, ctx.t(line.label), style)
    for c in range(1, len(ctx.spec.kpi_columns) - 2):
        model.put(row, c, None, "line:text")
    for i, attr in enumerate(section.attributes):
        col = place.col("n1") + 2 * i
        model.put(row, col, ctx.t(attr.label), "line:text")
        model.put(row, col + 1, None, f"input:{attr.type}")
        kind, source = ("list", rules.list_name(ctx, attr.list)) if attr.list else (attr.type, None)
        rules.validate(ctx, model, (row, col + 1), (row, col + 1), kind, source=source)
    model.put(row, place.col("line_key"), line.key, "calc:text")


def _metric_row(ctx: Ctx, model: SheetModel, place: Placement, line: str, metric: Metric,
                values: dict[str, str | None]) -> None:
    """Write one metric row; ``values`` maps a period to a formula body, or None for input."""
    row = place.cells[(line, metric.key)]
    col = place.col
    month = line != "total" and place.section.lines[0].label is None
    label = f"$A${place.rows[line] + 1}"
    model.put(row, col("line"), Formula(f'=IF({label}="","",{label})'),
              "calc:line_month" if month else "calc:line")
    model.put(row, col("metric"), ctx.t(metric.label), "label")
    model.put(row, col("unit"), ctx.label("unit_labels", metric.unit), "calc:text")
    model.put(row, col("direction"), ctx.label("direction_labels", metric.direction), "calc:text")
    for period in PERIODS:
        body = values.get(period, "")
        if body is None:
            model.put(row, col(period), None, f"input:{metric.unit}")
        else:
            formula = Formula(f"={body}") if body else None
            model.put(row, col(period), formula, f"calc:{metric.unit}")
    target = cell_ref(row, col("objective"))
    result = cell_ref(row, col("result"))
    rate = metric.unit == "percent"
    model.put(row, col("gap"), Formula("=" + formulas.gap(target, result, rate)),
              "calc:points" if rate else f"calc:{metric.unit}")
    model.put(row, col("gap_pct"), Formula("=" + formulas.gap_pct(target, result)),
              "calc:percent")
    status = formulas.status(ctx, target, result, metric.direction)
    model.put(row, col("status"), Formula("=" + status), "calc:text")
    model.put(row, col("comment"), None, "input:text")
    model.put(row, col("metric_key"), metric.key, "calc:text")
    model.outline[row] = 1


def _inputs_and_rules(ctx: Ctx, model: SheetModel, place: Placement, line: str,
                      metric: Metric) -> dict[str, str | None]:
    row = place.cells[(line, metric.key)]
    for period in metric.periods:
        c = place.col(period)
        minimum = None if metric.unit == "percent" else 0
        rules.validate(ctx, model, (row, c), (row, c), metric.unit, minimum=minimum)
    return {p: None for p in metric.periods}


def _computed(ctx: Ctx, sheet: SheetSpec, place: Placement, line: str,
              metric: Metric) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for period in metric.periods:
        if metric.sum_of:
            column = metric.sum_columns[period]  # type: ignore[index]
            values[period] = "+".join(ctx.layout.total_cell(table, column, sheet.key)
                                      for table in metric.sum_of)
            continue

        def ref(key: str, period: str = period) -> str:
            per, _, name = key.rpartition(".")
            row = place.cells[(line, name)]
            return cell_ref(row, place.col(per or period))

        values[period] = parse_expr(metric.expr).to_excel(ref)  # type: ignore[arg-type]
    return values


def _line_block(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement, line: Line,
                index: int) -> None:
    _line_header(ctx, model, place, line, index)
    for metric in place.section.metrics:
        if metric.computed:
            values = _computed(ctx, sheet, place, line.key, metric)
        else:
            values = _inputs_and_rules(ctx, model, place, line.key, metric)
        _metric_row(ctx, model, place, line.key, metric, values)


def _sum_formula(place: Placement, metric: Metric, period: str) -> str:
    """The total of an input metric over the lines: empty while no line has a value."""
    last = place.rows["total"] - 1
    c = place.col(period)
    k = place.col("metric_key")
    values = f"{col_letter(c)}${place.first + 1}:{col_letter(c)}${last + 1}"
    keys = f"${col_letter(k)}${place.first + 1}:${col_letter(k)}${last + 1}"
    key = literal(metric.key)
    return f'IF(COUNTIFS({keys},{key},{values},"<>")=0,"",SUMIFS({values},{keys},{key}))'


def _total_block(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section: Section = place.section
    row = place.rows["total"]
    model.put(row, 0, ctx.t(section.total_label or ctx.spec.kpi_texts["total_label"]),
              "line:total")
    for c in range(1, len(ctx.spec.kpi_columns) - 2):
        model.put(row, c, None, "line:total")
    model.put(row, place.col("line_key"), "total", "calc:text")
    for metric in section.metrics:
        if metric.computed:
            values = _computed(ctx, sheet, place, "total", metric)
        elif metric.aggregate == "input":
            values = _inputs_and_rules(ctx, model, place, "total", metric)
        elif metric.aggregate == "sum":
            values = {p: _sum_formula(place, metric, p) for p in metric.periods}
        else:
            values = {}
        _metric_row(ctx, model, place, "total", metric, values)
