"""``read_plan`` and ``read_workbook``: open a filled PAC workbook safely and interpret it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
