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
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionError
from .files import SUFFIXES, workbook_files
from .pool import WORKERS, Counter, Progress, context, pooled, pooled_jobs, usable_cores
from .work import Failure, job, run

if TYPE_CHECKING:
    from ..ecarts import Analysis
    from ..ecarts.parts import Part

__all__ = ["SUFFIXES", "WORKERS", "Failure", "analyse_files", "consolidate_files", "context",
           "usable_cores", "workbook_files"]

RUNS_PER_WORKER = 8  # runs handed to each worker: the last ones even out the workers' loads
RUN_FILES = 32  # the longest run: a progress bar that moves, a lost worker that costs little


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
    done = Counter(len(files), progress)
    outcomes = pooled_jobs(jobs, count, done) if count > 1 else [done(job(*j)) for j in jobs]
    analyses = [o for o in outcomes if not isinstance(o, Failure)]
    return analyses, [o for o in outcomes if isinstance(o, Failure)]


def consolidate_files(paths: Iterable[str | Path], as_of: dt.date | str | None = None,
                      lang: str | None = None, workers: int = WORKERS,
                      progress: Progress | None = None) -> tuple[Analysis | None, list[Failure]]:
    """Read, analyse and consolidate every workbook of ``paths`` (files or folders):
    ``pacxl.consolidate(analyse_files(...)[0])``, sooner (see the module's docstring).

    Args: as :func:`analyse_files`.

    Returns:
        The consolidation (None when no workbook could be analysed) and the failures, in the
        order of the files.

    Raises:
        OptionError: ``as_of`` is not a date.
    """
    from ..ecarts.consolidate import merge
    from ..ecarts.parts import pack

    files = [str(f) for f in workbook_files(paths)]
    day = _day(as_of)
    count = max(1, min(workers, usable_cores(), len(files)))
    done = Counter(len(files), progress)
    if count == 1:
        outcomes = [done(job(f, day, lang)) for f in files]
        analyses = [o for o in outcomes if not isinstance(o, Failure)]
        parts = [pack(analyses)] if analyses else []
        failures = [o for o in outcomes if isinstance(o, Failure)]
    else:
        parts, failures = _runs(files, day, lang, count, done)
    return (merge(parts, lang=lang) if parts else None), failures


def _runs(files: Sequence[str], day: dt.date | None, lang: str | None, workers: int,
          done: Counter) -> tuple[list[Part], list[Failure]]:
    """The files in runs of consecutive ones, a run per task of the pool; the files of a
    run lost with its worker again one by one."""
    from ..ecarts.parts import pack

    size = max(1, min(RUN_FILES, math.ceil(len(files) / (workers * RUNS_PER_WORKER))))
    runs = [files[i:i + size] for i in range(0, len(files), size)]
    results = pooled(run, [(r, day, lang) for r in runs], workers,
                     lambda i, result: done(result, len(runs[i])))
    parts, failures = [], []
    for i, paths in enumerate(runs):
        if i in results:
            outcomes, part = results[i]
        else:  # its worker died: each file alone (the one to blame is the only one lost)
            redone = pooled_jobs([(p, day, lang) for p in paths], workers, done)
            analyses = [o for o in redone if not isinstance(o, Failure)]
            outcomes, part = redone, (pack(analyses) if analyses else None)
        failures += [o for o in outcomes if isinstance(o, Failure)]
        if part is not None:
            parts.append(part)
    return parts, failures


def _day(as_of: dt.date | str | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of.strip())
    except ValueError:
        raise OptionError("report_bad_date", value=as_of) from None
