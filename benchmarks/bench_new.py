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

The recorder is new_dump.py, the comparison xlsx_compare.py; this script holds the command
line, the flow and the table.

Prints a table (median and min wall time, median CPU time, ratio of medians) and exits 1 if a
ratio exceeds ``--max-ratio``, 2 if a check fails, so it can run as a check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from new_dump import write_dump
from processes import (
    LOADED,
    Timings,
    bytecode_note,
    check_failed,
    load_note,
    measure,
    python,
    ratios,
    seconds,
    table,
    versions,
    watch,
)
from xlsx_compare import content_counts, differences

HERE = Path(__file__).resolve().parent
BARE = HERE / "bare_xlsxwriter.py"
HEAVY_MODULES = ("pandas", "openpyxl")


@dataclass
class Scenario:
    name: str
    args: list[str]  # for `pacxl new`
    options: dict[str, Any]  # the same, for pacxl.options.new_options


def scenarios(large_rows: int) -> list[Scenario]:
    """The default plan, and the large one unless ``large_rows`` is 0."""
    found = [Scenario("default", [], {})]
    if large_rows:
        found.append(
            Scenario(
                f"action-rows {large_rows}",
                ["--action-rows", str(large_rows)],
                {"action_rows": large_rows},
            )
        )
    return found


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


def run_scenario(scenario: Scenario, folder: Path, runs: int) -> tuple[list[str], list[str]]:
    """Prepare (new_dump.py), time and compare one scenario: its table row, its problems."""
    scenario_folder = folder / scenario.name.replace(" ", "_")
    scenario_folder.mkdir()
    dump = scenario_folder / f"{scenario.name}.pickle"
    write_dump(scenario.options, dump)
    both = commands(scenario, dump, scenario_folder)
    timings = measure({name: command for name, (command, _) in both.items()}, runs)
    written = [both[name][1] for name in ("pacxl", "bare")]
    differ = differences(*written)
    problems = [f"{scenario.name}: the workbooks differ in {', '.join(differ)}"] if differ else []
    return row(scenario.name, timings, content_counts(written[0])), problems


# -- 3. check what `pacxl new` imports, and that what it runs did not change ---------------------

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
    done = python(["-c", script, str(folder / "imports.xlsx")], check=True)
    return done.stdout.splitlines()[-1].split()


# -- report -------------------------------------------------------------------------------------


def row(name: str, timings: dict[str, Timings], counts: dict[str, int]) -> list[str]:
    pacxl, bare = timings["pacxl"], timings["bare"]
    return [
        name,
        f"{counts['formulas']:,}",
        f"{counts['validations']:,}",
        str(len(pacxl.wall)),
        *seconds(pacxl),
        *seconds(bare),
        *ratios(pacxl, bare),
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


def report(rows: list[list[str]], heavy: list[str], max_ratio: float, load_before: float) -> None:
    """Print the table and its footnotes."""
    print(table(HEADER, rows, left=1))
    print(
        f"\nseconds per whole process; ratio = pacxl / bare; {versions('xlsxwriter')}; "
        f"{bytecode_note()}; target: ratio med ≤ {max_ratio}; "
        f"heavy modules imported by `pacxl new`: {', '.join(heavy) or 'none'}"
    )
    print(load_note(load_before))


def too_slow(rows: list[list[str]], max_ratio: float) -> list[str]:
    """Print the scenarios over the target; return them."""
    over = [r[0] for r in rows if float(r[RATIO].rstrip("×")) > max_ratio]
    for name in over:
        print(f"TOO SLOW: {name} is over {max_ratio}× the bare xlsxwriter script")
    return over


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
    load_before = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="pacxl-bench-"))
    changed = watch(NEW, str(folder / "sources.xlsx"))
    rows, problems, heavy = [], [], []
    try:
        for scenario in scenarios(args.large_rows):
            found, differ = run_scenario(scenario, folder, args.runs)
            rows.append(found)
            problems += differ
            print(table(HEADER, rows[-1:], left=1).splitlines()[-1], file=sys.stderr, flush=True)
        heavy, edited = heavy_imports(folder), changed()
        if heavy:
            problems.append(f"`pacxl new` imports {', '.join(heavy)}")
        if edited:
            problems.append(
                f"what `pacxl new` runs changed during the run ({', '.join(edited)}): run it again"
            )
    finally:
        if args.keep:
            print(f"kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    report(rows, heavy, args.max_ratio, load_before)
    if check_failed(problems):
        return 2
    return 1 if too_slow(rows, args.max_ratio) else 0


if __name__ == "__main__":
    sys.exit(main())
