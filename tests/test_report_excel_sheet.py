"""The report's worksheet (pacxl/report/excel/sheet.py) writes, by its shorter road, the very
bytes xlsxwriter writes a cell at a time: value type by value type, part by part."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pacxl.report.excel.book import OPTIONS
from pacxl.report.excel.sheet import ReportSheet, put

STAMP = pd.Timestamp("2027-03-01")
VALUES: list[Any] = [
    # text: plain, empty, payloads, escapes, control characters, beyond half and beyond the
    # whole of Excel's limit (truncated), repeated (one shared string)
    "plain", "", "  spaces around  ", "=cmd|' /C calc'!A0", "@SUM(1)", "+1-1",
    '<b>&amp;</b> "quoted"', "tab\there", "control\x01char", "_x0041_ literal", "line\nbreak",
    "é à ü 😀", "x" * 20_000, "y" * 40_000, "plain",
    # numbers, the empty and infinite ones blank
    0.0, -0.0, 1.5, -2.25, 0.1 + 0.2, 1e300, 1e-300, 123456789012345.67, float("nan"),
    float("inf"), float("-inf"), 0, 7, -3, 2**53 + 1, True, False,
    # pandas' and numpy's values
    None, pd.NA, pd.NaT, np.float64(2.5), np.int64(7), np.nan, np.bool_(True),
    # dates, one twice
    STAMP, pd.Timestamp("2027-03-01 13:45:30"), STAMP, dt.date(2027, 1, 1),
    dt.datetime(2027, 1, 1, 12),
]
WIDTH = 7  # values per row


def rows() -> list[list[Any]]:
    return [VALUES[i:i + WIDTH] for i in range(0, len(VALUES), WIDTH)]


def write(path: Path, options: dict[str, Any], sheet: type[Worksheet],
          fill: Callable[[Any, list[Any]], None]) -> dict[str, bytes]:
    """A workbook of one sheet filled by ``fill(ws, formats)``: its parts, but the dated one."""
    workbook = xlsxwriter.Workbook(str(path), options)
    formats = [workbook.add_format(), workbook.add_format({"num_format": "#,##0.00"}),
               workbook.add_format({"num_format": "dd/mm/yyyy", "bold": True}),
               workbook.add_format({"text_wrap": True, "bg_color": "#C6EFCE"})]
    fill(workbook.add_worksheet("S", worksheet_class=sheet), formats)
    workbook.close()
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def by_cell(ws: Any, formats: list[Any]) -> None:
    for r, values in enumerate(rows()):
        for c, value in enumerate(values):
            put(ws, r, c, value, formats[(r + c) % len(formats)])


def by_row(ws: Any, formats: list[Any]) -> None:
    for r, values in enumerate(rows()):
        ws.write_values(r, values, [formats[(r + c) % len(formats)] for c in range(len(values))])


@pytest.mark.parametrize("options", [OPTIONS, OPTIONS | {"in_memory": False},
                                     OPTIONS | {"in_memory": False, "constant_memory": True}],
                         ids=["report", "files", "constant_memory"])
def test_the_report_sheet_writes_what_xlsxwriter_writes(tmp_path: Path,
                                                        options: dict[str, Any]) -> None:
    expected = write(tmp_path / "a.xlsx", options, Worksheet, by_cell)
    assert write(tmp_path / "b.xlsx", options, ReportSheet, by_cell) == expected
    assert write(tmp_path / "c.xlsx", options, ReportSheet, by_row) == expected


def test_rows_span_the_columns_xlsxwriter_says(tmp_path: Path) -> None:
    # blocks of 16 rows, each row's cells here and there, some rows empty or only high
    def scattered(ws: Any, formats: list[Any]) -> None:
        for r in range(0, 70, 3):
            for c in {r % 5, r % 7 + 3, 40 if r > 50 else 2}:
                put(ws, r, c, r * c, formats[0])
        ws.set_row(80, 30)
        put(ws, 90, 12, "last", formats[1])

    assert write(tmp_path / "a.xlsx", OPTIONS, ReportSheet, scattered) == write(
        tmp_path / "b.xlsx", OPTIONS, Worksheet, scattered)


def test_text_stays_text(tmp_path: Path) -> None:
    parts = write(tmp_path / "r.xlsx", OPTIONS, ReportSheet, by_row)
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"<f>" not in sheet and b"cmd|" in parts["xl/sharedStrings.xml"]
    assert sheet.count(b't="s"') == sum(isinstance(v, str) and v != "" for v in VALUES)


def test_rows_beyond_the_sheet_are_ignored_as_xlsxwriter_does(tmp_path: Path) -> None:
    last = 1_048_575

    def far(ws: Any, formats: list[Any]) -> None:
        ws.write_values(last + 1, ["lost", 1.0], formats[:2])
        ws.write_values(last, ["kept", 2.0], formats[:2])

    def near(ws: Any, formats: list[Any]) -> None:
        put(ws, last, 0, "kept", formats[0])
        put(ws, last, 1, 2.0, formats[1])

    assert write(tmp_path / "a.xlsx", OPTIONS, ReportSheet, far) == write(
        tmp_path / "b.xlsx", OPTIONS, Worksheet, near)
