"""A RawBook read with openpyxl: a second, independent reading for cross-checks in tests."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import to_excel

from pacxl.xlsx import RawBook, RawCell, RawSheet


def _cell(formula_cell, value_cell) -> RawCell | None:
    raw = formula_cell.value
    value = value_cell.value
    formula = isinstance(raw, str) and raw.startswith("=") and formula_cell.data_type == "f"
    if value is None and not formula:
        return None
    fmt = value_cell.number_format or "General"
    if isinstance(value, dt.datetime | dt.date):
        return RawCell(float(to_excel(value)), "d", formula, fmt)
    if isinstance(value, bool):
        return RawCell(value, "b", formula, fmt)
    if isinstance(value, int | float):
        return RawCell(float(value), "n", formula, fmt)
    if value_cell.data_type == "e":
        return RawCell(value, "e", formula, fmt)
    return RawCell(value, "s", formula, fmt)


def read_with_openpyxl(path: Path) -> RawBook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in formulas.worksheets:
        wv = values[ws.title]
        sheet = RawSheet(ws.title, hidden=ws.sheet_state != "visible")
        for row in ws.iter_rows():
            for c in row:
                cell = _cell(c, wv[c.coordinate])
                if cell is not None:
                    sheet.cells[(c.row - 1, c.column - 1)] = cell
        sheet.merged = [
            (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in ws.merged_cells.ranges
        ]
        sheets.append(sheet)
    names = {n: d.attr_text for n, d in formulas.defined_names.items()}
    props = {p.name: str(p.value) for p in formulas.custom_doc_props.props}
    return RawBook(sheets, names, props)
