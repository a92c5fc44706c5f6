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

Prints the tables and exits 1 if a target is missed, 2 if a check fails.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from filled_plans import plan_sheet, workbooks
from processes import (
    ENV,
    LOADED,
    Memory,
    Timings,
    changed_sources,
    digests,
    loaded_sources,
    measure,
    run,
    table,
)

SIZES = (50, 500, 2_000, 10_000, 20_000)
MB = 1024 * 1024
ROUTES = ("pacxl", "openpyxl", "calamine")
PANDAS = "import sys, pandas as pd; pd.read_excel(sys.argv[1], sheet_name=None, engine={engine!r})"
# A pandas route's sanity check: every sheet read, and how many actions the plan sheet has.
PANDAS_CHECK = (
    "import json, sys, pandas as pd; "
    "books = pd.read_excel(sys.argv[1], sheet_name=None, engine={engine!r}); "
    "plan = books[sys.argv[2]]; "
    "print(json.dumps([sorted(books), int(plan.iloc[:, 1].notna().sum())]))"
)
# Runs `pacxl check` as `python -m pacxl` would and writes, at exit, the peak resident set
# (kB) of this process and of the largest child it waited for: the forked parse.
PEAKS = (
    "import atexit, resource, runpy, sys\n"
    "def peaks(out=sys.argv[1]):\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    with open(out, 'w') as f:\n"
    "        f.write(f'{own} {child}')\n"
    "atexit.register(peaks)\n"
    "sys.argv = ['pacxl', 'check', *sys.argv[2:]]\n"
    "runpy.run_module('pacxl', run_name='__main__', alter_sys=True)\n"
)


@dataclass
class Size:
    actions: int
    path: Path
    file_bytes: int = 0
    warnings: int = 0
    timings: dict[str, Timings] = field(default_factory=dict)
    memory: Memory | None = None


# -- 1. build the workbooks (untimed, in a child process: filled_plans.py) ---------------------


def prepare(sizes: list[int], folder: Path) -> list[Size]:
    """The workbook of each size, built unless the cache folder already has it."""
    return [Size(n, path, path.stat().st_size) for n, path in workbooks(sizes, folder).items()]


CHECKER = "import json, sys, pacxl.cli; pacxl.cli.main(['check', sys.argv[1]])" + LOADED


# -- checks before timing -----------------------------------------------------------------------


def verify_pacxl(size: Size) -> list[str]:
    """``pacxl check --format json`` exits 0, with no error and every action read."""
    done = subprocess.run(
        [sys.executable, "-m", "pacxl", "check", str(size.path), "--format", "json"],
        capture_output=True, text=True, check=False, env=ENV,
    )  # fmt: skip
    if done.returncode != 0:
        tail = (done.stderr or done.stdout)[-300:]
        return [f"{size.actions} actions: pacxl check exited {done.returncode}: {tail}"]
    report = json.loads(done.stdout)
    size.warnings = report["warnings"]
    problems = []
    if report["errors"] or report["rows"].get("actions") != size.actions:
        problems.append(
            f"{size.actions} actions: pacxl check read {report['rows'].get('actions')} actions "
            f"with {report['errors']} errors"
        )
    return problems


def verify_pandas(size: Size, engine: str) -> list[str]:
    """The pandas route reads every sheet, and the action plan with every action."""
    script = PANDAS_CHECK.format(engine=engine)
    done = subprocess.run(
        [sys.executable, "-c", script, str(size.path), plan_sheet()],
        capture_output=True, text=True, check=False, env=ENV,
    )  # fmt: skip
    if done.returncode != 0:
        return [f"{size.actions} actions: pandas ({engine}) failed: {done.stderr[-300:]}"]
    sheets, actions = json.loads(done.stdout)
    # the action column also holds the title, the header and the total label
    if len(sheets) < 10 or not size.actions <= actions <= size.actions + 3:
        return [f"{size.actions} actions: pandas ({engine}) read {len(sheets)} sheets, "
                f"{actions} non-empty action cells"]  # fmt: skip
    return []


