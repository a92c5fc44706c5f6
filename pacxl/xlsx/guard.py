"""The parse's limits enforced in a process that may die for a file: a batch worker.

A parse forked into a child (:mod:`.isolate`) costs a fork, a pickle and an unpickle per
file: about 0.03 s of CPU, a fifth of what a small plan costs in all. A batch worker is
itself a disposable process (:mod:`pacxl.batch` runs again, alone, the files a dead worker
held), so it parses in place, within the same bounds:

- :func:`cap_process` caps the worker's address space once, when it starts, at what it uses
  then plus the parse's allowance and room for the analysis: a file that blows up memory
  gets a ``MemoryError`` (reported as ``file_out_of_memory``) or, at worst, kills its worker;
- :func:`guarded` stops a parse that runs longer than ``limits.timeout_s`` with an interval
  timer (``file_timeout``).

POSIX only: elsewhere :func:`available` is False and the caller forks as usual.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ReadError
from .child import limit_memory, resource
from .limits import MB, Limits

ANALYSIS_BYTES = 512 * MB  # what the analysis of the file may add on top of its parse


class _Expired(BaseException):
    """The timer went off: a BaseException, so that no ``except Exception`` of a library
    on the parse's way mistakes it for a damaged file."""


def available() -> bool:
    """True where the worker's memory can be capped and a parse timed out (POSIX)."""
    return resource is not None and hasattr(signal, "setitimer")


def cap_process(limits: Limits | None = None) -> None:
    """Cap this process's address space for the files it will parse and analyse."""
    limit_memory((limits or Limits()).memory_bytes + ANALYSIS_BYTES)


@contextmanager
def guarded(label: str, limits: Limits | None = None) -> Iterator[None]:
    """The body, stopped by ``file_timeout`` after ``limits.timeout_s``; a MemoryError
    becomes ``file_out_of_memory``. Runs in the main thread (signals go there)."""
    limits = limits or Limits()
    armed = [True]

    def expire(_signum: int, _frame: Any) -> None:
        if armed[0]:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limits.timeout_s)
    try:
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise ReadError("file_timeout", path=label, seconds=f"{limits.timeout_s:g}") from None
    except MemoryError:
        raise ReadError("file_out_of_memory", path=label,
                        max=limits.memory_bytes // MB) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
