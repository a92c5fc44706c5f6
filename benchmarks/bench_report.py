"""Does ``pacxl report`` on a 500-action workbook cost no more than reading it with pandas?

Usage: python benchmarks/bench_report.py [--runs 7] [--actions 500] [--formats xlsx,html]

The target (issue 4), measured on whole processes side by side in one run: ``pacxl report``
on a filled 500-action workbook — read, analyse, write the Excel and HTML reports — costs no
more than ``pandas.read_excel(path, sheet_name=None, engine="openpyxl")`` (``--max-ratio``).

Steps:

1. *Build, untimed.* The workbook of ``bench_check.py`` (filled_plans.py): every input column
   of every action filled, objectives, budget lines and KPIs; cached in ``--cache``.
2. *Check.* ``pacxl report FILE -o x.xlsx -o x.html`` and the library route must each write
   every report (non-empty, the right kind of file); the library's analysis must count
   exactly as many actions as were typed, with no error finding; the pandas route must read
   every sheet.
3. *Time, interleaved.* *pacxl report*: the command a user types, one run writing every
   format (``-o`` once per format): the side of the target. *library*: ``read_workbook``,
   ``analyse`` and ``write_report`` once per format in one process, one step after the
   other (what the command did before it overlapped them). *pandas*: ``read_excel``. N runs
   of each after one untimed warm-up, rotating which goes first.
4. *Phases.* The library route again, timing its phases in the process (imports, read,
   analyse, each writer), to say where the time goes.

Prints the tables and exits 1 if the target is missed, 2 if a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from filled_plans import workbooks
from pandas_route import read_command, read_counts
from processes import (
    LOADED,
    Timings,
    bytecode_note,
    check_failed,
    load_note,
    measure,
    med,
    python,
    ratios,
    seconds,
    table,
    versions,
    watch,
    work_folders,
)

# The library route: what `pacxl report FILE -o OUT` runs, once per output (argv[2:]).
LIBRARY = (
    "import sys\n"
    "from pacxl import analyse, read_workbook\n"
    "from pacxl.report import write_report\n"
    "analysis = analyse(read_workbook(sys.argv[1]))\n"
    "for output in sys.argv[2:]:\n"
    "    write_report(analysis, output)\n"
)
# The same, printing (as JSON) the wall-clock seconds of each phase since the script began.
PHASES = """\
import json, sys, time
start = time.perf_counter()
marks = {}
def mark(name):
    marks[name] = time.perf_counter() - start - sum(marks.values())
import pandas
mark("import pandas")
import pacxl.ecarts, pacxl.importer, pacxl.report
from importlib import import_module
for output in sys.argv[2:]:
    module, _ = pacxl.report.WRITERS[pacxl.report.format_of(output)]
    import_module("pacxl.report." + module)
mark("import pacxl")
workbook = pacxl.importer.read_workbook(sys.argv[1])
mark("read")
analysis = pacxl.ecarts.analyse(workbook)
mark("analyse")
for output in sys.argv[2:]:
    pacxl.report.write_report(analysis, output)
    mark("write " + output.rsplit(".", 1)[1])
