"""How long does ``pacxl report FOLDER`` take on a thousand small workbooks, on two cores?

Usage: python benchmarks/bench_batch.py [--files 1000] [--runs 1] [--max-seconds 60]

The target (from the issue): 1 000 small workbooks consolidated in under a minute on two
cores, the whole process measured, side by side in one run with what a user would do
instead: a plain loop of ``pandas.read_excel(f, sheet_name=None)`` (openpyxl engine) over the
same files, which only reads them.

Steps:

1. *Build, untimed.* ``--variants`` small plans (10 to 40 actions, every input column typed,
   objectives, budget lines and KPIs: the plans of ``filled_plans.py``), built once in a
   worker process each and cached in ``--cache``; then ``--files`` copies of them, round
   robin, named ``plan_0001.xlsx``…, in a folder whose files are read once so that every
   route finds them in the page cache.
2. *Time, interleaved.* Each route (``--routes``) ``--runs`` times, rotating which goes
   first: ``pacxl-json`` (``python -m pacxl report FOLDER -o out.json --force``),
   ``pacxl-summary`` (the same without -o: the terminal summary, no report written) and
   ``pandas``. No warm-up run (one takes minutes at a thousand files).
3. *Check.* Every run must exit 0, and the summary of the last JSON report must count every
   action of every file.
4. *Phases* (``--phases``, at the largest size): the work of one file split into parse,
   interpretation and analysis, then one consolidation in this process, timed step by step
   (reading and analysing in the pool, consolidating, writing the JSON).

Prints the table and exits 1 if pacxl-json misses the target at the largest size, 2 if a
check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from filled_plans import workbooks
from processes import (
    Timings,
    bytecode_note,
    check_failed,
    load_note,
    measure,
    med,
    seconds,
    table,
    versions,
    work_folders,
)

PANDAS = (
    "import sys, pandas as pd\n"
    "from pathlib import Path\n"
    "for f in sorted(Path(sys.argv[1]).glob('*.xlsx')):\n"
    "    pd.read_excel(f, sheet_name=None, engine='openpyxl')\n"
)
ROUTES = ("pacxl-json", "pacxl-summary", "pandas")


# -- 1. build ------------------------------------------------------------------------------------


def variant_actions(count: int) -> list[int]:
    """How many actions each variant has: 10 to 40."""
    return [10 + (30 * i) // max(1, count - 1) for i in range(count)]


def variants(count: int, cache: Path) -> list[Path]:
    """The small plans, built unless the cache has them."""
    return list(workbooks(variant_actions(count), cache).values())


def folder_of(files: int, plans: list[Path], root: Path) -> Path:
    """``files`` copies of the plans, round robin, read once (page cache)."""
    folder = root / f"plans_{files}"
    folder.mkdir()
    for i in range(files):
        shutil.copyfile(plans[i % len(plans)], folder / f"plan_{i + 1:04}.xlsx")
    for path in folder.iterdir():
        path.read_bytes()
    return folder


# -- 2. time -------------------------------------------------------------------------------------


def commands(folder: Path, out: Path) -> dict[str, list[str]]:
    pacxl = [sys.executable, "-m", "pacxl", "report", str(folder)]
    return {"pacxl-json": [*pacxl, "-o", str(out), "--force"], "pacxl-summary": pacxl,
            "pandas": [sys.executable, "-c", PANDAS, str(folder)]}


# -- 3. check ------------------------------------------------------------------------------------


def summary_of(report: Path) -> dict:
    """The ``summary`` of a pacxl JSON report, without loading its (large) tables."""
    with report.open(encoding="utf-8") as stream:
        head = stream.read(1 << 16)
    start = head.index('"summary": ') + len('"summary": ')
    return json.JSONDecoder().raw_decode(head, start)[0]


def check(files: int, plans: list[Path], out: Path) -> list[str]:
    """The report of the last timed run counts every action of every file."""
    actions = variant_actions(len(plans))
    expected = sum(actions[i % len(actions)] for i in range(files))
    found = summary_of(out)["actions"]["total"]
    if found != expected:
        return [f"{files} files: the report counts {found} actions, {expected} were typed"]
    return []


# -- 4. phases -------------------------------------------------------------------------------------


def _cpu() -> tuple[float, float]:
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def phases(folder: Path, out: Path) -> list[tuple[str, float, float, float]]:
    """(phase, wall, this process's CPU, children's CPU): the mean per file of each step of
    one file's work, then one consolidation, step by step, in this process."""
    from pacxl.batch import consolidate_files
    from pacxl.report import write_report

    found = []

    def timed(name: str, work, count: int = 1):
        wall, (own, children) = time.perf_counter(), _cpu()
        result = work()
        after = _cpu()
        found.append((name, (time.perf_counter() - wall) / count, (after[0] - own) / count,
                      (after[1] - children) / count))
        return result

    # one file's steps first, while this process is small: a fork copies its page tables
    for name, work, inputs in per_file(sorted(folder.glob("*.xlsx"))[:20]):
        timed(f"per file: {name}", lambda w=work, i=inputs: [w(x) for x in i], len(inputs))
    whole, _ = timed("consolidate_files (pool of 2)", lambda: consolidate_files([folder]))
    timed("write the JSON report", lambda: write_report(whole, out))
    return found


