"""The budget sheet of the Excel report: blocks, spending pace and budgeting methods, lines,
months and quarters, one table under the other (in a consolidation, the blocks and lines of
each workbook, its name in a last column).

:func:`write_budget` returns where the blocks and the months landed, for the summary's charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .book import Report
from .cells import (
    ChartData,
    Row,
    Table,
    column,
    filled,
    fitted_widths,
    number_width,
    page_setup,
    records,
    set_widths,
    tabulate,
    write_table,
)
from .sheet import put

WIDTHS = (46, 14, 13, 13, 13, 13, 11, 14, 18)  # the last: a consolidation's workbook
BURN = (("budget", "money"), ("spent", "money"), ("consumed", "percent"),
        ("elapsed", "percent"), ("pace", "percent"), ("variance", "points"),
        ("actions_budget", "money"), ("actions_spent", "money"),
        ("actions_consumed", "percent"), ("planned_to_date", "money"),
        ("scheduled", "money"), ("unscheduled", "money"))
METHODS = (("renewal_rate", "percent"), ("renewal", "money"), ("envelope_rate", "percent"),
           ("envelope", "money"), ("bottom_up", "money"), ("retained", "money"))


@dataclass(frozen=True)
class Placed:
    """The data of the summary's budget charts (None: nothing to draw)."""

    blocks: ChartData | None  # budget and spent of the three blocks, without the total
    months: ChartData | None  # planned and cumulative per month


def write_budget(report: Report) -> Placed:
    """The budget sheet."""
    ws = report.sheet("budget")
    w, f = report.words, report.formats
    tables = _tables(report)
    widths = _widths(report, tables)
    row, found = 2, {}
    for key, table in tables:
        ws.write_string(row, 0, w.sections[key], f("section"))
        last = write_table(ws, f, row + 1, table, widths[:len(table.columns)])
        found[key] = (row + 1, last)
        row = last + 2
        if key == "blocks":
            row = _burn(report, ws, row)
    set_widths(ws, widths)
    ws.freeze_panes(1, 0)
    page_setup(ws, (0, 0))
    return Placed(_blocks(report, *found["blocks"]), _months(report, *found["months"]))


def _widths(report: Report, tables: list[tuple[str, Table]]) -> list[float]:
    # the tables share the columns: each as wide as its widest number needs
    widths = list(WIDTHS)
    for _, table in tables:
        for i, width in enumerate(fitted_widths(table, report.symbol)):
            widths[i] = max(widths[i], width)
    burn = [number_width(v, s, report.symbol) for k, s in BURN + METHODS
            if isinstance(v := report.analysis.burn.get(k), int | float)]
    widths[1] = max([widths[1], *burn])
    return widths


def _blocks(report: Report, header: int, last: int) -> ChartData | None:
    # one workbook's three blocks (the total row is the last)
    if report.sources or last < header + 2:
        return None
    last -= int(report.analysis.budget_blocks["block"].iloc[-1] == "total")
    return ChartData(report.name("budget"), (header + 1, 0, last, 0),
                     tuple(((header, col), (header + 1, col, last, col)) for col in (3, 4)))


def _months(report: Report, header: int, last: int) -> ChartData | None:
    if last <= header:
        return None
    return ChartData(report.name("budget"), (header + 1, 0, last, 0),
                     tuple(((header, col), (header + 1, col, last, col)) for col in (2, 3)))


def _is_total(row: Row) -> bool:
    return row.get("block") == "total"


def _tables(report: Report) -> list[tuple[str, Table]]:
    a, c = report.analysis, report.words.columns
    yes = report.words.words["yes"]
    over = column(c["overspent"], lambda r: yes if r["overspent"] is True else None,
                  lambda r: filled("text", "bad" if r["overspent"] is True else None))
    money = [column(c["n1"], "n1", "money"), column(c["budget"], "budget", "money"),
             column(c["spent"], "spent", "money"), column(c["budget_gap"], "gap", "money+"),
             column(c["consumed"], "consumed", "percent"), over]
    blocks = {r["block"]: r["label"] for r in records(a.budget_blocks)}
    quarters = {r["quarter"]: r["label"] for r in records(a.budget_quarters)}
    source = [report.source_column()] if report.sources else []  # last: the layout stays
    return [
        ("blocks", tabulate([column(c["block"], "label", "wrap"),
                             column(c["lines"], "lines", "integer"), *money, *source],
                            records(a.budget_blocks), _is_total)),
        ("lines", tabulate([column(c["item"], "item", "wrap"),
                            column(c["block"], lambda r: blocks.get(r["block"], r["block"]),
                                   "wrap"), *money, *source],
                           records(a.budget_lines), _is_total)),
        ("months", tabulate([column(c["month"], "period", "month"),
                             column(c["quarter"], lambda r: quarters.get(r["quarter"]), "text"),
                             column(c["planned"], "planned", "money"),
                             column(c["cumulative"], "cumulative", "money"),
                             column(c["due"], lambda r: yes if r["due"] is True else None)],
                            records(a.budget_months), _is_total)),
        ("quarters", tabulate([column(c["quarter"], "label"),
                               column(c["planned"], "planned", "money"),
                               column(c["cumulative"], "cumulative", "money")],
                              records(a.budget_quarters), _is_total)),
    ]


def _burn(report: Report, ws: Any, row: int) -> int:
    # the spending pace and the three budgeting methods: label, value; returns the next row
    w, f, burn = report.words, report.formats, report.analysis.burn
    ws.write_string(row, 0, w.sections["burn"], f("section"))
    ws.write_string(row + 1, 0, w.columns["figure"], f("header"))
    ws.write_string(row + 1, 1, w.columns["value"], f("header"))
    pairs = [(w.figures[k], k, s) for k, s in BURN] + [(w.methods[k], k, s) for k, s in METHODS]
    for i, (label, key, style) in enumerate(pairs, row + 2):
        value = burn.get(key)
        if style == "points" and value is not None:
            value = value * 100
        ws.write_string(i, 0, label, f("wrap"))
        put(ws, i, 1, value, f(style))
    return row + 3 + len(pairs)
