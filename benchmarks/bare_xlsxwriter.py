"""The baseline of ``bench_new.py``: write a PAC workbook with nothing but xlsxwriter.

Usage: python benchmarks/bare_xlsxwriter.py DUMP OUTPUT.xlsx

DUMP is a pickle that ``bench_new.py`` prepares once, before any timing: every cell with its
value or formula and the formula's cached value, the format properties, merges, widths,
rows, validations, conditional formats, charts, page setup, protection, defined names and
document properties of the workbook ``pacxl new`` writes. This script is what a competent
person would write by hand for that content: no description, no layout, no evaluation,
just a loop of xlsxwriter calls per kind of thing. It deliberately imports nothing of pacxl.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any

import xlsxwriter


def write(content: dict[str, Any], output: str) -> None:
    """Write the workbook described by ``content`` to ``output``."""
    workbook = xlsxwriter.Workbook(output, content["options"])
    formats = [workbook.add_format(props) for props in content["formats"]]
    for sheet in content["sheets"]:
        _write_sheet(workbook, workbook.add_worksheet(sheet["name"]), sheet, formats)
    for name, ref in content["names"]:
        workbook.define_name(name, ref)
    for name, value in content["custom_properties"]:
        workbook.set_custom_property(name, value)
    workbook.set_properties(content["properties"])
    workbook.close()


def _write_sheet(
    workbook: xlsxwriter.Workbook, ws: Any, sheet: dict[str, Any], formats: list[Any]
) -> None:
    for first, last, width, fmt, options in sheet["columns"]:
        ws.set_column(first, last, width, _fmt(formats, fmt), options)
    for row, height, fmt, options in sheet["rows"]:
        ws.set_row(row, height, _fmt(formats, fmt), options)
    for r1, c1, r2, c2, data, fmt in sheet["merges"]:
        ws.merge_range(r1, c1, r2, c2, data, formats[fmt])
    for row, col, formula, fmt, cached in sheet["formulas"]:
        ws.write_formula(row, col, formula, formats[fmt], cached)
    for row, col, number, fmt in sheet["numbers"]:
        ws.write_number(row, col, number, formats[fmt])
    for row, col, text, fmt in sheet["strings"]:
        ws.write_string(row, col, text, formats[fmt])
    for row, col, flag, fmt in sheet["booleans"]:
        ws.write_boolean(row, col, flag, formats[fmt])
    for row, col, fmt in sheet["blanks"]:
        ws.write_blank(row, col, None, formats[fmt])
    for r1, c1, r2, c2, options in sheet["validations"]:
        ws.data_validation(r1, c1, r2, c2, options)
    for r1, c1, r2, c2, options, fmt in sheet["conditional_formats"]:
        ws.conditional_format(r1, c1, r2, c2, {**options, "format": formats[fmt]})
    for row, col, chart, options in sheet["charts"]:
        ws.insert_chart(row, col, _chart(workbook, chart), options)
    for method, args, kwargs in sheet["setup"]:  # paper, margins, panes, protection…
        getattr(ws, method)(*args, **kwargs)


def _fmt(formats: list[Any], index: int | None) -> Any:
    return None if index is None else formats[index]


def _chart(workbook: xlsxwriter.Workbook, chart: dict[str, Any]) -> Any:
    made = workbook.add_chart(chart["options"])
    for method, args, kwargs in chart["calls"]:  # add_series, set_title, set_legend, axes
        getattr(made, method)(*args, **kwargs)
    return made


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[0], "rb") as dump:
        content = pickle.load(dump)
    write(content, argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
