"""``read_plan`` and ``read_workbook``: open a filled PAC workbook safely and interpret it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reader import Plan, read_raw

# Sheets computed entirely from others, found by their identity name.
SKIPPED = ("pacxl_sheet_calendrier",)

if TYPE_CHECKING:
    from .reader.frames import Workbook


def read_plan(path: str | Path, *, isolate: bool = True) -> Plan:
    """Read a filled PAC workbook into plain Python tables and findings (no pandas).

    Args:
        path: the .xlsx to read; it is opened read-only and never modified.
        isolate: parse in a child process with memory and time limits (POSIX).

    Raises:
        ReadError: the file is not a readable workbook, or not a PAC workbook.
    """
    from .xlsx import read_xlsx

    # the calendar is computed from the action grid: its cells need not be parsed
    raw = read_xlsx(Path(path), isolate=isolate, skip_named=SKIPPED)
    return read_raw(raw, path)


def read_workbook(path: str | Path, *, lang: str | None = None,
                  isolate: bool = True) -> Workbook:
    """Read a filled PAC workbook into typed pandas DataFrames.

    Returns:
        A :class:`~pacxl.reader.frames.Workbook`: ``params``, ``objectives``, ``actions``,
        ``budget``, ``kpis`` (long format), ``events``, ``emailing``, ``funnel``, ``team``,
        every table in ``tables``, and ``findings`` (one row per finding, messages in
        ``lang``, the workbook's language by default).
    """
    from .reader.frames import to_workbook

    return to_workbook(read_plan(path, isolate=isolate), lang=lang)


class Reading:
    """A read started at once in a forked child, with :func:`read_plan`'s limits, while this
    process goes on (importing pandas takes longer than reading most plans)::

        with Reading("plan.xlsx") as reading:
            import pandas
            plan = reading.plan()

    The child reads and interprets the whole file; this process unpickles only the classes a
    :class:`Plan` is made of. Where no child can be forked, :meth:`plan` reads here, as
    :func:`read_plan` does. Leaving the ``with`` block stops a child still at work.
    """

    def __init__(self, path: str | Path) -> None:
        from .xlsx.isolate import can_isolate, start_parallel
        from .xlsx.limits import Limits

        self.path = path
        self.running = (start_parallel([(_plan_here, (os.fspath(path),))], Limits())
                        if can_isolate() else None)

    def plan(self) -> Plan:
        """The plan, once the child has read it.

        Raises:
            ReadError: as :func:`read_plan`.
        """
        if self.running is None:
            return read_plan(self.path)
        return self.running.finish(os.fspath(self.path))[0][0]

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *_: Any) -> None:
        if self.running is not None:
            self.running.cancel()


def _plan_here(path: str) -> Plan:
    return read_plan(path, isolate=False)