def per_file(files: list[Path]) -> list[tuple[str, Callable, list]]:
    """The steps of one file's work, each with its inputs prepared beforehand."""
    from pacxl.ecarts import analyse
    from pacxl.importer import read_plan
    from pacxl.reader.frames import to_workbook

    plans = [read_plan(f, isolate=False) for f in files]
    books = [to_workbook(p) for p in plans]
    return [("read_plan, parse in a forked child", read_plan, files),
            ("read_plan, parse in this process", partial(read_plan, isolate=False), files),
            ("to_workbook (typed DataFrames)", to_workbook, plans),
            ("analyse", analyse, books)]


# -- report ------------------------------------------------------------------------------------

HEADER = ["files", "runs", "pacxl-json med", "min", "cpu", "MB", "pacxl-summary med", "cpu",
          "pandas med", "min", "cpu", "MB", "÷pandas med", "cpu", "ms/file"]  # fmt: skip


def row(files: int, timings: dict[str, Timings]) -> list[str]:
    pacxl = timings["pacxl-json"]
    summary, pandas = timings.get("pacxl-summary"), timings.get("pandas")
    cells = [f"{files:,}", str(len(pacxl.wall)), *seconds(pacxl, 1), f"{max(pacxl.rss_kb) >> 10}"]
    cells += [f"{med(summary.wall):.1f}", f"{med(summary.cpu):.1f}"] if summary else ["—"] * 2
    if pandas is None:
        return [*cells, *["—"] * 6, f"{1000 * med(pacxl.wall) / files:.0f}"]
    return [
        *cells, *seconds(pandas, 1), f"{max(pandas.rss_kb) >> 10}",
        f"{med(pacxl.wall) / med(pandas.wall):.2f}×",
        f"{med(pacxl.cpu) / med(pandas.cpu):.2f}×", f"{1000 * med(pacxl.wall) / files:.0f}",
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--files", default="1000", help="how many workbooks, comma-separated sizes (1000)")
    add("--runs", type=int, default=1, help="timed runs of each route (default 1)")
    add("--variants", type=int, default=8, help="distinct small plans copied (default 8)")
    add("--max-seconds", type=float, default=60.0,
        help="the target: pacxl-json at the largest size within this many seconds (60)")
    add("--routes", default=",".join(ROUTES),
        help=f"the routes to time, comma-separated (default {','.join(ROUTES)})")
    add("--phases", action="store_true", help="also time the phases in this process")
    add("--cache", type=Path, help="keep the built plans here (default: a temp folder)")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.files.replace("_", "").split(",") if s.strip()})
    args.routes = [r for r in ROUTES if r in args.routes.split(",")]
    if "pacxl-json" not in args.routes:
        parser.error("--routes must hold pacxl-json (its report is checked)")
    if args.runs < 1 or not args.sizes or min(args.sizes) < 2 or args.variants < 1:
        parser.error("--runs and --variants must be at least 1, --files at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    root, cache = work_folders("pacxl-bench-batch-", args.cache)
    results: dict[int, dict[str, Timings]] = {}
    found: list[tuple[str, float, float, float]] = []
    try:
        plans = variants(args.variants, cache)
        for files in args.sizes:
            folder, out = folder_of(files, plans, root), root / f"out_{files}.json"
            megabytes = sum(p.stat().st_size for p in folder.iterdir()) >> 20
            print(f"{files} files ({megabytes} MB):", file=sys.stderr)
            routes = {k: v for k, v in commands(folder, out).items() if k in args.routes}
            # no warm-up run (a run of a thousand files takes minutes): the files are cached
            results[files] = measure(routes, args.runs, warm_up=False, progress=True)
            if check_failed(check(files, plans, out)):
                return 2
            if args.phases and files == args.sizes[-1]:
                found = phases(folder, out)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("Seconds per whole process; ÷pandas = pacxl-json / the pandas loop")
    print(table(HEADER, [row(n, t) for n, t in results.items()]))
    if found:
        print("\nPhases (seconds; per file: the mean of 20 files, one process):")
        print(table(["phase", "wall", "cpu here", "cpu children"],
                    [[name, f"{w:.3f}", f"{o:.3f}", f"{c:.3f}"] for name, w, o, c in found],
                    left=1))
    print(f"\n{versions('pandas', 'openpyxl')}; {bytecode_note()}\n{load_note(load)}")
    largest = args.sizes[-1]
    took = med(results[largest]["pacxl-json"].wall)
    if took > args.max_seconds:
        print(f"TARGET MISSED: {largest:,} workbooks consolidated in {took:.0f} s, over "
              f"{args.max_seconds:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
