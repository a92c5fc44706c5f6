"""What the benchmarks share: running and timing whole processes, interleaved; their work
folders; the cells and notes of their tables; noticing an edit to what a command runs.

Every process runs from its bytecode cache, as an installed package does (pip compiles
pandas, openpyxl and pacxl when it installs them): a ``PYTHONDONTWRITEBYTECODE`` left in the
environment would have pacxl, and only pacxl, compiled from source at every start, so it is
unset for the runs (``ENV``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
med = statistics.median


@dataclass
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)  # largest process of the tree, per run


@dataclass
class Memory:
    parent_kb: int = 0  # the measured process
    child_kb: int = 0  # its largest child; starts with the parent's pages (copy on write)
    children: int = 0  # the most child processes seen alive at once
    sampled_kb: int = 0  # largest sum of VmRSS over the live tree, sampled in /proc

    @property
    def bound_kb(self) -> int:
        """An upper bound of the tree: the parent's peak and every child at the largest's."""
        return self.parent_kb + self.child_kb * max(1, self.children)


def run(command: list[str], watch: Memory | None = None) -> tuple[float, float, int]:
    """Run a command; its wall-clock and CPU (user + system, children included) seconds
    and the peak resident set (kB) of the largest process of its tree.

    With ``watch``, the process tree is sampled in /proc meanwhile (see :class:`Memory`).
    """
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


def measure(
    runs: dict[str, list[str]], count: int, warm_up: bool = True, progress: bool = False
) -> dict[str, Timings]:
    """Warm up once (unless not ``warm_up``), then run each command ``count`` times, rotating
    which goes first; with ``progress``, print each run's seconds to stderr as it ends."""
    if warm_up:
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
            if progress:
                print(f"  {name}: {wall:.1f} s (cpu {cpu:.1f} s)", file=sys.stderr, flush=True)
    return timings


def python(args: list[str], check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with ``args``, untimed, its output captured as text (``ENV``)."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=check, env=ENV
    )


def work_folders(prefix: str, cache: Path | None) -> tuple[Path, Path]:
    """A new temporary folder, and the folder for the built workbooks: ``cache`` (made if
    need be) or else the temporary one."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    cache = cache or folder
    cache.mkdir(parents=True, exist_ok=True)
    return folder, cache


# -- the tables ----------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]], left: int = 0) -> str:
    """A plain text table; the first ``left`` columns are aligned left, the others right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def seconds(timings: Timings, digits: int = 3) -> list[str]:
    """The cells of a route: median and minimum wall-clock seconds, median CPU seconds."""
    wall, cpu = timings.wall, timings.cpu
    return [f"{med(wall):.{digits}f}", f"{min(wall):.{digits}f}", f"{med(cpu):.{digits}f}"]


def ratios(timings: Timings, base: Timings) -> list[str]:
    """The cells ``timings`` ÷ ``base``: of the wall-clock medians, minimums, CPU medians."""
    return [
        f"{med(timings.wall) / med(base.wall):.2f}×",
        f"{min(timings.wall) / min(base.wall):.2f}×",
        f"{med(timings.cpu) / med(base.cpu):.2f}×",
    ]


def check_failed(problems: list[str]) -> bool:
    """Print each problem as a failed check; whether there was any."""
    for problem in problems:
        print(f"CHECK FAILED: {problem}")
    return bool(problems)


def bytecode_note() -> str:
    """Says whether ``PYTHONDONTWRITEBYTECODE`` was unset for the runs."""
    unset = " (PYTHONDONTWRITEBYTECODE unset for the runs)" if len(ENV) < len(os.environ) else ""
    return f"bytecode cache on{unset}"


def load_note(before: float) -> str:
    """The load average before and now: the machine may be shared."""
    return (
        f"load average {before:.2f} before, {os.getloadavg()[0]:.2f} after, "
        f"{os.cpu_count()} CPUs: with other work running, trust min and cpu over med"
    )


def python_version() -> str:
    return f"python {sys.version.split()[0]}"


def versions(*packages: str) -> str:
    """Python's version and those of the ``packages`` installed, for a table's footnote."""
    found = [python_version()]
    for package in packages:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{package} {metadata.version(package)}")
    return ", ".join(found)


# -- what a command runs, to notice an edit during a long run -----------------------------------

REPO = Path(__file__).resolve().parent.parent
# Appended to a script: print the pacxl modules the process has loaded.
LOADED = (
    "; print(json.dumps(sorted(m.__file__ for n, m in list(sys.modules.items()) "
    "if n.split('.')[0] == 'pacxl' and getattr(m, '__file__', None))))"
)


def loaded_sources(script: str, *args: str) -> list[Path]:
    """The pacxl files a script (ending with LOADED) loads, and the workbook description."""
    done = python(["-c", script, *args], check=True)
    templates = sorted(REPO.glob("workbook_templates/**/*.toml"))
    return [Path(f) for f in json.loads(done.stdout.splitlines()[-1])] + templates


def digests(paths: list[Path]) -> dict[str, str]:
    """A digest of each file."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
        for path in paths
    }


def changed_sources(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files whose digest changed, relative to the repository."""
    return sorted(os.path.relpath(k, REPO) for k in before if before[k] != after.get(k))


def watch(script: str, *args: str) -> Callable[[], list[str]]:
    """Digest what a script (ending with LOADED) runs; return a function that lists, relative
    to the repository, the files changed since."""
    sources = loaded_sources(script, *args)
    before = digests(sources)
    return lambda: changed_sources(before, digests(sources))
