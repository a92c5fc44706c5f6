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
import ast
import contextlib
import dataclasses
import datetime as dt
import hashlib
import inspect
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any

SIZES = (50, 500, 2_000, 10_000, 20_000)
YEAR, REVIEW = 2027, dt.date(2027, 6, 30)  # the fiscal year of the plans; TODAY() when written
TEAM = (
    "Alice Martin:Directrice commerciale;Bruno Petit:Commercial;"
    "Chloé Durand:Responsable marketing;David Moreau:Chargé de marketing"
)
MB = 1024 * 1024
REPO = Path(__file__).resolve().parent.parent
# Every process runs from its bytecode cache, as an installed package does (pip compiles
# pandas, openpyxl and pacxl when it installs them): a PYTHONDONTWRITEBYTECODE left in the
# environment would have pacxl, and only pacxl, compiled from source at every start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
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
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)  # largest process of the tree, per run


@dataclass
class Memory:
    parent_kb: int = 0  # pacxl's own process
    child_kb: int = 0  # the largest forked parse; starts with the parent's pages (copy on write)
    children: int = 0  # the most forked processes seen alive at once
    sampled_kb: int = 0  # largest sum of VmRSS over the live tree, sampled in /proc

    @property
    def bound_kb(self) -> int:
        """An upper bound of the tree: the parent's peak and every child at the largest's."""
        return self.parent_kb + self.child_kb * max(1, self.children)


@dataclass
class Size:
    actions: int
    path: Path
    file_bytes: int = 0
    warnings: int = 0
    timings: dict[str, Timings] = field(default_factory=dict)
    memory: Memory | None = None


# -- 1. build the workbooks (untimed, in a child process) ---------------------------------------

ACTIONS = (
    "Salon régional {n}", "Campagne d’emailing {n}", "Webinar client {n}",
    "Relance des devis {n}", "Journée portes ouvertes {n}", "Article de blog {n}",
    "Campagne SEA {n}", "Plaquette produit {n}", "Prospection téléphonique {n}",
    "Partenariat prescripteur {n}", "Newsletter trimestrielle {n}", "Visite grands comptes {n}",
)  # fmt: skip
PHASES = (
    "Réserver le stand ; préparer les badges ; relancer les contacts",
    "Segmenter la base ; rédiger ; envoyer ; mesurer l’ouverture",
    "Choisir le thème ; inviter ; animer ; envoyer le replay",
    "Lister les devis ouverts ; appeler ; noter les objections",
    "Brief agence ; maquette ; validation ; impression",
)
SEGMENTS = ("PME du BTP", "Artisans", "Grands comptes", "Collectivités", "Particuliers")
INDICATORS = ("Leads qualifiés", "Taux d’ouverture", "Chiffre d’affaires", "Rendez-vous")
ANALYSES = (
    "Bon ciblage, stand trop petit",
    "Objectif atteint grâce aux relances",
    "Retard de l’agence, à recadrer",
    "Peu de retours : revoir le message",
)


def plan_options(actions: int) -> Any:
    """The options of a plan with exactly ``actions`` rows in its action grid.

    ``pacxl new`` caps ``--action-rows`` (MAX_ROWS); bigger grids are what a person gets by
    copying rows down, so the checked options are widened here rather than by the CLI.
    """
    from pacxl.options import new_options

    checked = new_options(year=YEAR, company="Isolbat", author="Zoé Lefèvre", team=TEAM)
    return dataclasses.replace(checked, action_rows=actions, spare_rows=0)


