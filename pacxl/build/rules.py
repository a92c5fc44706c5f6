"""Data validation and conditional formats shared by the section builders."""

from __future__ import annotations

from ..book import CondFormat, SheetModel, Validation
from ..layout import cell_ref
from .context import Ctx, literal

# Drop-downs that come from the workbook's own tables rather than from «Listes».
DYNAMIC_LIST_NAMES = {"team": "L_Equipe", "objectives": "L_Objectifs", "catalogue": "L_Indicateurs"}
DATE_MIN, DATE_MAX = 32874.0, 109575.0  # 1990-01-01 .. 2199-12-31


def list_name(ctx: Ctx, key: str) -> str:
    return DYNAMIC_LIST_NAMES.get(key) or ctx.spec.list(key).name


def validate(ctx: Ctx, sheet: SheetModel, first: tuple[int, int], last: tuple[int, int],
             kind: str, *, source: str | None = None, minimum: float | None = None,
             maximum: float | None = None) -> None:
    """Add the validation of an input range, with its message in the workbook language."""
    if kind == "list":
        rule = Validation(first, last, "list", source=source)
        msg = "list"
    elif kind in ("integer", "year", "month_number"):
        rule = Validation(first, last, "integer", minimum=minimum, maximum=maximum)
        msg = "integer"
    elif kind == "date":
        rule = Validation(first, last, "date", minimum=DATE_MIN, maximum=DATE_MAX)
        msg = "date"
    elif kind in ("money", "money2", "number", "percent", "years", "rank", "times"):
        rule = Validation(first, last, "decimal", minimum=minimum, maximum=maximum)
        msg = "percent" if kind == "percent" else "number"
    else:
        return
    rule.title = ctx.label("validation", f"{msg}_title")
    rule.message = ctx.label("validation", msg)
    sheet.validations.append(rule)


def status_colours(ctx: Ctx, sheet: SheetModel, first: tuple[int, int],
                   last: tuple[int, int]) -> None:
    ref = cell_ref(first[0], first[1])
    for key, style in (("met", "cf:good"), ("near", "cf:near"), ("missed", "cf:bad"),
                       ("late", "cf:late")):
        sheet.cond_formats.append(
            CondFormat(first, last, f"{ref}={literal(ctx.label('gap_status', key))}", style))


def unit_formats(ctx: Ctx, sheet: SheetModel, first: tuple[int, int], last: tuple[int, int],
                 unit_cell: str, points: bool = False) -> None:
    """Format a value by the unit chosen on its row: %, currency, or plain number."""
    rate = "cf:fmt:points" if points else "cf:fmt:percent"
    sheet.cond_formats.append(CondFormat(first, last, f'{unit_cell}="%"', rate))
    sheet.cond_formats.append(
        CondFormat(first, last, f"{unit_cell}={literal(ctx.symbol)}", "cf:fmt:money"))
    value = cell_ref(first[0], first[1])
    sheet.cond_formats.append(
        CondFormat(first, last, f"AND(ISNUMBER({value}),{value}=INT({value}))", "cf:fmt:integer"))
