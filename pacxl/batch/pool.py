"""The workers of a batch: a pool of processes, and what is done when one of them dies."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..messages import message
from .work import Failure, Job, Outcome, job, start_worker

WORKERS = 2  # both cores

Progress = Callable[[int, int], object]  # (files done, files in all), after each file


class Counter:
    """Tells ``progress`` the files done."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self, outcome: Outcome, files: int = 1) -> Outcome:
        self.done += files
        if self.progress is not None:
            self.progress(self.done, self.total)
        return outcome


def usable_cores() -> int:
    """The cores this process may run on."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def pooled(work: Callable[..., Any], tasks: Sequence[tuple], workers: int,
           finished: Callable[[int, Any], Any]) -> dict[int, Any]:
    """``work(*task)`` for each task in a pool of ``workers`` processes; ``finished(i,
    result)`` as each ends. Returns what ``finished`` returned, by task; a task that a dead
    worker took with it is missing."""
    results: dict[int, Any] = {}
    pool = _pool(workers)
    try:
        futures: dict[Future, int] = {pool.submit(work, *t): i for i, t in enumerate(tasks)}
        for future in as_completed(futures):
            if future.exception() is None:
                i = futures[future]
                results[i] = finished(i, future.result())
            elif not isinstance(future.exception(), BrokenProcessPool):
                raise future.exception()  # type: ignore[misc]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results


def pooled_jobs(jobs: Sequence[Job], workers: int, done: Counter) -> list[Outcome]:
    """Each workbook in a pool of ``workers`` processes; the outcomes in order."""
    outcomes = pooled(job, jobs, workers, lambda _, outcome: done(outcome))
    left = [i for i in range(len(jobs)) if i not in outcomes]
    if left:  # a worker died: the files it may have held (the first ones left, as the pool
        # hands them out in order) run alone, the others in a new pool
        suspects, rest = left[:workers + 1], left[workers + 1:]
        outcomes |= {i: done(alone(jobs[i])) for i in suspects}
        outcomes |= dict(zip(rest, pooled_jobs([jobs[i] for i in rest], workers, done),
                             strict=True))
    return [outcomes[i] for i in range(len(jobs))]


def alone(task: Job) -> Outcome:
    """One workbook in a worker of its own: if that worker dies too, the file is to blame."""
    pool = _pool(1)
    try:
        return pool.submit(job, *task).result()
    except BrokenProcessPool:
        path, _, lang = task
        return Failure(path, "batch_worker_died",
                       message("batch_worker_died", lang or "fr", path=path))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=context(), initializer=start_worker)


def context() -> multiprocessing.context.BaseContext:
    """fork when this process runs a single thread, else a fork server (spawn on Windows)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(["pacxl.batch.work", "pacxl.ecarts", "pacxl.importer"])
        return forkserver
    return multiprocessing.get_context("spawn")


class Workers:
    """A pool kept for many calls, for a long-running process that runs threads (the web
    app): started on first use (from a fork server there: such a process must not fork),
    each workbook read and analysed in a worker within the importer's limits
    (:func:`~.work.start_worker`), never in the caller's process. A worker that dies takes
    the pool with it: the pool is replaced, and the workbook tried once more in the new one
    (it may have died for another request's file); if it dies again, that file is to blame.
    """

    def __init__(self, count: int = WORKERS) -> None:
        self.count = max(1, count)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def analyse(self, path: str, as_of: Any = None, lang: str | None = None) -> Outcome:
        """The analysis of the workbook at ``path``, or its Failure."""
        for attempt in (1, 2):
            pool = self._current()
            try:
                return pool.submit(job, path, as_of, lang).result()
            except BrokenProcessPool:
                self._replace(pool)
                if attempt == 2:
                    return Failure(path, "batch_worker_died",
                                   message("batch_worker_died", lang or "fr", path=path))
        raise AssertionError("unreachable")

    def shutdown(self) -> None:
        """The workers stopped (they are started again on the next call)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = _pool(self.count)
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)
