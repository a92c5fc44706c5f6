"""The report's worksheets: cells written by type, and by a shorter road than xlsxwriter's.

:func:`put` writes one value with its type, text always as a plain string: the report holds
no formula. For the 17 000 cells of a 500-action plan, xlsxwriter's own road is most of the
report's time: each ``write_*`` call checks its arguments and the sheet's bounds; ``close``
works out the columns each block of rows spans by testing every cell of the sheet's
rectangle, then writes each cell's XML through a general routine that escapes every
attribute (the format's index, an int, goes through a regular expression and a caught
``TypeError``). :class:`ReportSheet` stores a row of text, numbers, dates and blanks at once
(:meth:`~ReportSheet.write_values`), works the spans out from the rows that hold cells, and
writes the XML of those cells itself: the bytes are the same.

It relies on xlsxwriter's insides: how it keeps a cell (its named tuples, the table of rows,
the shared strings) and its hooks ``_calculate_spans`` and ``_write_cell``.
tests/test_report_excel_sheet.py compares both roads, value type by value type, so an
xlsxwriter change that breaks this shows there (it passes with xlsxwriter 3.1 to 3.3).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from xlsxwriter import worksheet as _xw
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ..figures import is_empty


def _cell_type(name: str) -> Any:
    # one of xlsxwriter's cell tuples: cell_number_tuple up to 3.2, CellNumberTuple later
    return getattr(_xw, f"Cell{name}Tuple", None) or getattr(_xw, f"cell_{name.lower()}_tuple")


CellBlankTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple = (
    _cell_type(name) for name in ("Blank", "Datetime", "Number", "String"))
_SHORT = frozenset((CellBlankTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple))
_LETTERS: dict[int, str] = {}  # column number → its letters


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: Format) -> None:
    """Write one value with its type: text as a plain string, never a formula."""
    if is_empty(value) or (isinstance(value, str) and not value):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, pd.Timestamp | dt.date):
        ws.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), fmt)
    elif math.isfinite(float(value)):
        ws.write_number(row, col, float(value), fmt)
    else:
        ws.write_blank(row, col, None, fmt)


class ReportSheet(Worksheet):
    """A worksheet that takes a row of values at once and writes common cells quicker."""

    def __init__(self) -> None:
        super().__init__()
        self._serials: dict[pd.Timestamp, float] = {}  # a date → Excel's number for it
        self._indices: dict[Format, int] = {}  # a format → its number in the file

    def write_values(self, row: int, values: Sequence[Any], formats: Sequence[Format]
                     ) -> None:
        """Write ``values`` from column A, each with its format (never None), as :func:`put`
        does; text, numbers, dates and blanks go straight to the sheet's table of cells."""
        if not values:
            return
        if self.constant_memory or self._check_dimensions(row, 0) or \
                self._check_dimensions(row, len(values) - 1):
            for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
                put(self, row, col, value, fmt)
            return
        cells = self.table[row]
        shared = self.str_table._get_shared_string_index
        short = self.xls_strmax // 2  # surely under Excel's limit, in any unit
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            kind = type(value)  # by identity, not isinstance: this runs for every cell
            if kind is str:
                if not value:
                    cells[col] = CellBlankTuple(fmt)
                elif len(value) <= short:
                    cells[col] = CellStringTuple(shared(value), fmt)
                else:
                    put(self, row, col, value, fmt)
            elif kind is float or kind is int:  # not a bool: its type is bool
                if math.isfinite(value):
                    cells[col] = CellNumberTuple(float(value), fmt)
                else:
                    cells[col] = CellBlankTuple(fmt)
            elif value is None:
                cells[col] = CellBlankTuple(fmt)
            elif kind is pd.Timestamp:  # a column of dates holds a few days, many times
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials[value] = self._convert_date_time(
                        value.to_pydatetime())
                cells[col] = CellDatetimeTuple(serial, fmt)
            else:  # other dates, numpy's and pandas' scalars
                put(self, row, col, value, fmt)

    def _calculate_spans(self) -> None:
        # the columns each block of 16 rows spans, as xlsxwriter works them out, but from the
        # rows that hold cells rather than from every cell of the sheet's rectangle
        if self.comments:
            super()._calculate_spans()
            return
        found: dict[int, tuple[int, int]] = {}
        for row, cells in self.table.items():
            if cells:
                low, high = found.get(row // 16, (min(cells), max(cells)))
                found[row // 16] = (min(low, *cells), max(high, *cells))
        self.row_spans = {block: f"{low + 1}:{high + 1}" for block, (low, high) in found.items()}

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        # the <c> element of a number, date, shared string or blank that has a format
        kind, fmt = type(cell), cell.format
        if not fmt or kind not in _SHORT or self.constant_memory:
            super()._write_cell(row, col, cell)
            return
        index = self._indices.get(fmt)
        if index is None:
            index = self._indices[fmt] = fmt._get_xf_index()
        letters = _LETTERS.get(col) or _LETTERS.setdefault(col, xl_col_to_name(col))
        if kind is CellStringTuple:  # its string is the index in the shared strings
            self.fh.write(f'<c r="{letters}{row + 1}" s="{index}" t="s"><v>{cell.string}</v></c>')
        elif kind is CellBlankTuple:
            self.fh.write(f'<c r="{letters}{row + 1}" s="{index}"/>')
        else:
            self.fh.write(f'<c r="{letters}{row + 1}" s="{index}"><v>{cell.number:.16G}</v></c>')