# -- 2. time whole processes --------------------------------------------------------------------


def commands(size: Size) -> dict[str, list[str]]:
    path = str(size.path)
    return {
        "pacxl": [sys.executable, "-m", "pacxl", "check", path],
        "openpyxl": [sys.executable, "-c", PANDAS.format(engine="openpyxl"), path],
        "calamine": [sys.executable, "-c", PANDAS.format(engine="calamine"), path],
    }


def memory(size: Size, folder: Path) -> Memory:
    """Peaks of ``pacxl check``: its own, its forked parse's, and the tree's sampled total."""
    peaks, found = folder / "peaks.txt", Memory()
    run([sys.executable, "-c", PEAKS, str(peaks), str(size.path)], watch=found)
    found.parent_kb, found.child_kb = map(int, peaks.read_text().split())
    return found


# -- report -------------------------------------------------------------------------------------

med = statistics.median


def ratio(size: Size, route: str, of: str = "wall") -> float | None:
    if route not in size.timings:
        return None
    pacxl, other = size.timings["pacxl"], size.timings[route]
    if of == "min":
        return min(pacxl.wall) / min(other.wall)
    return med(getattr(pacxl, of)) / med(getattr(other, of))


def _seconds(timings: Timings | None) -> list[str]:
    if timings is None:
        return ["—"] * 3
    return [f"{med(timings.wall):.3f}", f"{min(timings.wall):.3f}", f"{med(timings.cpu):.3f}"]


def _ratios(size: Size, route: str) -> list[str]:
    values = [ratio(size, route, of) for of in ("wall", "min", "cpu")]
    return ["—" if v is None else f"{v:.2f}×" for v in values]


def _mb(kb: int | float | None) -> str:
    return "—" if kb is None else f"{kb / 1024:,.0f}"


TIME_HEADER = [
    "actions", "file MB", "runs", "pacxl med", "min", "cpu", "openpyxl med", "min", "cpu",
    "calamine med", "min", "cpu", "÷openpyxl med", "min", "cpu", "÷calamine med", "min", "cpu",
]  # fmt: skip
MEMORY_HEADER = [
    "actions", "pacxl parent", "child", "children", "bound", "sampled tree", "largest (runs)",
    "openpyxl", "calamine", "warnings",
]  # fmt: skip


def time_row(size: Size) -> list[str]:
    return [
        f"{size.actions:,}",
        f"{size.file_bytes / MB:.1f}",
        str(len(size.timings["pacxl"].wall)),
        *_seconds(size.timings.get("pacxl")),
        *_seconds(size.timings.get("openpyxl")),
        *_seconds(size.timings.get("calamine")),
        *_ratios(size, "openpyxl"),
        *_ratios(size, "calamine"),
    ]


def memory_row(size: Size) -> list[str]:
    found, runs = size.memory, size.timings
    rss = {name: med(t.rss_kb) if t.rss_kb else None for name, t in runs.items()}
    return [
        f"{size.actions:,}",
        _mb(found.parent_kb if found else None),
        _mb(found.child_kb if found else None),
        str(found.children) if found else "—",
        _mb(found.bound_kb if found else None),
        _mb(found.sampled_kb if found else None),
        _mb(rss.get("pacxl")),
        _mb(rss.get("openpyxl")),
        _mb(rss.get("calamine")),
        str(size.warnings),
    ]