def fill_plan(fill: Any, options: Any, actions: int) -> None:
    """Type a realistic plan: settings, objectives, ``actions`` full action rows, KPIs."""
    from pacxl.spec import load_spec

    spec, rng = load_spec(), random.Random(actions)

    def word(key: str, i: int) -> str:
        values = spec.list(key).values
        return values[i % len(values)]("fr")

    owners = [member.name for member in options.team]
    fill.field("params", "review_date", REVIEW)
    fill.row("strategic", 0, objective="Doubler le CA export", horizon=dt.date(2029, 12, 31))
    fill.row("strategic", 1, objective="Ouvrir une agence à Lyon")
    smart = ("Conversion du site", "Coût par lead", "Leads qualifiés", "Chiffre d’affaires")
    for i, objective in enumerate(smart):
        fill.row("smart", i, objective=objective, strategic_id=f"S{i % 2 + 1}",
                 category=word("categories", i), segment=SEGMENTS[i], indicator=objective,
                 unit="nombre", n1=100.0 + i, target=120.0 + i, deadline=dt.date(YEAR, 12, 31),
                 owner=owners[i], result=110.0 + i)  # fmt: skip
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    for i in range(actions):
        start = first + dt.timedelta(days=rng.randrange(330))
        unit = ("€", "%", "nombre")[i % 3]
        target = {"€": 10_000.0, "%": 0.2, "nombre": 40.0}[unit]
        fill.row(
            "actions", i,
            id=f"A{i + 1:05}",
            action=ACTIONS[i % len(ACTIONS)].format(n=i // len(ACTIONS) + 1),
            phases=PHASES[i % len(PHASES)],
            family=word("families", i),
            objective_id=f"O{i % len(smart) + 1}",
            category=word("categories", i),
            lever=word("levers", i),
            target_segment=SEGMENTS[i % len(SEGMENTS)],
            channel=word("channels", i),
            priority=word("priorities", i),
            owner=owners[i % len(owners)],
            budget=float(rng.randrange(500, 20_000, 50)),
            spent=round(rng.uniform(0, 20_000), 2),
            start=start,
            end=min(last, start + dt.timedelta(days=rng.randrange(1, 90))),
            indicator=INDICATORS[i % len(INDICATORS)],
            unit=unit,
            direction=word("directions", 0),
            target=target,
            result=round(target * rng.uniform(0.5, 1.3), 2),
            progress=word("statuses", i),
            analysis=ANALYSES[i % len(ANALYSES)],
            decision=word("decisions", i),
        )  # fmt: skip
    fill.row("budget_clients", 0, n1=70_000, budget=70_000, spent=35_000)
    fill.row("budget_leads", 1, n1=222_000, budget=265_000, spent=100_000.5)
    fill.row("budget_resources", 0, n1=220_000, budget=210_000)
    for line, revenue in (("p1", 150_000), ("p2", 20_000)):
        fill.kpi(
            "products", line, "revenue", n1=revenue * 0.8, objective=revenue, result=revenue * 0.9
        )
        fill.kpi("products", line, "sales", n1=4, objective=5, result=6)
    fill.kpi("sources", "seo", "leads", objective=200, result=180)
    for month in ("m01", "m02", "m03", "m04", "m05", "m06"):
        fill.kpi("months", month, "visits", n1=900, objective=1000, result=1100)
    fill.line("events", "l01", "Batimat", type=word("event_types", 0), date=dt.date(YEAR, 11, 5))
    fill.kpi("events", "l01", "budget", objective=10_000, result=12_000)
    fill.field("funnel", "revenue_target", 120_000)


def build(actions: int, path: Path) -> None:
    """Build, fill and write the plan of ``actions`` actions (runs in a worker process)."""
    from pacxl.build import build_book
    from pacxl.fill import Filler
    from pacxl.generate import render

    options = plan_options(actions)
    book = build_book(options)
    fill_plan(Filler(book, options), options, actions)
    partial = path.with_suffix(".part.xlsx")
    render(book, partial, options, today=REVIEW)
    partial.replace(path)


def writer_digest() -> str:
    """What the built workbooks depend on: the filling, pacxl's writing side, the description.

    The writing side is the modules that building and rendering load, so an edit to the
    reader (or to anything else) does not force a rebuild of a cached workbook.
    """
    # the filling code as a syntax tree (reformatting it keeps the cache), and its data
    digest = hashlib.sha256(repr((TEAM, YEAR, REVIEW, ACTIONS, PHASES, SEGMENTS, INDICATORS,
                                  ANALYSES)).encode())  # fmt: skip
    for function in (plan_options, fill_plan, build):
        digest.update(ast.dump(ast.parse(textwrap.dedent(inspect.getsource(function)))).encode())
    for path in loaded_sources(WRITER):
        digest.update(os.path.relpath(path, REPO).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


# Print the pacxl modules a process has loaded (after building, or after `pacxl check`).
LOADED = (
    "; print(json.dumps(sorted(m.__file__ for n, m in list(sys.modules.items()) "
    "if n.split('.')[0] == 'pacxl' and getattr(m, '__file__', None))))"
)
WRITER = "import json, sys, pacxl.build, pacxl.fill, pacxl.generate, pacxl.options" + LOADED
CHECKER = "import json, sys, pacxl.cli; pacxl.cli.main(['check', sys.argv[1]])" + LOADED


def loaded_sources(script: str, *args: str) -> list[Path]:
    """The pacxl files a script loads, and the workbook description."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env=ENV
    )
    templates = sorted(REPO.glob("workbook_templates/**/*.toml"))
    return [Path(f) for f in json.loads(done.stdout.splitlines()[-1])] + templates


def digests(paths: list[Path]) -> dict[str, str]:
    """A digest of each file, to notice an edit during a run."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
        for path in paths
    }


def prepare(sizes: list[int], folder: Path) -> list[Size]:
    """The workbook of each size, built unless the cache folder already has it."""
    tag, prepared = writer_digest(), []
    for actions in sizes:
        path = folder / f"pac_{actions}_{tag}.xlsx"
        if not path.exists():
            start = time.perf_counter()
            with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
                pool.submit(build, actions, path).result()
            seconds = time.perf_counter() - start
            print(f"built {path.name} in {seconds:.0f} s", file=sys.stderr, flush=True)
        prepared.append(Size(actions, path, path.stat().st_size))
    return prepared


# -- checks before timing -----------------------------------------------------------------------


def plan_sheet() -> str:
    from pacxl.spec import load_spec

    return load_spec().sheet("plan").name("fr")


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


def run(command: list[str], watch: Memory | None = None) -> tuple[float, float, int]:
    """Run a command; its wall-clock and CPU (user + system, children included) seconds
    and the peak resident set (kB) of the largest process of its tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=ENV)
        sampler = _Sampler(process.pid, watch) if watch is not None else None
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.stop()
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(
                f"{' '.join(command)} failed ({process.returncode}):\n"
                f"{err.read().decode(errors='replace')[-2000:]}"
            )
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


class _Sampler(threading.Thread):
    """Samples the resident set of a process tree in /proc; keeps the largest total."""

    def __init__(self, pid: int, memory: Memory) -> None:
        super().__init__(daemon=True)
        self.pid, self.memory, self.done = pid, memory, threading.Event()
        self.start()

    def run(self) -> None:
        found = self.memory
        while not self.done.is_set():
            kb, processes = _tree_rss_kb(self.pid)
            found.sampled_kb = max(found.sampled_kb, kb)
            found.children = max(found.children, processes - 1)
            self.done.wait(0.002)

    def stop(self) -> None:
        self.done.set()
        self.join()


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    # (the resident set of a process and its descendants in kB, how many processes)
    total, processes = 0, 0
    with contextlib.suppress(OSError, ValueError):
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    total, processes = int(line.split()[1]), 1
                    break
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as children:
            for child in children.read().split():
                kb, count = _tree_rss_kb(int(child))
                total, processes = total + kb, processes + count
    return total, processes


def commands(size: Size) -> dict[str, list[str]]:
    path = str(size.path)
    return {
        "pacxl": [sys.executable, "-m", "pacxl", "check", path],
        "openpyxl": [sys.executable, "-c", PANDAS.format(engine="openpyxl"), path],
        "calamine": [sys.executable, "-c", PANDAS.format(engine="calamine"), path],
    }


def measure(runs: dict[str, list[str]], count: int) -> dict[str, Timings]:
    """Warm up once, then run each command ``count`` times, rotating which goes first."""
    for command in runs.values():
        run(command)
    timings = {name: Timings() for name in runs}
    names = list(runs)
    for i in range(count):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            wall, cpu, rss = run(runs[name])
            timings[name].wall.append(wall)
            timings[name].cpu.append(cpu)
            timings[name].rss_kb.append(rss)
    return timings


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


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


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
    after = digests(sources)
    changed = sorted(os.path.relpath(k, REPO) for k in before if before[k] != after[k])
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
