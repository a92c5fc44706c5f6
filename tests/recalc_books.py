"""The recalc tests' workbooks: generated blank or filled, found by layout, recalculated once.

A :class:`Workbook` is a generated PAC workbook with what it takes to find its cells through
:class:`pacxl.layout.Layout` (never by column letter). :class:`RecalcBooks`, behind the
session fixture ``recalc_books`` of tests/conftest.py, writes the filled workbooks once per
test session and has each engine recalculate each of them at most once, whichever test
module asks first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import engines
from conftest import ensure_engine
from openpyxl.cell.cell import Cell
from openpyxl.utils.datetime import to_excel
from recalc_inputs import (
    ACTIONS,
    BUDGET,
    FUNNEL,
    KPI,
    LANGS,
    PERIODS,
    PICKS,
    RENAMED,
    RENEWAL_RATE,
    REVIEW,
    SMART,
    TEAM,
    WORD_COLUMNS,
    WORDS,
    YEAR,
    D,
)

from pacxl.book import BookModel
from pacxl.build import build_book
from pacxl.fill import Filler
from pacxl.generate import render
from pacxl.layout import Layout, Placement, cell_ref
from pacxl.options import NewOptions, new_options
from pacxl.spec import load_spec

Key = tuple[str, str]  # (sheet name, "B12")
Value = float | str | None  # None: an empty cell or an empty-text result


@dataclass
class Workbook:
    """A generated workbook and what it takes to find and predict its cells."""

    lang: str
    options: NewOptions
    path: Path
    layout: Layout
    book: BookModel

    def place(self, section: str) -> Placement:
        return self.layout.places[section]

    def key(self, section: str, row: int, col: str | int) -> Key:
        place = self.place(section)
        c = place.col(col) if isinstance(col, str) else col
        return place.sheet.name(self.lang), cell_ref(row, c)

    def kpi_key(self, section: str, line: str, metric: str, col: str) -> Key:
        return self.key(section, self.place(section).cells[(line, metric)], col)

    def constant(self, section: str, row: int, col: str | int) -> Any:
        """What the builder wrote in a cell (a label, not a computation)."""
        sheet, _ = self.key(section, row, 0)
        place = self.place(section)
        c = place.col(col) if isinstance(col, str) else col
        cell = self.book.sheet(sheet).cells.get((row, c))
        return None if cell is None else cell.value

    def formula_keys(self) -> set[Key]:
        return {
            (s.name, cell_ref(r, c))
            for s in self.book.sheets
            for (r, c), cell in s.cells.items()
            if cell.is_formula
        }


def write_blank(path: Path, lang: str, bpi: bool = False) -> Workbook:
    options = new_options(lang=lang, year=YEAR, first_month=1, company="ACME", team=TEAM, bpi=bpi)
    book = build_book(options)
    render(book, path, options, today=REVIEW)
    return Workbook(lang, options, path, Layout(load_spec(), options), book)


def write_filled(path: Path, lang: str) -> Workbook:
    options = new_options(lang=lang, year=YEAR, first_month=1, company="ACME", team=TEAM)
    book = build_book(options)
    fill = Filler(book, options)
    words = WORDS[lang]

    def typed(values: dict[str, Any]) -> dict[str, Any]:
        return {k: words[v] if k in WORD_COLUMNS else v for k, v in values.items()}

    fill.field("params", "review_date", REVIEW)
    for i, values in enumerate(SMART):
        fill.row("smart", i, **typed(values))
    for i, values in enumerate(ACTIONS):
        fill.row("actions", i, **typed(values))
    for block, rows in BUDGET.items():
        for row, n1, budget, spent in rows:
            if row >= len(fill.spec.section(block)[1].prefill):
                fill.row(block, row, item=f"Poste {row + 1}")
            fill.row(block, row, n1=n1, budget=budget, spent=spent)
    fill.field("methods", "renewal_rate", RENEWAL_RATE)
    for section, lines in KPI.items():
        for line, metrics in lines.items():
            for metric, values in metrics.items():
                fill.kpi(section, line, metric, **dict(zip(PERIODS, values, strict=True)))
    for (section, line), label in RENAMED.items():
        fill.line(section, line, label)
    fill.line("campaigns", "l01", date=D(2027, 1, 20), segment="Clients")
    fill.line("events", "l01", type=words["fair"], date=D(2027, 3, 10))
    for key, value in FUNNEL.items():
        fill.field("funnel", key, float(value) if isinstance(value, str) else value)
    workbook = Workbook(lang, options, path, Layout(load_spec(), options), book)
    for row, pick in PICKS.items():
        fill.row(
            "picks",
            row,
            indicator=pick if isinstance(pick, str) else catalogue_label(workbook, *pick),
        )
    render(book, path, options, today=REVIEW)
    return workbook


def catalogue_label(wb: Workbook, section: str, metric: str) -> str:
    place = wb.place("catalogue")
    for i, (sec, _, met) in enumerate(place.entries):
        if (sec, met) == (section, metric):
            return wb.constant("catalogue", place.first + i, "label")
    raise KeyError((section, metric))


# -- the cache pacxl writes ----------------------------------------------------------------


def cached_value(cell: Cell, epoch: dt.datetime) -> object:
    """The value pacxl cached in a formula cell, in the conventions of engines.py.

    xlsxwriter writes an empty-text result as an untyped ``<v></v>`` (openpyxl reads None);
    LibreOffice, which shows cached values by default, shows it as empty text (checked by
    hand: it saves such a cell back as ``t="str"`` with ``<v></v>``). pacxl never caches
    None itself (the writer turns it into 0), so a None here is always "".
    """
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return float(to_excel(value, epoch))
    return value if isinstance(value, bool | str) else float(value)


def read_cache(path: Path, keys: set[Key]) -> dict[Key, object]:
    workbook = engines.load_workbook(path, data_only=True)
    return {(s, c): cached_value(workbook[s][c], workbook.epoch) for s, c in keys}


# -- recalculated values -------------------------------------------------------------------

# the (language, engine) pairs a filled workbook is recalculated for; test ids "fr-libreoffice"


class RecalcBooks:
    """The filled workbooks, one per language, each recalculated at most once per engine."""

    def __init__(self, folder: Path, engine_workdir: Path) -> None:
        self.filled = {
            lang: write_filled(folder / f"PAC_filled_{lang}.xlsx", lang) for lang in LANGS
        }
        self.engine_workdir = engine_workdir
        self.done: dict[tuple[str, str], engines.Recalculated] = {}

    def recalculated(self, lang: str, engine: str) -> tuple[Workbook, engines.Recalculated]:
        """The filled workbook in lang and its values once engine recalculated it."""
        ensure_engine(engine)
        wb = self.filled[lang]
        if (lang, engine) not in self.done:
            self.done[(lang, engine)] = engines.recalc(wb.path, self.engine_workdir, engine)
        return wb, self.done[(lang, engine)]


def value_at(
    result: engines.Recalculated, wb: Workbook, section: str, row: int, col: str
) -> object:
    return result.values[wb.key(section, row, col)]


def kpi_at(
    result: engines.Recalculated, wb: Workbook, section: str, line: str, metric: str, col: str
) -> object:
    return result.values[wb.kpi_key(section, line, metric, col)]
