"""Is ``pacxl new`` within 1.3× of a bare xlsxwriter script writing the same workbook?

Usage: python benchmarks/bench_new.py [--runs 7] [--max-ratio 1.3] [--large-rows 2000]

For each scenario (the default plan, and a large one with ``--action-rows 2000``):

1. *Prepare, untimed.* Run pacxl's own build, evaluator and writer once against a recorder
   that stands in for xlsxwriter, and pickle what reached it: every cell (value or formula
   with its cached value), format properties, merges, widths, rows, validations, conditional
   formats, charts, page setup, protection, defined names and document properties. A cell
   written twice is kept once (the last write), so the baseline never pays for pacxl's
   redundant work.
2. *Time, interleaved.* Run ``python -m pacxl new -o X --force`` and
   ``python benchmarks/bare_xlsxwriter.py DUMP Y`` as whole processes, alternating which
   goes first, N times each after one untimed warm-up of each, from the bytecode cache
   (processes.py).
3. *Check.* Both files must hold the same content: every part of the two .xlsx identical,
   cell by cell (shared strings compared by text, since each writer numbers them in its own
   order), except the creation date; ``pacxl new`` must import neither pandas nor openpyxl;
   and what ``pacxl new`` runs (its modules, the description) must not change during the run.

Prints a table (median and min wall time, median CPU time, ratio of medians) and exits 1 if a
ratio exceeds ``--max-ratio``, 2 if a check fails, so it can run as a check.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

from processes import (
    ENV,
    LOADED,
    Timings,
    bytecode_note,
    changed_sources,
    digests,
    load_note,
    loaded_sources,
    measure,
    med,
    python_version,
    table,
)

HERE = Path(__file__).resolve().parent
BARE = HERE / "bare_xlsxwriter.py"
HEAVY_MODULES = ("pandas", "openpyxl")


@dataclass
class Scenario:
    name: str
    args: list[str]  # for `pacxl new`
    options: dict[str, Any]  # the same, for pacxl.options.new_options


# -- 1. prepare: what pacxl hands to xlsxwriter, as plain data ----------------------------------


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
        raise ValueError(f"bench_new.py does not know Workbook.{method}: teach describe()")


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
        raise ValueError(f"bench_new.py does not know Worksheet.{method}: teach _sheet_call()")
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


def prepare(scenario: Scenario, folder: Path) -> Path:
    """Pickle the description of the scenario's workbook; return the file."""
    opened, log = record(scenario.options)
    dump = folder / f"{scenario.name}.pickle"
    dump.write_bytes(pickle.dumps(describe(opened, log), protocol=pickle.HIGHEST_PROTOCOL))
    return dump


# -- 2. time whole processes (processes.py: interleaved, from the bytecode cache) -------------


def commands(scenario: Scenario, dump: Path, folder: Path) -> dict[str, tuple[list[str], Path]]:
    """The two competing commands, each with the workbook it writes."""
    pacxl, bare = folder / "pacxl.xlsx", folder / "bare.xlsx"
    return {
        "pacxl": (
            [sys.executable, "-m", "pacxl", "new", "-o", str(pacxl), "--force", *scenario.args],
            pacxl,
        ),
        "bare": ([sys.executable, str(BARE), str(dump), str(bare)], bare),
    }


# -- 3. check that both wrote the same workbook -----------------------------------------------

PATTERNS = {
    "cells": re.compile(rb"<c r="),
    "formulas": re.compile(rb"<f[ >]"),
    "validations": re.compile(rb"<dataValidation "),
    "conditional formats": re.compile(rb"<cfRule "),
    "merges": re.compile(rb"<mergeCell "),
}
SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml")
CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
SHARED = re.compile(rb"<si>(.*?)</si>", re.S)


def content_counts(xlsx: Path) -> dict[str, int]:
    """How many cells, formulas, validations… an .xlsx holds, counted in its XML."""
    counts = dict.fromkeys(PATTERNS, 0)
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if SHEET.fullmatch(name):
                xml = archive.read(name)
                for key, pattern in PATTERNS.items():
                    counts[key] += len(pattern.findall(xml))
    return counts


def content(xlsx: Path) -> dict[str, Any]:
    """Every part of an .xlsx, comparable across writers.

    Shared strings are numbered in the order a writer first meets them, so cells are read
    with their text instead of their index; the creation date (docProps/core.xml) is dropped.
    """
    parts: dict[str, Any] = {}
    with zipfile.ZipFile(xlsx) as archive:
        shared = SHARED.findall(archive.read("xl/sharedStrings.xml"))
        for name in archive.namelist():
            data = archive.read(name)
            if SHEET.fullmatch(name):
                parts[name] = (_cells(data, shared), CELL.sub(b"", data))
            elif name == "xl/sharedStrings.xml":
                parts[name] = sorted(shared)
            elif name != "docProps/core.xml":
                parts[name] = data
    return parts


