"""Table sections: a header row, input and computed rows, spare rows, an optional total."""

from __future__ import annotations

from typing import Any

from ..book import Formula, Literal, SheetModel
from ..layout import Placement, cell_ref, col_letter
from ..spec import Column, Section, SheetSpec, Text
from ..spec.expr import parse_expr
from . import formulas, rules
from .context import ANY_ROW, ROW_MARK, Ctx


def build_table(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section = place.section
    model.put(place.top, 0, ctx.t(section.title), "title")
    for col in section.columns:
        c = place.col(col.key)
        model.put(place.header, c, ctx.t(col.header), "header")
        model.widths[c] = max(model.widths.get(c, 0), col.width or 12)
        _column_rules(ctx, model, place, col)
    # each computed column's formula, made once with the row left open (ROW_MARK), then
    # given each row's number: making it again for thousands of rows was most of the build
    templates = {col.key: computed_formula(ctx, sheet, section, col, ANY_ROW)
                 for col in section.columns if col.computed}
    for i, row in enumerate(range(place.first, place.last + 1)):
        prefilled = section.rows != "actions" or ctx.options.bpi
        prefill = section.prefill[i] if prefilled and i < len(section.prefill) else {}
        if section.rows == "team" and i < len(ctx.options.team):
            member = ctx.options.team[i]
            prefill = {"name": Literal(member.name), "role": Literal(member.role)}
        for col in section.columns:
            value, style = _cell(ctx, sheet, section, col, row, i, prefill, templates)
            model.put(row, place.col(col.key), value, style)
        _fit_height(model, section, place, row)
    if place.total_row >= 0:
        _total_row(ctx, sheet, model, place)
    if section.filter:
        model.autofilter = (place.header, 0, place.last, len(section.columns) - 1)
    _names(ctx, model, place)


def _fit_height(model: SheetModel, section: Section, place: Placement, row: int) -> None:
    """Give a row holding long wrapped text its height (spreadsheets do not on import)."""
    lines = 1
    for col in section.columns:
        value = model.cells[(row, place.col(col.key))].value
        if col.wrap and isinstance(value, str) and not isinstance(value, Formula):
            lines = max(lines, -(-len(value) * 11 // (10 * int(col.width or 12))))
    if lines > 1:
        model.heights[row] = 15 * lines + 2


def _prefilled(ctx: Ctx, section: Section, col: Column, value: Any) -> Any:
    """A prefilled value: a label pair, an index into the column's list, or a reference."""
    if isinstance(value, list):
        return Text(*value)(ctx.lang)
    if isinstance(value, int) and col.list:
        return ctx.spec.list(col.list).values[value](ctx.lang)
    if isinstance(value, str) and value.startswith("@"):
        return resolve_label(ctx, value[1:])
    return value


def resolve_label(ctx: Ctx, key: str) -> str:
    """``gap_status.met`` or ``catalogue.<kpi tab>.<section>.<metric>`` as displayed text."""
    parts = key.split(".")
    if parts[0] == "catalogue":
        from .catalogue import entry_label

        sheet = next(s for s in ctx.spec.sheets if s.kpi_tab == parts[1])
        return entry_label(ctx, sheet, parts[2], parts[3])
    return ctx.label(parts[0], parts[1])


def _cell(ctx: Ctx, sheet: SheetSpec, section: Section, col: Column, row: int, index: int,
          prefill: dict[str, Any], templates: dict[str, str]) -> tuple[Any, str]:
    if col.key in prefill and not (col.computed and not col.formula_by_row):
        value = _prefilled(ctx, section, col, prefill[col.key])
        if isinstance(value, str) and value.startswith("=") and not isinstance(value, Literal):
            return Formula("=" + ctx.resolve(value[1:], sheet, section, row)), f"calc:{col.type}"
        return value, (f"calc:{col.type}" if col.locked else f"input:{col.type}")
    if col.computed:
        return Formula("=" + templates[col.key].replace(ROW_MARK, str(row + 1))), f"calc:{col.type}"
    if col.default is not None:
        return col.default.format(n=index + 1), f"input:{col.type}"
    if col.default_list is not None and col.list:
        return ctx.spec.list(col.list).values[col.default_list](ctx.lang), f"input:{col.type}"
    return None, (f"calc:{col.type}" if col.locked else f"input:{col.type}")


def computed_formula(ctx: Ctx, sheet: SheetSpec, section: Section, col: Column,
                     row: int) -> str:
    """The formula body of a computed column on one row (ANY_ROW: for every row, see
    :data:`~pacxl.build.context.ROW_MARK`)."""

    def ref(key: str) -> str:
        return ctx.resolve("{" + key + "}", sheet, section, row)

    if col.expr:
        return parse_expr(col.expr).to_excel(ref)
    if col.formula:
        return ctx.resolve(col.formula, sheet, section, row)
    if col.gap:
        return formulas.gap(ref(col.gap["target"]), ref(col.gap["result"]), ref(col.gap["unit"]))
    if col.late:
        return formulas.late(ctx, ref(col.late["end"]), ref(col.late["progress"]))
    if col.status:
        spec = col.status
        body = formulas.status(ctx, ref(spec["target"]), ref(spec["result"]),
                               ref(spec["direction"]))
        if "type" in spec:
            body = formulas.qualitative_status(ctx, ref(spec["type"]), ref(spec["chosen"]), body)
        return body
    return '""'


def _total_row(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section = place.section
    row = place.total_row
    model.put(row, 0, ctx.t(section.total) or ctx.t(ctx.spec.kpi_texts["total_label"]),
              "total:text")
    for col in section.columns[1:]:
        c = place.col(col.key)
        if col.total == "sum":
            rng = f"{cell_ref(place.first, c)}:{cell_ref(place.last, c)}"
            model.put(row, c, Formula(f"=SUM({rng})"), f"total:{col.type}")
        elif col.total == "expr" or (col.expr and section.total is not None):
            formula = parse_expr(col.expr).to_excel(  # type: ignore[arg-type]
                lambda key: cell_ref(row, place.col(key)))
            model.put(row, c, Formula("=" + formula), f"total:{col.type}")
        else:
            model.put(row, c, None, "total:text")


def _column_rules(ctx: Ctx, model: SheetModel, place: Placement, col: Column) -> None:
    c = place.col(col.key)
    first, last = (place.first, c), (place.last, c)
    if col.status or col.late:
        rules.status_colours(ctx, model, first, last)
    if col.unit_format or col.gap:
        unit_key = col.unit_format or col.gap["unit"]  # type: ignore[index]
        unit_ref = f"${col_letter(place.col(unit_key))}{place.first + 1}"
        rules.unit_formats(ctx, model, first, last, unit_ref, points=bool(col.gap))
    if col.computed or col.locked:
        return
    if col.list:
        rules.validate(ctx, model, first, last, "list", source=rules.list_name(ctx, col.list))
    else:
        rules.validate(ctx, model, first, last, col.type, minimum=col.min, maximum=col.max)


def _names(ctx: Ctx, model: SheetModel, place: Placement) -> None:
    section = place.section
    for col in section.columns:
        if col.named:
            ctx.book.names[col.named] = ctx.layout.column_range(section.key, col.key, None)
    if section.named_column:
        nc = section.named_column
        ctx.book.names[nc["name"]] = ctx.layout.column_range(section.key, nc["key"], None)
