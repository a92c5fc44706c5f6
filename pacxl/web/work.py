"""Bounded work: at most ``slots`` heavy jobs (build, read, export) at once in a process.

A request waits for a free slot at most ``wait`` seconds, then gets a 503 page asking to
retry: a crowd of uploads queues instead of exhausting the machine. The importer already
bounds each read (a forked child with memory and time limits, :mod:`pacxl.xlsx.isolate`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Busy(Exception):
    """No slot became free in time: the server answers 503 with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class WorkLimiter:
    """A semaphore of ``slots`` jobs; :meth:`slot` waits at most ``wait`` seconds."""

    def __init__(self, slots: int, wait: float) -> None:
        self.wait = wait
        self._slots = threading.BoundedSemaphore(max(1, slots))

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a slot for the duration of the block.

        Raises:
            Busy: every slot stayed taken for ``wait`` seconds.
        """
        if not self._slots.acquire(timeout=self.wait):
            raise Busy(retry_after=max(1, round(self.wait / 3)))
        try:
            yield
        finally:
            self._slots.release()
