"""Is ``pacxl check`` on a filled workbook faster and leaner than reading it with pandas?

Usage: python benchmarks/bench_check.py [--runs 5] [--sizes 50,500,2000,10000,20000]

The targets (from the issue), each measured on whole processes side by side in one run:

1. 500 actions: ``pacxl check`` costs at most 0.5× ``pandas.read_excel(path, sheet_name=None,
   engine="openpyxl")``, the route a user would take (``--max-ratio-openpyxl``).
2. 10 000 actions: at most 1.5× the same with ``engine="calamine"`` (``--max-ratio-calamine``;
   needs python-calamine: ``pip install -e '.[bench]'``).
3. 20 000 actions: checked within 1 GB, the parent and the children it forks to parse added
   up (``--max-memory-mb``).

Steps:

1. *Build, untimed.* For each size, a workbook whose action grid has exactly that many rows,
   every input column filled with realistic values through :class:`pacxl.fill.Filler`, plus
   a team, objectives, budget lines and KPIs, rendered by :func:`pacxl.generate.render`. Built
   once, in a child process, cached in a folder (``--cache``). ``pacxl check --format json``
   must then exit 0 and report as many actions as were typed; each pandas route must read
   every sheet, the action plan with as many non-empty actions.
2. *Time, interleaved.* ``python -m pacxl check FILE`` and ``python -c "...read_excel..."``
   for each engine, N times each after one untimed warm-up, rotating which goes first.
3. *Memory, once per size.* ``pacxl check`` again, reporting the peak resident set of the
   parent (``RUSAGE_SELF``) and of the largest child it forks (``RUSAGE_CHILDREN``) at exit,
   while the benchmark samples the process tree in /proc for the largest simultaneous total
   and the most children alive at once.

Prints the tables and exits 1 if a target is missed, 2 if a check fails. The routes and their
checks are check_routes.py, the tables check_tables.py; this script holds the command line,
the flow and the targets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from check_routes import (
    CHECKER,
    Size,
    commands,
    has_calamine,
    memory,
    prepare,
    routes_for,
    verify,
)
from check_tables import TIME_HEADER, ratio, report, time_row
from processes import check_failed, measure, table, watch, work_folders

SIZES = (50, 500, 2_000, 10_000, 20_000)


def _sizes(text: str) -> list[int]:
    return sorted({int(part) for part in text.replace("_", "").split(",") if part.strip()})


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--runs", type=int, default=5, help="timed runs of each route (default 5)")
    add(
        "--sizes",
        type=_sizes,
        default=list(SIZES),
        help="actions of the workbooks, comma-separated (default 50,500,2000,10000,20000)",
    )
    add(
        "--max-ratio-openpyxl",
        type=float,
        default=0.5,
        help="fail above this pacxl / pandas-openpyxl ratio of medians (default 0.5)",
    )
    add(
        "--openpyxl-actions",
        type=int,
        default=500,
        help="the size that target applies to (default 500)",
    )
    add(
        "--max-ratio-calamine",
        type=float,
        default=1.5,
        help="fail above this pacxl / pandas-calamine ratio of medians (default 1.5)",
    )
    add(
        "--calamine-actions",
        type=int,
        default=10_000,
        help="the size that target applies to (default 10000)",
    )
    add(
        "--max-memory-mb",
        type=float,
        default=1024,
        help="fail if pacxl's parent + children peaks exceed this many MB (default 1024)",
    )
    add(
        "--memory-actions",
        type=int,
        default=20_000,
        help="the size that target applies to (default 20000)",
    )
    add(
        "--openpyxl-max",
        type=int,
        default=10_000,
        help="skip the openpyxl route above this many actions, it is slow (default 10000)",
    )
    add(
        "--cache",
        type=Path,
        help="keep the built workbooks in this folder and reuse them (default: a temp folder)",
    )
    add("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    if args.runs < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--runs must be at least 1 and --sizes positive numbers")
    if min(args.max_ratio_openpyxl, args.max_ratio_calamine, args.max_memory_mb) <= 0:
        parser.error("the targets must be positive")
    return args


def targets(args: argparse.Namespace, sizes: dict[int, Size]) -> tuple[list[str], list[str]]:
    """(the targets missed, the targets that could not be checked)."""
    missed, unchecked = [], []
    wanted = [
        ("openpyxl", args.openpyxl_actions, args.max_ratio_openpyxl),
        ("calamine", args.calamine_actions, args.max_ratio_calamine),
    ]
    for route, actions, limit in wanted:
        value = ratio(sizes[actions], route) if actions in sizes else None
        if value is None:
            unchecked.append(f"pacxl / pandas-{route} at {actions:,} actions")
        elif value > limit:
            missed.append(
                f"{actions:,} actions: pacxl check is {value:.2f}× pandas read_excel "
                f"(engine={route}), over the {limit}× target"
            )
    found = sizes[args.memory_actions].memory if args.memory_actions in sizes else None
    if found is None:
        unchecked.append(f"memory at {args.memory_actions:,} actions")
    elif found.bound_kb / 1024 > args.max_memory_mb:
        missed.append(
            f"{args.memory_actions:,} actions: pacxl check may peak at "
            f"{found.bound_kb / 1024:,.0f} MB (parent + children), "
            f"over {args.max_memory_mb:,.0f} MB"
        )
    return missed, unchecked


def time_routes(
    sizes: dict[int, Size], routes: dict[int, list[str]], runs: int, folder: Path
) -> None:
    """Time the routes of each size, and measure pacxl check's memory."""
    for size in sizes.values():
        every = commands(size)
        size.timings = measure({r: every[r] for r in routes[size.actions]}, runs)
        size.memory = memory(size, folder)
        print(table(TIME_HEADER, [time_row(size)]).splitlines()[-1], file=sys.stderr,
              flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    calamine = has_calamine()
    if not calamine:
        print("python-calamine is NOT installed: the calamine route and its target are skipped "
              "(pip install -e '.[bench]')", file=sys.stderr)  # fmt: skip
    load_before = os.getloadavg()[0]
    folder, cache = work_folders("pacxl-bench-check-", args.cache)
    try:
        sizes = {s.actions: s for s in prepare(args.sizes, cache)}
        routes = {a: routes_for(a, args.openpyxl_max, calamine) for a in sizes}
        smallest = min(sizes.values(), key=lambda s: s.actions)
        changed = watch(CHECKER, str(smallest.path))  # what `pacxl check` runs
        if check_failed(verify(sizes, routes)):
            return 2
        time_routes(sizes, routes, args.runs, folder)
    finally:
        if args.keep or args.cache:
            print(f"workbooks kept in {cache}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(args, sizes, calamine, load_before)
    return status(args, sizes, calamine, changed())


def status(args: argparse.Namespace, sizes: dict[int, Size], calamine: bool,
           changed: list[str]) -> int:  # fmt: skip
    """Print the targets missed or not checked, and the exit status they make."""
    missed, unchecked = targets(args, sizes)
    for item in unchecked:
        print(f"NOT CHECKED: {item}" + ("" if calamine or "calamine" not in item else
                                        " (python-calamine is not installed)"))  # fmt: skip
    for item in missed:
        print(f"TARGET MISSED: {item}")
    if changed:
        print(
            f"CHECK FAILED: what `pacxl check` runs changed during the run "
            f"({', '.join(changed)}): run it again"
        )
        return 2
    if missed:
        return 1
    return 2 if not calamine and args.calamine_actions in sizes else 0


if __name__ == "__main__":
    sys.exit(main())
