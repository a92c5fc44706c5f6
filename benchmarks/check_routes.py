"""The routes ``bench_check.py`` compares on a filled workbook, and the checks before timing.

*pacxl*: ``python -m pacxl check FILE``; *openpyxl* and *calamine*: ``pandas.read_excel`` of
every sheet with that engine (pandas_route.py). Before timing, ``pacxl check --format json``
must exit 0 with every action read and no error, and each pandas route must read every sheet
and every action. ``memory`` runs ``pacxl check`` once more for the peaks of its processes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from filled_plans import workbooks
from pandas_route import read_command, read_counts
from processes import LOADED, Memory, Timings, python, run

ROUTES = ("pacxl", "openpyxl", "calamine")
# What `pacxl check` runs: the pacxl modules it loads (printed by LOADED), and the description.
CHECKER = "import json, sys, pacxl.cli; pacxl.cli.main(['check', sys.argv[1]])" + LOADED
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


def prepare(sizes: list[int], folder: Path) -> list[Size]:
    """The workbook of each size, built unless the cache folder already has it."""
    return [Size(n, path, path.stat().st_size) for n, path in workbooks(sizes, folder).items()]


def has_calamine() -> bool:
    try:
        metadata.version("python-calamine")
    except metadata.PackageNotFoundError:
        return False
    return True


def routes_for(actions: int, openpyxl_max: int, calamine: bool) -> list[str]:
    """The routes timed at a size: openpyxl only up to ``openpyxl_max`` actions, calamine
    only if installed."""
    return [
        route
        for route in ROUTES
        if (route != "openpyxl" or actions <= openpyxl_max) and (route != "calamine" or calamine)
    ]


# -- checks before timing -----------------------------------------------------------------------


def verify_pacxl(size: Size) -> list[str]:
    """``pacxl check --format json`` exits 0, with no error and every action read."""
    done = python(["-m", "pacxl", "check", str(size.path), "--format", "json"])
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
    found = read_counts(size.path, engine)
    if isinstance(found, str):
        return [f"{size.actions} actions: pandas ({engine}) failed: {found[-300:]}"]
    # the action column also holds the title, the header and the total label
    if len(found.sheets) < 10 or not size.actions <= found.actions <= size.actions + 3:
        return [f"{size.actions} actions: pandas ({engine}) read {len(found.sheets)} sheets, "
                f"{found.actions} non-empty action cells"]  # fmt: skip
    return []


def verify(sizes: dict[int, Size], routes: dict[int, list[str]]) -> list[str]:
    """The checks before timing: every route reads every action of every size."""
    problems = []
    for size in sizes.values():
        problems += verify_pacxl(size)
        for route in routes[size.actions][1:]:
            problems += verify_pandas(size, route)
    return problems


# -- what is timed, and the memory --------------------------------------------------------------


def commands(size: Size) -> dict[str, list[str]]:
    return {
        "pacxl": [sys.executable, "-m", "pacxl", "check", str(size.path)],
        "openpyxl": read_command(size.path, "openpyxl"),
        "calamine": read_command(size.path, "calamine"),
    }


def memory(size: Size, folder: Path) -> Memory:
    """Peaks of ``pacxl check``: its own, its forked parse's, and the tree's sampled total."""
    peaks, found = folder / "peaks.txt", Memory()
    run([sys.executable, "-c", PEAKS, str(peaks), str(size.path)], watch=found)
    found.parent_kb, found.child_kb = map(int, peaks.read_text().split())
    return found