print(json.dumps(marks))
"""
# Check before timing: the analysis, the findings, and the sizes of the reports written.
VERIFY = (
    LIBRARY
    + "import json, os\n"
    + "errors = int((analysis.quality['severity'] == 'error').sum())\n"
    + "print(json.dumps([len(analysis.actions), errors, "
    + "[os.path.getsize(o) for o in sys.argv[2:]]]))"
)
SIGNATURES = {"xlsx": b"PK\x03\x04", "html": b"<!", "json": b"{", "md": b"#"}


def commands(plan: Path, folder: Path, formats: list[str]) -> dict[str, list[str]]:
    """The competing commands: what a user types, the library in one process, pandas."""
    both = [arg for fmt in formats for arg in ("-o", str(folder / f"cli.{fmt}"))]
    return {
        "pacxl report": [sys.executable, "-m", "pacxl", "report", str(plan), *both, "--force"],
        "library": [sys.executable, "-c", LIBRARY, str(plan),
                    *(str(folder / f"library.{fmt}") for fmt in formats)],
        "pandas": read_command(plan, "openpyxl"),
    }  # fmt: skip


def verify(plan: Path, folder: Path, formats: list[str], actions: int) -> list[str]:
    """The library writes every report from every action; pandas reads every sheet."""
    outputs = [folder / f"verify.{fmt}" for fmt in formats]
    done = python(["-c", VERIFY, str(plan), *map(str, outputs)])
    if done.returncode != 0:
        return [f"the library route failed: {done.stderr[-1500:]}"]
    analysed, errors, sizes = json.loads(done.stdout.splitlines()[-1])
    problems = []
    if analysed != actions or errors:
        problems.append(f"{analysed} actions analysed of {actions}, {errors} error findings")
    for fmt, output, size in zip(formats, outputs, sizes, strict=True):
        head = output.read_bytes()[:16].lstrip()
        if not size or not head.startswith(SIGNATURES.get(fmt, b"")):
            problems.append(f"the {fmt} report looks wrong ({size} bytes, begins {head!r})")
    cli = commands(plan, folder, formats)[TARGET]
    done = python(cli[1:])
    for fmt in formats:
        output = folder / f"cli.{fmt}"
        if done.returncode != 0 or not output.exists():
            problems.append(f"pacxl report did not write {output.name}: {done.stderr[-500:]}")
        elif not output.read_bytes()[:16].lstrip().startswith(SIGNATURES.get(fmt, b"")):
            problems.append(f"pacxl report wrote a {fmt} report that looks wrong")
    found = read_counts(plan, "openpyxl")
    if isinstance(found, str):
        return [*problems, f"pandas failed: {found[-500:]}"]
    if len(found.sheets) < 10 or found.rows < actions:
        problems.append(
            f"pandas read {len(found.sheets)} sheets, {found.rows} rows of the action plan"
        )
    return problems


def phases(plan: Path, folder: Path, formats: list[str], count: int) -> dict[str, float]:
    """Median wall-clock seconds of each phase of the library route, over ``count`` runs;
    "interpreter start" is the process's time before the script's first line."""
    outputs = [str(folder / f"phases.{fmt}") for fmt in formats]
    found: dict[str, list[float]] = {}
    for _ in range(count):
        start = time.perf_counter()
        done = python(["-c", PHASES, str(plan), *outputs], check=True)
        wall = time.perf_counter() - start
        marks = json.loads(done.stdout.splitlines()[-1])
        marks = {"interpreter start": wall - sum(marks.values()), **marks}
        for name, value in marks.items():
            found.setdefault(name, []).append(value)
    return {name: med(values) for name, values in found.items()}


# What the pacxl side runs: the modules the library route loads, and the description.
REPORTER = (
    "import json, sys, pacxl.cli, pacxl.importer, pacxl.ecarts, pacxl.report.parallel\n"
    + LIBRARY
    + LOADED.removeprefix("; ")
)

TARGET = "pacxl report"  # the route the target is about
HEADER = ["route", "runs", "med", "min", "cpu", "÷pandas med", "min", "cpu"]


def rows(timings: dict[str, Timings]) -> list[list[str]]:
    pandas = timings["pandas"]
    return [[name, str(len(t.wall)), *seconds(t), *ratios(t, pandas)]
            for name, t in timings.items()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--runs", type=int, default=7, help="timed runs of each route (default 7)")
    add("--actions", type=int, default=500, help="actions of the workbook (default 500)")
    add(
        "--formats",
        default="xlsx,html",
        help="the reports written, comma-separated: xlsx, html, json, md (default xlsx,html)",
    )
    add(
        "--max-ratio",
        type=float,
        default=1.0,
        help="fail above this pacxl / pandas ratio of medians (default 1.0)",
    )
    add("--phase-runs", type=int, default=5, help="runs of the phase timing; 0: none")
    add("--cache", type=Path, help="keep the built workbook in this folder and reuse it")
    add("--keep", action="store_true", help="keep the temp folder (the reports written)")
    args = parser.parse_args(argv)
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if args.runs < 1 or args.actions < 1 or args.max_ratio <= 0 or args.phase_runs < 0:
        parser.error("--runs, --actions and --max-ratio must be positive")
    unknown = sorted(set(args.formats) - set(SIGNATURES))
    if unknown or not args.formats:
        parser.error(f"--formats: one or more of {', '.join(SIGNATURES)}, not {unknown}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_before = os.getloadavg()[0]
    folder, cache = work_folders("pacxl-bench-report-", args.cache)
    try:
        plan = workbooks([args.actions], cache)[args.actions]
        megabytes = plan.stat().st_size / 2**20  # before the temporary folder goes
        changes = watch(REPORTER, str(plan), *(str(folder / f"s.{f}") for f in args.formats))
        if check_failed(verify(plan, folder, args.formats, args.actions)):
            return 2
        timings = measure(commands(plan, folder, args.formats), args.runs)
        spent = phases(plan, folder, args.formats, args.phase_runs) if args.phase_runs else {}
        changed = changes()
    finally:
        if args.keep or args.cache:
            print(f"kept in {folder if args.keep else cache}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    ratio = med(timings[TARGET].wall) / med(timings["pandas"].wall)
    print(
        f"{args.actions:,} actions ({megabytes:.1f} MB), reports: "
        f"{', '.join(args.formats)}; seconds per whole process; ÷pandas = route / "
        "pandas.read_excel(sheet_name=None, engine='openpyxl')"
    )
    print(table(HEADER, rows(timings), left=1))
    if spent:
        total = sum(spent.values())
        print(f"\nwhere the library route's time goes (median of {args.phase_runs} runs, wall):")
        print(
            table(
                ["phase", "seconds", "share"],
                [[name, f"{s:.3f}", f"{s / total:.0%}"] for name, s in spent.items()],
                left=1,
            )
        )
    print(
        f"\n{versions('pandas', 'openpyxl', 'xlsxwriter')}; {bytecode_note()}; "
        f"target: {TARGET} ÷pandas med ≤ {args.max_ratio}"
    )
    print(load_note(load_before))
    if changed:
        print(f"CHECK FAILED: what the routes run changed during the run ({', '.join(changed)})")
        return 2
    if ratio > args.max_ratio:
        print(f"TARGET MISSED: {TARGET} is {ratio:.2f}× pandas, over {args.max_ratio}×")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
