"""Several reports of one analysis written at once, on two cores.

    for path in write_reports(analysis, [("revue.xlsx", "xlsx"), ("revue.html", "html")]):
        print(path)

``pacxl report plan.xlsx -o revue.xlsx -o revue.html``: a forked child writes one share of
the reports while this process writes the other (the shares balanced by what each format
costs), so two reports take about the time of the longer one. Each report is written
atomically by its own writer, as :func:`~pacxl.report.write_report` does. Paths come back in
the order given; the first report that failed, in that order, raises its error once both
processes are done (the reports before it are written, as when they are written one after
the other).

Where a fork is not possible or not safe (no ``os.fork``; a process running threads, like the
web server), the reports are written one after the other here.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PacxlError
from . import write_report

if TYPE_CHECKING:
    from ..ecarts import Analysis

Output = tuple["str | Path", str]  # (path, format)

# what writing each format costs, relative to the page (the 500-action plan, CPU)
COST = {"xlsx": 2.3, "html": 1.0, "md": 1.0, "csv": 0.45, "json": 0.35, "summary": 0.1}


class ReportCrashed(RuntimeError):
    """The child writing a report failed with an error that is not a :class:`PacxlError`."""


def write_reports(analysis: Analysis, outputs: Sequence[Output]) -> Iterator[Path]:
    """Write each (path, format) of ``outputs``; yield the paths written, in that order."""
    if len(outputs) < 2 or not _can_fork():
        for path, fmt in outputs:
            yield write_report(analysis, path, fmt)
        return
    theirs = _share(outputs)
    child = _Child(analysis, [outputs[i] for i in theirs])
    try:
        mine = _written(analysis, [o for i, o in enumerate(outputs) if i not in theirs])
        answers = dict(zip(theirs, child.answers(), strict=True))
    finally:
        child.stop()
    answers |= dict(zip([i for i in range(len(outputs)) if i not in theirs], mine, strict=True))
    for i in range(len(outputs)):
        if isinstance(answers[i], BaseException):
            raise answers[i]
        yield answers[i]


def _can_fork() -> bool:
    # forking a process that runs threads can leave the child holding a lock forever
    return hasattr(os, "fork") and threading.active_count() == 1


def _share(outputs: Sequence[Output]) -> list[int]:
    """The outputs the child writes: the costliest first, each to the lighter side, the
    child's side never empty and never all of them."""
    order = sorted(range(len(outputs)), key=lambda i: -COST.get(outputs[i][1], 1.0))
    load = {"child": 0.0, "here": 0.0}
    sides: dict[int, str] = {}
    for i in order:
        side = min(load, key=lambda s: (load[s], s != "child"))
        sides[i] = side
        load[side] += COST.get(outputs[i][1], 1.0)
    return sorted(i for i, side in sides.items() if side == "child")


def _written(analysis: Analysis, outputs: Sequence[Output]) -> list[Path | BaseException]:
    """Each report written here: its path, or the error that stopped it (and the rest)."""
    done: list[Path | BaseException] = []
    for path, fmt in outputs:
        if done and isinstance(done[-1], BaseException):
            done.append(done[-1])
            continue
        try:
            done.append(write_report(analysis, path, fmt))
        except PacxlError as error:
            done.append(error)
    return done


class _Child:
    """A forked child writing some of the reports, answering through a pipe."""

    def __init__(self, analysis: Analysis, outputs: Sequence[Output]) -> None:
        self.count = len(outputs)
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: write, answer, leave (never return into the caller)
            os.close(read_end)
            _serve(write_end, analysis, outputs)
        os.close(write_end)
        self.read_end = read_end
        self.reaped = False

    def answers(self) -> list[Path | BaseException]:
        """What the child wrote (or why not), once it is done."""
        data = bytearray()
        while chunk := os.read(self.read_end, 1 << 16):
            data += chunk
        self.stop()
        try:
            answers = pickle.loads(bytes(data))
        except Exception:  # the child died before answering (killed, out of memory)
            answers = [("crash", "the process writing it stopped")] * self.count
        return [_outcome(answer) for answer in answers]

    def stop(self) -> None:
        """The child gone (killed if it still runs, e.g. on Ctrl-C here) and reaped."""
        if self.reaped:
            return
        with suppress(OSError):
            os.close(self.read_end)
        with suppress(ProcessLookupError):
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        self.reaped = True


def _serve(write_end: int, analysis: Analysis, outputs: Sequence[Output]) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it
        data = pickle.dumps([_answer(analysis, path, fmt) for path, fmt in outputs])
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _answer(analysis: Analysis, path: str | Path, fmt: str) -> tuple[Any, ...]:
    try:
        return ("ok", str(write_report(analysis, path, fmt)))
    except PacxlError as error:  # pickles with its code and parameters
        return ("error", error.with_traceback(None))
    except Exception as error:
        return ("crash", f"{type(error).__name__}: {error}"[:300])


def _outcome(answer: tuple[Any, ...]) -> Path | BaseException:
    if answer[0] == "ok":
        return Path(answer[1])
    if answer[0] == "error":
        return answer[1]
    return ReportCrashed(str(answer[-1]))
