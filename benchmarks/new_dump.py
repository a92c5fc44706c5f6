"""The baseline's input for ``bench_new.py``: what pacxl's writer hands to xlsxwriter, as data.

``write_dump(options, path)`` runs pacxl's own build, evaluator and writer once against a
recorder that stands in for xlsxwriter, then pickles what reached it: every cell (value, or
formula with its cached value), format properties, merges, widths, rows, validations,
conditional formats, charts, page setup, protection, defined names and document properties.
A cell written twice is kept once (the last write), so the baseline never pays for pacxl's
redundant work. ``bare_xlsxwriter.py`` reads the pickle back and replays it.
"""

from __future__ import annotations

import functools
import inspect
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar


class _Recorder:
    """Stands in for an xlsxwriter Workbook, Worksheet, Format or Chart; logs every call."""

    MAKES: ClassVar[dict[str, str]] = {
        "add_worksheet": "worksheet",
        "add_format": "format",
        "add_chart": "chart",
    }

    def __init__(self, log: list[tuple], kind: str) -> None:
        self._log, self.kind = log, kind

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)

        def call(*args: Any, **kwargs: Any) -> Any:
            made = _Recorder(self._log, self.MAKES[method]) if method in self.MAKES else None
            self._log.append((self, method, args, kwargs, made))
            return made

        return call


def record(options: dict[str, Any]) -> tuple[dict[str, Any], list[tuple]]:
    """Build, evaluate and 'write' a plan with pacxl; return the Workbook options and calls."""
    import pacxl.writer
    from pacxl.build import build_book
    from pacxl.generate import render
    from pacxl.options import new_options

    log: list[tuple] = []
    opened: dict[str, Any] = {}

    def workbook(path: str, workbook_options: dict[str, Any] | None = None) -> _Recorder:
        opened.update(workbook_options or {})
        return _Recorder(log, "workbook")

    checked = new_options(**options)
    real = pacxl.writer.xlsxwriter
    pacxl.writer.xlsxwriter = SimpleNamespace(Workbook=workbook)
    try:
        render(build_book(checked), Path("recorded.xlsx"), checked)
    finally:
        pacxl.writer.xlsxwriter = real
    return opened, log


@functools.cache
def _signature(cls: type, method: str) -> inspect.Signature:
    return inspect.signature(getattr(cls, method))


def _bind(cls: type, method: str, args: tuple, kwargs: dict) -> dict[str, Any]:
    # the arguments of an xlsxwriter call by name, defaults filled in
    bound = _signature(cls, method).bind(None, *args, **kwargs)
    bound.apply_defaults()
    return dict(list(bound.arguments.items())[1:])


def describe(opened: dict[str, Any], log: list[tuple]) -> dict[str, Any]:
    """Turn the recorded calls into the plain description bare_xlsxwriter.py reads."""
    from xlsxwriter.worksheet import Worksheet

    content: dict[str, Any] = {
        "options": opened,
        "formats": [],
        "sheets": [],
        "names": [],
        "custom_properties": [],
        "properties": {},
    }
    formats: dict[int, int] = {}
    sheets: dict[int, dict[str, Any]] = {}
    cells: dict[int, dict[tuple[int, int], tuple]] = {}
    charts: dict[int, dict[str, Any]] = {}

    def fmt(value: Any) -> int | None:
        return None if value is None else formats[id(value)]

    for owner, method, args, kwargs, made in log:
        if owner.kind == "workbook":
            _workbook_call(content, method, args, kwargs, made, formats, sheets, cells, charts)
        elif owner.kind == "chart":
            charts[id(owner)]["calls"].append((method, args, kwargs))
        elif owner.kind == "worksheet":
            sheet, a = sheets[id(owner)], _bind(Worksheet, method, args, kwargs)
            _sheet_call(sheet, cells[id(owner)], method, a, fmt, charts)
        else:
            raise ValueError(f"unexpected call {method} on a {owner.kind}")
    for key, sheet in sheets.items():
        _split_cells(sheet, cells[key])
    return content


