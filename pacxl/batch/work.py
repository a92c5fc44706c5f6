"""What a batch worker does: read and analyse a workbook, or a run of them, never raising."""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..errors import PacxlError
from ..messages import message

if TYPE_CHECKING:
    from ..ecarts import Analysis
    from ..ecarts.parts import Part
    from ..reader.frames import Workbook


@dataclass(frozen=True)
class Failure:
    """A workbook that could not be analysed, and why."""

    path: str  # as given, or the folder joined with the file's name
    code: str  # the message code: not_pac, file_corrupt_zip, batch_failed…
    message: str  # the sentence to show, naming the file


Outcome = Union["Analysis", Failure]


def job(path: str, as_of: dt.date | None, lang: str | None) -> Outcome:
    """One workbook, read and analysed; whatever goes wrong, a Failure (runs in a worker)."""
    from ..ecarts import analyse

    told = lang or "fr"
    if Path(path).is_dir():
        return Failure(path, "batch_empty_folder", message("batch_empty_folder", told, path=path))
    try:
        return analyse(read(path, lang), as_of=as_of, lang=lang)
    except PacxlError as error:
        return Failure(path, error.code, error.message(told))
    except Exception as error:  # a bug must not cost the other files
        detail = str(error)[:200]
        return Failure(path, "batch_failed", message("batch_failed", told, path=path,
                                                     kind=type(error).__name__, detail=detail))


_in_worker = False  # True in a pool worker whose memory is capped (see start_worker)


def read(path: str, lang: str | None) -> Workbook:
    """The workbook: parsed in place in a capped worker, else in a forked child."""
    from ..importer import read_plan
    from ..reader.frames import to_workbook
    from ..xlsx.guard import guarded

    if _in_worker:
        with guarded(path):
            plan = read_plan(path, isolate=False)
    else:
        plan = read_plan(path)
    return to_workbook(plan, lang=lang)


Job = tuple[str, "dt.date | None", "str | None"]


def run(paths: Sequence[str], as_of: dt.date | None,
        lang: str | None) -> tuple[list[Failure | None], Part | None]:
    """A run of workbooks: for each, its Failure or None; the analyses packed in one part."""
    from ..ecarts.parts import pack

    outcomes = [job(path, as_of, lang) for path in paths]
    analyses = [o for o in outcomes if not isinstance(o, Failure)]
    return ([o if isinstance(o, Failure) else None for o in outcomes],
            pack(analyses) if analyses else None)


def start_worker() -> None:
    """A worker ignores Ctrl-C (the parent's to handle: it stops the pool, the workers end
    their file) and, where it can, parses in place within the parse's limits
    (:mod:`pacxl.xlsx.guard`): a fork per file would cost a fifth of a small plan's time."""
    global _in_worker
    from ..xlsx import guard

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if guard.available():
        guard.cap_process()
        _in_worker = True
