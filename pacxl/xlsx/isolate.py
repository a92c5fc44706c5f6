"""Run the parse in forked children with a memory limit and a wall-clock timeout.

Each child gets ``RLIMIT_AS`` = its inherited address space + ``limits.memory_bytes``
(:mod:`.child`), works, and answers in frames through a pipe. The parent waits at most
``limits.timeout_s`` for all of them; a late child is killed, one that dies (a signal, no
answer) becomes a :class:`ReadError` too: never a traceback, never a hang. The first child
to fail decides the error and the others are killed. The parent unpickles only the few
classes a parse returns, so even a child subverted by its input cannot make the parent run
code. POSIX only (``os.fork``); where a fork fails, the work runs in this process.
"""

from __future__ import annotations

import io
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError
from .child import LENGTH, resource, serve
from .limits import MB, Limits

Job = tuple[Callable[..., Any], tuple[Any, ...]]
PIPE_BYTES = 1 << 20
F_SETPIPE_SZ = 1031  # Linux; fcntl.F_SETPIPE_SZ from Python 3.10, absent elsewhere
_ALLOWED = {
    ("pacxl.errors", "ReadError"),
    ("pacxl.messages", "Phrase"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
    ("pacxl.xlsx.cells", "Packed"),
    ("pacxl.xlsx.cells", "ParsedSheet"),
    ("pacxl.xlsx.reader", "ParsedBook"),
    # a whole read (pacxl.importer.Reading): the interpreted plan and what its cells hold
    ("pacxl.reader.plan", "Plan"),
    ("pacxl.reader.identity", "Identity"),
    ("pacxl.reader.findings", "Findings"),
    ("pacxl.reader.findings", "Finding"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
}


@dataclass
class RunStats:
    """How an isolated parse went (for benchmarks and tests)."""

    isolated: bool = False
    seconds: float = 0.0  # fork to last answer
    answer_bytes: int = 0  # pickled answers and messages, all children
    child_peak_kb: int = 0  # the largest child's maximum resident set size
    children: int = 0


def can_isolate() -> bool:
    """True where a parse can run in a forked child with a memory limit (POSIX)."""
    return hasattr(os, "fork") and resource is not None


def run_isolated(
    work: Callable[..., Any],
    args: tuple[Any, ...],
    label: str,
    limits: Limits,
    on_message: Callable[[Any], None] | None = None,
) -> tuple[Any, RunStats]:
    """``work(*args)`` in a child process; its answer, or its ReadError raised here.

    With ``on_message``, ``work`` gets one more argument, a function that sends an object
    to the parent at once, where ``on_message`` receives it while the child works on (the
    parent builds one sheet while the child parses the next).

    Raises:
        ReadError: whatever ``work`` raised, or file_timeout, file_out_of_memory,
            file_reader_crashed.
    """
    answers, stats = run_parallel([(work, args)], label, limits, on_message)
    return answers[0], stats


def run_parallel(
    jobs: list[Job], label: str, limits: Limits, on_message: Callable[[Any], None] | None = None
) -> tuple[list[Any], RunStats]:
    """Each job in its own child, at the same time; their answers in order."""
    return start_parallel(jobs, limits, streaming=on_message is not None).finish(label,
                                                                                 on_message)


def start_parallel(jobs: list[Job], limits: Limits, *, streaming: bool = False) -> Running:
    """Fork a child for each job now; :meth:`Running.finish` waits for their answers.

    Between the two, this process is free to do other work (import pandas…): each child's
    pipe is made as large as the system allows, so a child whose answer fits does not wait.
    """
    started = time.monotonic()
    children: list[_Child] = []
    try:
        for work, args in jobs:
            children.append(_Child(work, args, limits, streaming))
    except OSError:  # no process to spare: the work runs here, at finish
        _stop(children)
        return Running(jobs, [], started, limits)
    return Running(jobs, children, started, limits)


class Running:
    """Children at work (or, where none could be forked, the work still to do here)."""

    def __init__(self, jobs: list[Job], children: list[_Child], started: float,
                 limits: Limits) -> None:
        self.jobs, self.children, self.started, self.limits = jobs, children, started, limits
        self.stopped = False

    def finish(self, label: str, on_message: Callable[[Any], None] | None = None
               ) -> tuple[list[Any], RunStats]:
        """The answers in order, or the error of the child that failed first."""
        children = self.children
        if not children:
            extra = [on_message] if on_message else []
            return [work(*args, *extra) for work, args in self.jobs], RunStats()
        try:
            _pump(children, self.started + self.limits.timeout_s, on_message or _unexpected)
        finally:
            self.cancel()
        stats = RunStats(
            True,
            time.monotonic() - self.started,
            sum(c.received for c in children),
            max(c.usage.ru_maxrss for c in children),
            len(children),
        )
        return _answers(children, label, self.limits), stats

    def cancel(self) -> None:
        """The children killed (if they still run) and reaped; once."""
        if not self.stopped:
            self.stopped = True
            _stop(self.children)


class _Child:
    """One forked child and the frames read from it."""

    def __init__(self, work: Callable[..., Any], args: tuple, limits: Limits, streaming: bool):
        read_end, write_end = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:
            os.close(read_end)
            serve(write_end, work, args, limits.memory_bytes, streaming)
        os.close(write_end)
        _widen(read_end)
        self.read_end, self.cap = read_end, limits.memory_bytes
        self.buffer = bytearray()
        self.received = 0
        self.late = self.stopped = self.ended = False
        self.final: tuple | None = None  # the answer; None: late, stopped, or dead
        self.status, self.usage = 0, None

    def read(self, on_message: Callable[[Any], None]) -> None:
        """Read what is there; hand messages over; keep the answer when it comes."""
        chunk = os.read(self.read_end, 1 << 20)
        self.ended = not chunk
        self.buffer += chunk
        self.received += len(chunk)
        if self.received > self.cap:
            self.final = ("crash", "answer larger than the memory limit")
        while self.final is None and len(self.buffer) >= LENGTH.size:
            size = LENGTH.unpack_from(self.buffer)[0]
            if len(self.buffer) < LENGTH.size + size:
                return
            frame = bytes(self.buffer[LENGTH.size : LENGTH.size + size])
            del self.buffer[: LENGTH.size + size]
            try:
                message = _Unpickler(frame).load()
                if message[0] == "message":
                    on_message(message[1])
                    continue
            except pickle.UnpicklingError as error:  # forged, or cut short
                message = ("crash", str(error))
            self.final = message

    @property
    def waiting(self) -> bool:
        return self.final is None and not self.ended


def _widen(fd: int) -> None:
    # a pipe holds 64 KB by default; up to /proc/sys/fs/pipe-max-size (1 MB) on request
    try:
        import fcntl
    except ImportError:  # Windows: no fork either
        return
    with suppress(OSError, ValueError):
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", F_SETPIPE_SZ), PIPE_BYTES)


def _pump(children: list[_Child], deadline: float, on_message: Callable[[Any], None]) -> None:
    # read every child until all have answered, one has failed or died, or time is up
    while any(c.waiting for c in children):
        waiting = {c.read_end: c for c in children if c.waiting}
        left = deadline - time.monotonic()
        ready = select.select(list(waiting), [], [], left)[0] if left > 0 else []
        if not ready:
            for child in waiting.values():
                child.late = True
            return
        for fd in ready:
            child = waiting[fd]
            child.read(on_message)
            if child.ended or (child.final is not None and child.final[0] != "ok"):
                for other in children:
                    other.stopped = other is not child and other.waiting
                return


def _stop(children: list[_Child]) -> None:
    # every child gone (killed if it still runs) and collected
    for child in children:
        with suppress(OSError):
            os.close(child.read_end)
        with suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        _, child.status, child.usage = os.wait4(child.pid, 0)


def _unexpected(message: Any) -> None:
    raise pickle.UnpicklingError(f"a message nobody asked for: {type(message).__name__}")


def _answers(children: list[_Child], label: str, limits: Limits) -> list[Any]:
    # the answers in order, or the error of the child that failed first
    for child in children:
        if child.final is not None and child.final[0] != "ok":
            raise _failure(child.final, label, limits)
        if child.final is None and not child.late and not child.stopped:
            raise _death(child.status, label, limits)
    if any(child.late for child in children):
        raise ReadError("file_timeout", path=label, seconds=f"{limits.timeout_s:g}")
    return [child.final[1] for child in children if child.final is not None]


def _failure(final: tuple, label: str, limits: Limits) -> ReadError:
    if final[0] == "error" and isinstance(final[1], ReadError):
        return final[1]
    if final[0] == "memory":
        return ReadError("file_out_of_memory", path=label, max=limits.memory_bytes // MB)
    return ReadError("file_reader_crashed", path=label, reason=str(final[1:])[:200])


def _death(status: int, label: str, limits: Limits) -> ReadError:
    # the child left no answer: killed by the kernel (memory) or crashed in C code
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGKILL:
            return ReadError("file_out_of_memory", path=label, max=limits.memory_bytes // MB)
        reason = signal.Signals(number).name if number in signal.valid_signals() else number
        return ReadError("file_reader_crashed", path=label, reason=f"signal {reason}")
    return ReadError("file_reader_crashed", path=label, reason=f"exit status {status >> 8}")


class _Unpickler(pickle.Unpickler):
    """Unpickles the classes of a parse result and nothing else."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a parse result")
        return super().find_class(module, name)