def versions() -> str:
    found = [f"python {sys.version.split()[0]}"]
    for package in ("pandas", "openpyxl", "python-calamine"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{package} {metadata.version(package)}")
    return ", ".join(found)


def has_calamine() -> bool:
    try:
        metadata.version("python-calamine")
    except metadata.PackageNotFoundError:
        return False
    return True


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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    calamine = has_calamine()
    if not calamine:
        print("python-calamine is NOT installed: the calamine route and its target are skipped "
              "(pip install -e '.[bench]')", file=sys.stderr)  # fmt: skip
    load_before = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="pacxl-bench-check-"))
    cache = args.cache or folder
    cache.mkdir(parents=True, exist_ok=True)
    try:
        sizes = {s.actions: s for s in prepare(args.sizes, cache)}
        routes = {
            actions: [r for r in ROUTES if (r != "openpyxl" or actions <= args.openpyxl_max)
                      and (r != "calamine" or calamine)]
            for actions in sizes
        }  # fmt: skip
        smallest = min(sizes.values(), key=lambda s: s.actions)
        sources = loaded_sources(CHECKER, str(smallest.path))  # what `pacxl check` runs
        before = digests(sources)
        problems = []
        for size in sizes.values():
            problems += verify_pacxl(size)
            for route in routes[size.actions][1:]:
                problems += verify_pandas(size, route)
        for problem in problems:
            print(f"CHECK FAILED: {problem}")
        if problems:
            return 2
        for size in sizes.values():
            every = commands(size)
            size.timings = measure({r: every[r] for r in routes[size.actions]}, args.runs)
            size.memory = memory(size, folder)
            print(table(TIME_HEADER, [time_row(size)]).splitlines()[-1], file=sys.stderr,
                  flush=True)  # fmt: skip
    finally:
        if args.keep or args.cache:
            print(f"workbooks kept in {cache}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(args, sizes, calamine, load_before)
    missed, unchecked = targets(args, sizes)
    for item in unchecked:
        print(f"NOT CHECKED: {item}" + ("" if calamine or "calamine" not in item else
                                        " (python-calamine is not installed)"))  # fmt: skip
    for item in missed:
        print(f"TARGET MISSED: {item}")
    changed = changed_sources(before, digests(sources))
    if changed:
        print(
            f"CHECK FAILED: what `pacxl check` runs changed during the run "
            f"({', '.join(changed)}): run it again"
        )
        return 2
    if missed:
        return 1
    return 2 if not calamine and args.calamine_actions in sizes else 0


def report(args: argparse.Namespace, sizes: dict[int, Size], calamine: bool,
           load_before: float) -> None:  # fmt: skip
    print("Time: seconds per whole process; ÷ = pacxl / pandas read_excel(sheet_name=None)")
    print(table(TIME_HEADER, [time_row(s) for s in sizes.values()]))
    print("\nMemory: peak resident set, MB")
    print(table(MEMORY_HEADER, [memory_row(s) for s in sizes.values()]))
    unset = " (PYTHONDONTWRITEBYTECODE unset for the runs)" if len(ENV) < len(os.environ) else ""
    print(
        f"\n{versions()}; bytecode cache on{unset}\n"
        f"targets: ÷openpyxl med ≤ {args.max_ratio_openpyxl} at {args.openpyxl_actions:,} "
        f"actions; ÷calamine med ≤ {args.max_ratio_calamine} at {args.calamine_actions:,}; "
        f"bound ≤ {args.max_memory_mb:,.0f} MB at {args.memory_actions:,}\n"
        "memory: parent and (largest) child peaks from their rusage at exit; children = most "
        "forked parses alive at once; bound = parent + children × child, an upper bound (a "
        "child counts the pages it shares with the parent); sampled tree = largest sum of "
        "VmRSS seen in /proc every 2 ms; largest (runs) = median over the timed runs of the "
        "largest process's peak"
    )
    skipped = [f"{a:,}" for a in sizes if a > args.openpyxl_max]
    if skipped:
        print(f"openpyxl route skipped at {', '.join(skipped)} actions (--openpyxl-max "
              f"{args.openpyxl_max:,}): it takes too long")  # fmt: skip
    if not calamine:
        print("calamine route skipped: python-calamine is not installed")
    print(
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, "
        f"{os.cpu_count()} CPUs: with other work running, trust min and cpu over med"
    )


if __name__ == "__main__":
    sys.exit(main())
