"""Many workbooks read and analysed at once, on both cores; a broken one never stops the rest.

    analyses, failures = pacxl.analyse_files(["plans/", "siege.xlsx"])
    report = pacxl.consolidate(analyses)
    for failure in failures:
        print(failure.message)

A folder stands for its ``.xlsx`` and ``.xlsm`` files, sorted by name, without its
subfolders (a folder of plans is flat; ``old/`` or ``archives/`` beside them should not be
added to this year's totals: name them, or use a shell glob), nor Excel's ``~$`` lock files
or hidden files. A file named twice is read once.

Each file is read and analysed in a worker process (two by default: both cores of a common
laptop, never more than the cores this process may use, nor than the files). A worker parses
in place, within the importer's limits (:mod:`pacxl.xlsx.guard`: its address space capped
when it starts, a timer on each parse), rather than in a child forked per file, which would
cost a fifth of a small plan's time. A file that fails, for any reason, becomes a
:class:`Failure` (its message in the language asked for) and the others go on; if a worker
itself dies, the files it left unfinished are run again one by one, so the one that kills
its worker is the only one lost. With one worker, the work runs in this process and each
parse in a forked child, as :func:`pacxl.read_workbook` does.

Workers are forked from this process when it runs a single thread (they start at once,
with pacxl and pandas already imported); a process that runs other threads (a web server)
must not fork, so it gets them from a fork server instead, which imports pacxl once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .errors import OptionError, PacxlError
from .messages import message

if TYPE_CHECKING:
    from .ecarts import Analysis
    from .reader.frames import Workbook

SUFFIXES = (".xlsx", ".xlsm")
WORKERS = 2  # both cores

Progress = Callable[[int, int], object]  # (files done, files in all), after each file


@dataclass(frozen=True)
class Failure:
    """A workbook that could not be analysed, and why."""

    path: str  # as given, or the folder joined with the file's name
    code: str  # the message code: not_pac, file_corrupt_zip, batch_failed…
    message: str  # the sentence to show, naming the file


Outcome = Union["Analysis", Failure]


def workbook_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to analyse: each path, a folder standing for its workbooks (see the
    module's docstring); an empty folder stays, to be reported."""
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        for file in _in_folder(path) if path.is_dir() else [path]:
            found.setdefault(_identity(file), file)
    return list(found.values())


def _in_folder(folder: Path) -> list[Path]:
    files = sorted((p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES
                    and not p.name.startswith(("~$", ".")) and p.is_file()),
                   key=lambda p: (p.name.casefold(), p.name))
    return files or [folder]


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a loop of links, a name the system refuses: compare as given
        return path


def analyse_files(paths: Iterable[str | Path], as_of: dt.date | str | None = None,
                  lang: str | None = None, workers: int = WORKERS,
                  progress: Progress | None = None) -> tuple[list[Analysis], list[Failure]]:
    """Read and analyse every workbook of ``paths`` (files or folders).

    Args:
        paths: workbooks, or folders of workbooks.
        as_of: the review date of every workbook (a date or "YYYY-MM-DD"); by default each
            workbook's own (its *Paramètres*, else today).
        lang: the language of the messages, the workbooks' findings and the failures ("fr"
            or "en"); by default each workbook's for its analysis, French for failures.
        workers: how many processes work at once (capped by the cores and the files); 1 works
            in this process.
        progress: called with (files done, files in all) after each file, in this process.

    Returns:
        The analyses and the failures, each in the order of the files.

    Raises:
        OptionError: ``as_of`` is not a date.
    """
    files = workbook_files(paths)
    day = _day(as_of)
    jobs = [(str(f), day, lang) for f in files]
    count = max(1, min(workers, usable_cores(), len(files)))
    done = _Counter(len(files), progress)
    outcomes = _pooled(jobs, count, done) if count > 1 else [done(_job(*j)) for j in jobs]
    analyses = [o for o in outcomes if not isinstance(o, Failure)]
    return analyses, [o for o in outcomes if isinstance(o, Failure)]


def usable_cores() -> int:
    """The cores this process may run on."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _day(as_of: dt.date | str | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of.strip())
    except ValueError:
        raise OptionError("report_bad_date", value=as_of) from None


class _Counter:
    """Tells ``progress`` each file done."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self, outcome: Outcome) -> Outcome:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        return outcome


def _job(path: str, as_of: dt.date | None, lang: str | None) -> Outcome:
    """One workbook, read and analysed; whatever goes wrong, a Failure (runs in a worker)."""
    from .ecarts import analyse

    told = lang or "fr"
    if Path(path).is_dir():
        return Failure(path, "batch_empty_folder", message("batch_empty_folder", told, path=path))
    try:
        return analyse(_read(path, lang), as_of=as_of, lang=lang)
    except PacxlError as error:
        return Failure(path, error.code, error.message(told))
    except Exception as error:  # a bug must not cost the other files
        detail = str(error)[:200]
        return Failure(path, "batch_failed", message("batch_failed", told, path=path,
                                                     kind=type(error).__name__, detail=detail))


_in_worker = False  # True in a pool worker whose memory is capped (see _start_worker)


def _read(path: str, lang: str | None) -> Workbook:
    """The workbook: parsed in place in a capped worker, else in a forked child."""
    from .importer import read_plan
    from .reader.frames import to_workbook
    from .xlsx.guard import guarded

    if _in_worker:
        with guarded(path):
            plan = read_plan(path, isolate=False)
    else:
        plan = read_plan(path)
    return to_workbook(plan, lang=lang)


Job = tuple[str, "dt.date | None", "str | None"]


def _pooled(jobs: Sequence[Job], workers: int, done: _Counter) -> list[Outcome]:
    """The jobs in a pool of ``workers`` processes; their outcomes in order."""
    outcomes: dict[int, Outcome] = {}
    pool = _pool(workers)
    try:
        futures: dict[Future, int] = {pool.submit(_job, *job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            if future.exception() is None:
                outcomes[futures[future]] = done(future.result())
            elif not isinstance(future.exception(), BrokenProcessPool):
                raise future.exception()  # type: ignore[misc]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    left = [i for i in range(len(jobs)) if i not in outcomes]
    if left:  # a worker died: the files it may have held (the first ones left, as the pool
        # hands them out in order) run alone, the others in a new pool
        suspects, rest = left[:workers + 1], left[workers + 1:]
        outcomes |= {i: done(_alone(jobs[i])) for i in suspects}
        outcomes |= dict(zip(rest, _pooled([jobs[i] for i in rest], workers, done),
                             strict=True))
    return [outcomes[i] for i in range(len(jobs))]


def _alone(job: Job) -> Outcome:
    """One job in a worker of its own: if that worker dies too, the file is to blame."""
    pool = _pool(1)
    try:
        return pool.submit(_job, *job).result()
    except BrokenProcessPool:
        path, _, lang = job
        return Failure(path, "batch_worker_died",
                       message("batch_worker_died", lang or "fr", path=path))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker)


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process runs a single thread, else a fork server (spawn on Windows)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "pacxl.ecarts", "pacxl.importer"])
        return context
    return multiprocessing.get_context("spawn")


def _start_worker() -> None:
    """A worker ignores Ctrl-C (the parent's to handle: it stops the pool, the workers end
    their file) and, where it can, parses in place within the parse's limits
    (:mod:`pacxl.xlsx.guard`): a fork per file would cost a fifth of a small plan's time."""
    global _in_worker
    from .xlsx import guard

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if guard.available():
        guard.cap_process()
        _in_worker = True
