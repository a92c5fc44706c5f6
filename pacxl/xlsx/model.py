"""What the low-level reader hands over: cells as the file stores them, nothing interpreted.

Plain Python (no pandas, no openpyxl), so a workbook read in a child process crosses the
pipe cheaply and ``pacxl check`` never imports pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class RawCell(NamedTuple):
    """One stored cell.

    value: float for numbers and dates (serials), str for text, bool, or the error text
        ("#DIV/0!") when ``kind`` is "e"; None for a cell with a style but no value.
    kind: "n" number, "s" text, "b" boolean, "e" error, "d" a number whose format is a date.
    formula: the cell holds a formula (its value is only the cached result).
    number_format: the format code of the cell's style ("General" when none).
    """

    value: object
    kind: str
    formula: bool = False
    number_format: str = "General"


@dataclass
class RawSheet:
    name: str
    cells: dict[tuple[int, int], RawCell] = field(default_factory=dict)  # 0-based (row, col)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden: bool = False
    loaded: bool = True  # False: its cells were not asked for (``read_xlsx(..., sheets=)``)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=-1)


@dataclass
class RawBook:
    """A whole workbook as stored."""

    sheets: list[RawSheet]
    names: dict[str, str] = field(default_factory=dict)  # defined name -> "Sheet!$A$1:$B$2"
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties
    date1904: bool = False
    macros: bool = False  # a vbaProject part was present (ignored, reported)
    external_links: int = 0  # externalLink parts (never followed, reported)

    def sheet(self, name: str) -> RawSheet | None:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        return None
