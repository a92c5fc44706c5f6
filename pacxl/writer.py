"""Write a :class:`~pacxl.book.BookModel` to an .xlsx file with xlsxwriter.

The only module that imports xlsxwriter. It translates; it decides nothing about the
layout. Formula cells carry the value Python computed, so a spreadsheet that shows cached
values (LibreOffice by default, previewers) shows the right numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .book import BookModel, Formula, SheetModel, Validation
from .spec import Spec
from .styles import conditional_properties, number_format, style_properties

PROTECTION = {
    "format_columns": True, "format_rows": True, "insert_rows": True, "autofilter": True,
    "sort": True, "select_locked_cells": True, "select_unlocked_cells": True,
}
A4 = 9


class _Formats(dict[str, Format]):
    """xlsxwriter Format objects by style key, each created the first time it is asked for
    (``formats[key]``: a plain dict lookup for the thousands of cells that share a style)."""

    def __init__(self, workbook: xlsxwriter.Workbook, spec: Spec, lang: str, currency: str):
        super().__init__()
        self._wb, self._spec, self._lang, self._cur = workbook, spec, lang, currency

    def number_format(self, kind: str) -> str | None:
        return number_format(self._spec, kind, self._lang, self._cur)

    def __missing__(self, key: str) -> Format:
        props = (conditional_properties if key.startswith("cf:") else style_properties)(
            self._spec, key, self._lang, self._cur)
        fmt = self[key] = self._wb.add_format(props)
        return fmt


def write_book(book: BookModel, path: Path, spec: Spec, currency: str,
               values: Callable[[], Iterator[object]] | None = None) -> tuple[int, int]:
    """Write the workbook to ``path`` (which must not be the final output: see atomic.py).

    Everything but the formula cells is written first; then ``values()`` is called and the
    formulas are written with their cached values. That order lets the values be computed
    elsewhere (another core) meanwhile.

    Args:
        book: the filled workbook model.
        path: where to write.
        spec: the description (styles, colours, number formats).
        currency: the currency code of the money formats.
        values: returns the value of each formula cell, in the book's order (sheets in
            order, each sheet's cells in insertion order): see :mod:`pacxl.cache`.

    Returns:
        How many formulas and validation ranges were written.
    """
    workbook = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    formats = _Formats(workbook, spec, book.lang, currency)
    sheets = [(workbook.add_worksheet(sheet.name), sheet) for sheet in book.sheets]
    validations = sum(_write_sheet(workbook, ws, sheet, formats) for ws, sheet in sheets)
    cached = values() if values else None
    formulas = 0
    for ws, sheet in sheets:
        for (row, col), cell in sheet.cells.items():
            if isinstance(cell.value, Formula):
                value = _cache(next(cached)) if cached else 0
                ws.write_formula(row, col, cell.value, formats[cell.style], value)
                formulas += 1
    for name, ref in book.names.items():
        workbook.define_name(name, ref if ref.startswith("=") else "=" + ref)
    for name, value in book.properties.items():
        workbook.set_custom_property(name, value)
    workbook.set_properties({"title": book.title, "comments": "pacxl", "created": book.created})
    workbook.close()
    return formulas, validations


def _write_sheet(workbook: xlsxwriter.Workbook, ws: Worksheet, sheet: SheetModel,
                 formats: _Formats) -> int:
    """Everything of one sheet but its formulas; returns the validation ranges written."""
    # columns and rows first: widths, hidden keys, outline levels
    for col, width in sorted(sheet.widths.items()):
        ws.set_column(col, col, width, None, {"hidden": col in sheet.hidden_columns})
    for row in sorted(set(sheet.heights) | set(sheet.outline)):
        options = {"level": sheet.outline[row]} if row in sheet.outline else {}
        ws.set_row(row, sheet.heights.get(row), None, options)
    for r1, c1, r2, c2 in sheet.merges:
        cell = sheet.cells.get((r1, c1))
        ws.merge_range(r1, c1, r2, c2, None, formats[cell.style if cell else "calc:text"])
    for (row, col), cell in sheet.cells.items():
        if not isinstance(cell.value, Formula):
            _write_value(ws, row, col, cell.value, formats[cell.style])
    rules = compact_validations(sheet.validations)
    for rule in rules:
        ws.data_validation(*rule.first, *rule.last, _validation(rule))
    for cf in sheet.cond_formats:
        ws.conditional_format(*cf.first, *cf.last, {
            "type": "formula", "criteria": "=" + cf.formula, "format": formats[cf.style]})
    for chart in sheet.charts:
        ws.insert_chart(*chart["anchor"], _chart(workbook, chart, formats),
                        {"x_scale": 1.3, "y_scale": 1.15})
    _page_setup(ws, sheet)
    return len(rules)


def _write_value(ws: Worksheet, row: int, col: int, value: Any, fmt: Format) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cache(value: Any) -> Any:
    """A computed value as xlsxwriter stores it in the formula's cache.

    xlsxwriter writes a cached text as is: control characters (which XML forbids) are
    dropped here, or the file would not open.
    """
    if value is None:
        return 0
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)  # an ExcelError: its code, e.g. "#DIV/0!"


def _validation(rule: Validation) -> dict[str, Any]:
    options: dict[str, Any] = {"error_title": rule.title[:32], "error_message": rule.message[:255],
                               "ignore_blank": True}
    if rule.kind == "list":
        options.update(validate="list", source="=" + (rule.source or ""))
        return options
    validate = {"integer": "integer", "decimal": "decimal", "date": "date"}[rule.kind]
    options["validate"] = validate
    lo, hi = rule.minimum, rule.maximum
    if lo is not None and hi is not None:
        options.update(criteria="between", minimum=lo, maximum=hi)
    elif lo is not None:
        options.update(criteria=">=", value=lo)
    elif hi is not None:
        options.update(criteria="<=", value=hi)
    else:
        options.update(criteria="between", minimum=-1e15, maximum=1e15)
    return options


def compact_validations(rules: list[Validation]) -> list[Validation]:
    """Merge identical single-cell rules into column runs, then runs into rectangles."""
    by_rule: dict[tuple, list[Validation]] = {}
    for rule in rules:
        key = (rule.kind, rule.source, rule.minimum, rule.maximum, rule.title, rule.message)
        by_rule.setdefault(key, []).append(rule)
    merged: list[Validation] = []
    for group in by_rule.values():
        runs: list[Validation] = []
        for rule in sorted(group, key=lambda r: (r.first[1], r.first[0])):
            prev = runs[-1] if runs else None
            if (prev and prev.first[1] == rule.first[1] and prev.last[1] == rule.last[1]
                    and prev.last[0] + 1 == rule.first[0]):
                prev.last = (rule.last[0], prev.last[1])
            else:
                runs.append(Validation(**{**rule.__dict__}))
        merged += runs
    return merged


def _chart(workbook: xlsxwriter.Workbook, spec: dict[str, Any], formats: _Formats):
    options = {"type": spec["type"]}
    if spec.get("subtype"):
        options["subtype"] = spec["subtype"]
    chart = workbook.add_chart(options)
    for series in spec["series"]:
        entry: dict[str, Any] = {
            "name": series["name"], "categories": list(spec["categories"]),
            "values": list(series["values"]),
        }
        if series.get("colour"):
            entry["fill"] = {"color": series["colour"]}
            entry["line"] = {"color": series["colour"]}
        chart.add_series(entry)
    chart.set_title({"name": spec["title"], "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom" if len(spec["series"]) > 1 else "none"})
    if spec.get("category_format"):
        chart.set_x_axis({"num_format": formats.number_format(spec["category_format"])})
    if spec.get("value_format"):
        axis = "set_x_axis" if spec["type"] == "bar" else "set_y_axis"
        getattr(chart, axis)({"num_format": spec["value_format"]})
    return chart


def _page_setup(ws: Worksheet, sheet: SheetModel) -> None:
    ws.set_paper(A4)
    if sheet.portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.fit_to_pages(sheet.pages_wide, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("&L&8&A&R&8&D")
    ws.set_footer("&C&8&P / &N")
    if sheet.freeze:
        ws.freeze_panes(*sheet.freeze)
        if sheet.freeze[1] and sheet.pages_wide > 1:
            ws.repeat_columns(0, sheet.freeze[1] - 1)
    if sheet.repeat_rows:
        ws.repeat_rows(*sheet.repeat_rows)
    if sheet.autofilter:
        ws.autofilter(*sheet.autofilter)
    ws.outline_settings(True, False, True, False)
    ws.protect("", PROTECTION)