def _cells(xml: bytes, shared: list[bytes]) -> dict[bytes, tuple[bytes, bytes]]:
    cells = {}
    for ref, attributes, body in CELL.findall(xml):
        if b't="s"' in attributes:
            body = shared[int(re.search(rb"<v>(\d+)</v>", body).group(1))]
        cells[ref] = (attributes, body)
    return cells


def differences(first: Path, second: Path) -> list[str]:
    """The parts in which two workbooks differ (none if they hold the same content)."""
    a, b = content(first), content(second)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


# What `pacxl new` runs: the pacxl modules it loads (printed by LOADED), the evaluator its
# forked child loads, and the description.
NEW = (
    "import json, sys, pacxl.cli, pacxl.formula; "
    "pacxl.cli.main(['new', '-o', sys.argv[1], '--force'])" + LOADED
)


def heavy_imports(folder: Path) -> list[str]:
    """The heavy modules a `pacxl new` process imports (there should be none)."""
    script = (
        "import sys, pacxl.cli; pacxl.cli.main(['new', '-o', sys.argv[1], '--force']); "
        f"print(*[m for m in {HEAVY_MODULES!r} if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder / "imports.xlsx")],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return done.stdout.splitlines()[-1].split()


# -- report -------------------------------------------------------------------------------------


def row(name: str, timings: dict[str, Timings], counts: dict[str, int]) -> list[str]:
    pacxl, bare = timings["pacxl"], timings["bare"]
    return [
        name,
        f"{counts['formulas']:,}",
        f"{counts['validations']:,}",
        str(len(pacxl.wall)),
        f"{med(pacxl.wall):.3f}",
        f"{min(pacxl.wall):.3f}",
        f"{med(pacxl.cpu):.3f}",
        f"{med(bare.wall):.3f}",
        f"{min(bare.wall):.3f}",
        f"{med(bare.cpu):.3f}",
        f"{med(pacxl.wall) / med(bare.wall):.2f}×",
        f"{min(pacxl.wall) / min(bare.wall):.2f}×",
        f"{med(pacxl.cpu) / med(bare.cpu):.2f}×",
    ]


HEADER = [
    "scenario",
    "formulas",
    "validations",
    "runs",
    "pacxl med",
    "min",
    "cpu",
    "bare med",
    "min",
    "cpu",
    "ratio med",
    "min",
    "cpu",
]


RATIO = HEADER.index("ratio med")  # the ratio the check uses: medians of wall-clock times


def _xlsxwriter_version() -> str:
    import xlsxwriter

    return xlsxwriter.__version__


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=1.3,
        help="fail above this pacxl/bare ratio of medians (default 1.3)",
    )
    parser.add_argument(
        "--large-rows",
        type=int,
        default=2000,
        help="--action-rows of the large scenario; 0 skips it (default 2000)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the dumps and workbooks")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.max_ratio <= 0 or args.large_rows < 0:
        parser.error("--runs must be at least 1, --max-ratio positive, --large-rows 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scenarios = [Scenario("default", [], {})]
    if args.large_rows:
        scenarios.append(
            Scenario(
                f"action-rows {args.large_rows}",
                ["--action-rows", str(args.large_rows)],
                {"action_rows": args.large_rows},
            )
        )
    load_before = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="pacxl-bench-"))
    sources = loaded_sources(NEW, str(folder / "sources.xlsx"))
    before = digests(sources)
    rows, problems, heavy = [], [], []
    try:
        for scenario in scenarios:
            scenario_folder = folder / scenario.name.replace(" ", "_")
            scenario_folder.mkdir()
            dump = prepare(scenario, scenario_folder)
            runs = commands(scenario, dump, scenario_folder)
            timings = measure({name: command for name, (command, _) in runs.items()}, args.runs)
            written = [runs[name][1] for name in ("pacxl", "bare")]
            differ = differences(*written)
            if differ:
                problems.append(f"{scenario.name}: the workbooks differ in {', '.join(differ)}")
            rows.append(row(scenario.name, timings, content_counts(written[0])))
            print(table(HEADER, rows[-1:], left=1).splitlines()[-1], file=sys.stderr, flush=True)
        heavy = heavy_imports(folder)
        if heavy:
            problems.append(f"`pacxl new` imports {', '.join(heavy)}")
        changed = changed_sources(before, digests(sources))
        if changed:
            problems.append(
                f"what `pacxl new` runs changed during the run ({', '.join(changed)}): run it again"
            )
    finally:
        if args.keep:
            print(f"kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(table(HEADER, rows, left=1))
    print(
        f"\nseconds per whole process; ratio = pacxl / bare; {python_version()}, "
        f"xlsxwriter {_xlsxwriter_version()}; {bytecode_note()}; target: ratio med ≤ "
        f"{args.max_ratio}; heavy modules imported by `pacxl new`: {', '.join(heavy) or 'none'}"
    )
    print(load_note(load_before))
    for problem in problems:
        print(f"CHECK FAILED: {problem}")
    if problems:
        return 2
    over = [r[0] for r in rows if float(r[RATIO].rstrip("×")) > args.max_ratio]
    for name in over:
        print(f"TOO SLOW: {name} is over {args.max_ratio}× the bare xlsxwriter script")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