def _workbook_call(
    content: dict[str, Any],
    method: str,
    args: tuple,
    kwargs: dict,
    made: Any,
    formats: dict,
    sheets: dict,
    cells: dict,
    charts: dict,
) -> None:
    if method == "add_format":
        formats[id(made)] = len(content["formats"])
        content["formats"].append(dict(args[0] if args else kwargs.get("properties", {})))
    elif method == "add_worksheet":
        sheet = {
            "name": args[0],
            "columns": [],
            "rows": [],
            "merges": [],
            "validations": [],
            "conditional_formats": [],
            "charts": [],
            "setup": [],
        }
        sheets[id(made)], cells[id(made)] = sheet, {}
        content["sheets"].append(sheet)
    elif method == "add_chart":
        charts[id(made)] = {"options": dict(args[0]), "calls": []}
    elif method == "define_name":
        content["names"].append(args)
    elif method == "set_custom_property":
        content["custom_properties"].append(args[:2])
    elif method == "set_properties":
        content["properties"] = dict(args[0])
    elif method != "close":
        raise ValueError(f"new_dump.py does not know Workbook.{method}: teach describe()")


def _sheet_call(
    sheet: dict[str, Any], cells: dict, method: str, a: dict[str, Any], fmt: Any, charts: dict
) -> None:
    if method == "set_column":
        sheet["columns"].append(
            (a["first_col"], a["last_col"], a["width"], fmt(a["cell_format"]), a["options"])
        )
    elif method == "set_row":
        sheet["rows"].append((a["row"], a["height"], fmt(a["cell_format"]), a["options"]))
    elif method == "merge_range":
        sheet["merges"].append(
            (
                a["first_row"],
                a["first_col"],
                a["last_row"],
                a["last_col"],
                a["data"],
                fmt(a["cell_format"]),
            )
        )
    elif method == "write_formula":
        cells[a["row"], a["col"]] = ("formula", a["formula"], fmt(a["cell_format"]), a["value"])
    elif method in ("write_number", "write_string", "write_boolean"):
        kind = method.removeprefix("write_")
        value = a.get("number", a.get("string", a.get("boolean")))
        cells[a["row"], a["col"]] = (kind, value, fmt(a["cell_format"]))
    elif method == "write_blank":
        cells[a["row"], a["col"]] = ("blank", None, fmt(a["cell_format"]))
    elif method == "data_validation":
        sheet["validations"].append(
            (a["first_row"], a["first_col"], a["last_row"], a["last_col"], a["options"])
        )
    elif method == "conditional_format":
        options = dict(a["options"])
        style = fmt(options.pop("format"))
        sheet["conditional_formats"].append(
            (a["first_row"], a["first_col"], a["last_row"], a["last_col"], options, style)
        )
    elif method == "insert_chart":
        sheet["charts"].append((a["row"], a["col"], charts[id(a["chart"])], a["options"]))
    elif method.startswith("write"):
        raise ValueError(f"new_dump.py does not know Worksheet.{method}: teach _sheet_call()")
    else:  # page setup, panes, outline settings, protection: a handful per sheet
        sheet["setup"].append((method, (), a))


def _split_cells(sheet: dict[str, Any], cells: dict[tuple[int, int], tuple]) -> None:
    # the last write of each cell, one list per kind, in row order
    for kind in ("formulas", "numbers", "strings", "booleans", "blanks"):
        sheet[kind] = []
    plural = {
        "formula": "formulas",
        "number": "numbers",
        "string": "strings",
        "boolean": "booleans",
        "blank": "blanks",
    }
    for (row, col), (kind, value, style, *cached) in sorted(cells.items()):
        if kind == "blank":
            sheet["blanks"].append((row, col, style))
        else:
            sheet[plural[kind]].append((row, col, value, style, *cached))


def write_dump(options: dict[str, Any], path: Path) -> None:
    """Pickle the description of the workbook ``pacxl new`` writes with ``options``."""
    opened, log = record(options)
    path.write_bytes(pickle.dumps(describe(opened, log), protocol=pickle.HIGHEST_PROTOCOL))
