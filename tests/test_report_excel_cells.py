"""The tables of the Excel report (pacxl/report/excel/cells.py): rows as Python values,
widths fitted to the numbers, formats made in the order of the cells."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from hypothesis import example, given
from hypothesis import strategies as st

from pacxl.report.excel.book import OPTIONS
from pacxl.report.excel.cells import (
    Formats,
    Table,
    column,
    fitted_widths,
    number_width,
    records,
    tabulate,
    write_table,
)
from pacxl.report.excel.sheet import ReportSheet

STYLES = ("integer", "money", "money2+", "percent", "points", "number@bad", "text", "date")


def test_records_are_python_values_none_where_empty() -> None:
    frame = pd.DataFrame({
        "i": pd.array([1, None], dtype="Int64"), "f": pd.array([1.5, None], dtype="Float64"),
        "b": pd.array([True, None], dtype="boolean"), "s": pd.array(["a", None], dtype="string"),
        "d": pd.to_datetime(["2027-01-31", None]), "n": [2.5, float("nan")], "k": [3, 4],
    })
    first, second = records(frame)
    assert first == {"i": 1, "f": 1.5, "b": True, "s": "a", "d": pd.Timestamp("2027-01-31"),
                     "n": 2.5, "k": 3}
    assert [type(v) for v in first.values()] == [int, float, bool, str, pd.Timestamp, float, int]
    assert second == {"i": None, "f": None, "b": None, "s": None, "d": None, "n": None, "k": 4}
    assert records(frame.iloc[:0]) == []
    # a frame of one block converts alike
    assert records(frame[["k"]]) == [{"k": 3}, {"k": 4}]
    assert records(frame[["n"]]) == [{"n": 2.5}, {"n": None}]
    assert records(frame[["d"]]) == [{"d": pd.Timestamp("2027-01-31")}, {"d": None}]
    assert [type(r["k"]) for r in records(frame[["k"]])] == [int, int]


NUMBERS = st.one_of(st.floats(), st.integers(-10**16, 10**16), st.booleans(), st.none(),
                    st.text(max_size=3))


@given(st.lists(st.tuples(NUMBERS, st.sampled_from(STYLES)), max_size=40),
       st.floats(0, 30))
@example([(1e305, "percent"), (-1e307, "percent"), (12.5, "percent")], 9)  # ×100 overflows
def test_a_column_is_as_wide_as_its_widest_number(cells: list[tuple[Any, str]],
                                                   width: float) -> None:
    values, styles = [v for v, _ in cells], [s for _, s in cells]
    table = Table([column("h", "v", width=width)], [values], [styles], [False] * len(cells))
    widest = [number_width(float(v), s, "€") for v, s in cells
              if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)]
    assert fitted_widths(table, "€") == [max([width, *widest])]


def test_formats_are_made_in_the_order_of_the_cells(tmp_path: Path) -> None:
    # row by row, left to right, as a cell at a time made them: the file numbers them so
    rows = [{"a": 1, "b": "x", "bold": False, "sa": "integer", "sb": "text"},
            {"a": 2, "b": "y", "bold": True, "sa": "money", "sb": "text@bad"},
            {"a": 3, "b": "z", "bold": False, "sa": "percent", "sb": "money"}]
    columns = [column("A", "a", lambda r: r["sa"]), column("B", "b", lambda r: r["sb"])]
    workbook = xlsxwriter.Workbook(str(tmp_path / "f.xlsx"), OPTIONS)
    formats = Formats(workbook, "fr", "EUR")
    formats("money")  # made before: not made again
    table = tabulate(columns, rows, lambda r: r["bold"])
    write_table(workbook.add_worksheet(worksheet_class=ReportSheet), formats, 0, table, [9, 9])
    workbook.close()
    assert list(formats._cache) == [
        ("money", False), ("header", False), ("integer", False), ("text", False),
        ("money", True), ("text@bad", True), ("percent", False)]
