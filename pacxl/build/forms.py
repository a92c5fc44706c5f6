"""Text, form and list sections: labelled single cells and the «Listes» sheet."""

from __future__ import annotations

from typing import Any

from ..book import Formula, Literal, SheetModel
from ..layout import Placement, cell_ref
from ..spec import Field, SheetSpec
from ..spec.expr import parse_expr
from . import rules
from .context import Ctx

_LINE = 84  # characters per line of a wrapped paragraph, for its row height


def build_text(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    for i, item in enumerate(place.section.items):
        row = place.top + i
        text = ctx.t(item.text)
        model.put(row, 0, text, item.style)
        lines = max(1, -(-len(text) // _LINE))
        model.heights[row] = {"title": 30, "heading": 24}.get(item.style, 15.5 * lines + 4)


def build_form(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section = place.section
    model.put(place.top, 0, ctx.t(section.title), "title")
    for fld in section.fields:
        row = place.rows[fld.key]
        model.put(row, 0, ctx.t(fld.label), "label")
        value, style = _field_value(ctx, sheet, place, fld)
        model.put(row, 1, value, style)
        ref = cell_ref(row, 1, True, True)
        ctx.book.names[fld.name] = ctx.layout.qualify(section.key, None, ref)
        if fld.type == "longtext":
            model.heights[row] = 90
        if not (fld.computed or fld.locked):
            rules.validate(ctx, model, (row, 1), (row, 1), fld.type, minimum=fld.min,
                           maximum=fld.max)
    widths = sheet.widths or (52, 18)
    for col, width in enumerate(widths):
        model.widths[col] = max(model.widths.get(col, 0), width)


def _field_value(ctx: Ctx, sheet: SheetSpec, place: Placement, fld: Field) -> tuple[Any, str]:
    kind = "text" if fld.type == "longtext" else fld.type
    if fld.expr:
        names = {f.key: f.name for f in place.section.fields}
        return Formula("=" + parse_expr(fld.expr).to_excel(names.__getitem__)), f"calc:{kind}"
    if fld.formula:
        return Formula("=" + ctx.resolve(fld.formula, sheet)), f"calc:{kind}"
    value = getattr(ctx.options, fld.option) if fld.option else fld.default
    if value == "":
        value = None
    return value, (f"calc:{kind}" if fld.locked else f"input:{kind}")


def build_lists(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    model.put(place.top, 0, ctx.t(place.section.title), "title")
    for lst in ctx.spec.lists:
        col = place.col(lst.key)
        model.put(place.header, col, ctx.t(lst.title), "header")
        model.widths[col] = max(14, min(30, len(ctx.t(lst.title)) + 2))
        values = [ctx.t(v) for v in lst.values] + _added(ctx, lst.key, lst.values)
        last = place.first + len(lst.values) + lst.spare + _extra(ctx, lst.key) - 1
        for i, row in enumerate(range(place.first, last + 1)):
            model.put(row, col, values[i] if i < len(values) else None, "input:text")
        ref = f"{cell_ref(place.first, col, True, True)}:{cell_ref(last, col, True, True)}"
        ctx.book.names[lst.name] = ctx.layout.qualify(place.section.key, None, ref)


def _added(ctx: Ctx, key: str, values) -> list[str]:
    """Team roles given with the options that the roles list does not have yet."""
    if key != "roles":
        return []
    known = {v(ctx.lang).casefold() for v in values}
    added: list[str] = []
    for member in ctx.options.team:
        if member.role and member.role.casefold() not in known:
            known.add(member.role.casefold())
            added.append(Literal(member.role))
    return added


def _extra(ctx: Ctx, key: str) -> int:
    """Rows the list grows by (roles added from the team), keeping its spare rows free."""
    return len(_added(ctx, key, ctx.spec.list(key).values))
