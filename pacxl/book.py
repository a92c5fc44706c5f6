"""An in-memory workbook: the cells, formats and rules the builder decides, before any file.

The builder fills it from the description, the evaluator computes its formulas, and the
writer turns it into an .xlsx. Keeping it apart lets tests and samples inspect or fill a
workbook without touching xlsxwriter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


class Formula(str):
    """A formula text ("=SUM(A1:A3)"). Only the builder makes them: any other text, even
    one starting with "=" (a company called "=1+1"), is written and read as plain text."""

    __slots__ = ()


class Literal(str):
    """Text that starts with "=" but is a value, as the evaluator must see it."""

    __slots__ = ()


@dataclass
class Cell:
    value: Any  # an input value, or a Formula
    style: str  # a style key, e.g. "input:money", "calc:percent", "header"

    @property
    def is_formula(self) -> bool:
        return isinstance(self.value, Formula)


@dataclass
class Validation:
    first: tuple[int, int]
    last: tuple[int, int]
    kind: str  # "list", "decimal", "integer", "date"
    source: str | None = None  # defined name of a list
    minimum: float | None = None
    maximum: float | None = None
    title: str = ""
    message: str = ""


@dataclass
class CondFormat:
    first: tuple[int, int]
    last: tuple[int, int]
    formula: str  # relative to the first cell, without "="
    style: str  # a style key of the conditional kind, e.g. "cf:good", "cf:fmt:percent"


@dataclass
class SheetModel:
    key: str
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    validations: list[Validation] = field(default_factory=list)
    cond_formats: list[CondFormat] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    hidden_columns: set[int] = field(default_factory=set)
    heights: dict[int, float] = field(default_factory=dict)
    outline: dict[int, int] = field(default_factory=dict)  # row -> outline level
    freeze: tuple[int, int] | None = None
    repeat_rows: tuple[int, int] | None = None
    autofilter: tuple[int, int, int, int] | None = None
    portrait: bool = False
    pages_wide: int = 1
    charts: list[dict[str, Any]] = field(default_factory=list)

    def put(self, row: int, col: int, value: Any, style: str) -> None:
        self.cells[(row, col)] = Cell(value, style)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=-1)


@dataclass
class BookModel:
    """The workbook about to be written."""

    sheets: list[SheetModel]
    names: dict[str, str] = field(default_factory=dict)  # defined name -> reference
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties
    title: str = ""
    lang: str = "fr"
    created: dt.datetime | None = None  # document creation date; None: the time of writing
    _by_name: dict[str, SheetModel] = field(default_factory=dict, repr=False)

    def sheet(self, name: str) -> SheetModel:
        if not self._by_name:
            self._by_name = {s.name: s for s in self.sheets}
        return self._by_name[name]

    # The evaluator's Book protocol -----------------------------------------------------------
    def cell(self, sheet: str, row: int, col: int) -> Any:
        found = self.sheet(sheet).cells.get((row, col))
        if found is None:
            return None
        value = found.value
        if isinstance(value, Formula):
            return str(value)
        if isinstance(value, str) and value.startswith("="):
            return Literal(value)
        return value

    def max_row(self, sheet: str) -> int:
        """How many rows the sheet uses (a count: the last 0-based row index + 1)."""
        return self.sheet(sheet).max_row + 1

    def formula_cells(self) -> int:
        return sum(c.is_formula for s in self.sheets for c in s.cells.values())
