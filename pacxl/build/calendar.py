"""The calendar: each action's months drawn by conditional formatting, its budget phased."""

from __future__ import annotations

from ..book import CondFormat, Formula, SheetModel
from ..layout import MONTHS, Placement, cell_ref
from ..spec import SheetSpec, text
from .context import Ctx

# Month cells keep their zero budget (so sums stay plain) but do not show it.
_MIRROR_STYLE = {"start": "calc:date", "end": "calc:date", "budget": "calc:money"}


def build_calendar(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    options = place.section.options
    model.put(place.top, 0, ctx.t(place.section.title), "title")
    for m in options["mirror"]:
        c = place.col(m["key"])
        model.put(place.header, c, ctx.t(text(m["header"])), "header")
        model.widths[c] = m["width"]
    months = [place.col(f"m{i + 1:02}") for i in range(MONTHS)]
    for i, c in enumerate(months):
        model.put(place.header, c, Formula(f"=EDATE(P_DebutExercice,{i})"), "header:month")
        model.widths[c] = options["month_width"]
    source = ctx.layout.places[options["source"]]
    for offset, row in enumerate(range(place.first, place.last + 1)):
        _action_row(ctx, model, place, row, source.first + offset, months)
    _gantt(model, place, months)
    _totals(ctx, model, place, months)


def _action_row(ctx: Ctx, model: SheetModel, place: Placement, row: int, src_row: int,
                months: list[int]) -> None:
    src = ctx.layout.places[place.section.options["source"]]
    for m in place.section.options["mirror"]:
        ref = ctx.layout.qualify(src.section.key, place.sheet.key,
                                 cell_ref(src_row, src.col(m["key"])))
        model.put(row, place.col(m["key"]), Formula(f'=IF({ref}="","",{ref})'),
                  _MIRROR_STYLE.get(m["key"], "calc:text"))
    start, end, budget = (cell_ref(row, place.col(k), False, True)
                          for k in ("start", "end", "budget"))
    for c in months:
        month = cell_ref(place.header, c, True, False)
        share = f"MAX(0,MIN({end},EOMONTH({month},0))-MAX({start},{month})+1)/({end}-{start}+1)"
        formula = (f'=IF(OR({start}="",{end}="",{budget}="",{end}<{start}),"",'
                   f"{budget}*{share})")
        model.put(row, c, Formula(formula), "calc:money_hidezero")


def _gantt(model: SheetModel, place: Placement, months: list[int]) -> None:
    start, end = (cell_ref(place.first, place.col(k), False, True) for k in ("start", "end"))
    month = cell_ref(place.header, months[0], True, False)
    formula = (f'AND(ISNUMBER({start}),ISNUMBER({end}),{start}<=EOMONTH({month},0),'
               f"{end}>={month})")
    model.cond_formats.append(
        CondFormat((place.first, months[0]), (place.last, months[-1]), formula, "cf:gantt"))


def _totals(ctx: Ctx, model: SheetModel, place: Placement, months: list[int]) -> None:
    options = place.section.options
    rows = place.rows
    label_col = place.col("action")
    budget_col = place.col("budget")
    for key in ("month_total", "quarter_total", "cumulative", "unscheduled"):
        model.put(rows[key], label_col, ctx.t(text(options[key])), "total:text")
        for c in range(label_col + 1, months[-1] + 1):
            model.put(rows[key], c, None, "total:text")
    def column_sum(c: int) -> Formula:
        return Formula(f"=SUM({cell_ref(place.first, c)}:{cell_ref(place.last, c)})")

    def month_totals(first: int, last: int, anchored: bool = False) -> str:
        total_row = rows["month_total"]
        return f"{cell_ref(total_row, first, False, anchored)}:{cell_ref(total_row, last)}"

    for c in [budget_col, *months]:
        model.put(rows["month_total"], c, column_sum(c), "total:money")
    for q in range(4):
        first, last = months[3 * q], months[3 * q + 2]
        model.put(rows["quarter_total"], first, Formula(f"=SUM({month_totals(first, last)})"),
                  "total:money")
        model.merges.append((rows["quarter_total"], first, rows["quarter_total"], last))
    for c in months:
        model.put(rows["cumulative"], c, Formula(f"=SUM({month_totals(months[0], c, True)})"),
                  "total:money")
    budget_total = cell_ref(rows["month_total"], budget_col)
    model.put(rows["unscheduled"], budget_col,
              Formula(f"={budget_total}-SUM({month_totals(months[0], months[-1])})"),
              "total:money")
