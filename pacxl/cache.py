"""The cached values of a workbook's formulas, computed on another core when one is free.

``background_values(book)`` starts the evaluation in a forked child and returns at once;
the writer lays out everything else meanwhile, then asks for the values. Without fork (or
with other threads running, or if the child fails) the values are computed here instead:
the result is the same either way, only the time differs.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
from collections.abc import Callable, Iterator

from .book import BookModel

Values = Iterator[object]  # the value of each formula cell, in the book's order


def formula_cells(book: BookModel) -> Iterator[tuple[str, int, int]]:
    """(sheet, row, col) of every formula, in the order the writer writes them."""
    for sheet in book.sheets:
        for (row, col), cell in sheet.cells.items():
            if cell.is_formula:
                yield sheet.name, row, col


def compute(book: BookModel, today: dt.date | None = None) -> Values:
    """Every formula's value, computed in this process."""
    from .formula import Evaluator  # imported where the work happens

    evaluator = Evaluator(book, today=today)
    return (evaluator.value(*key) for key in formula_cells(book))


def background_values(book: BookModel, today: dt.date | None = None) -> Callable[[], Values]:
    """Start computing the values in a child process; call the result to get them."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return lambda: compute(book, today)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanups
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(list(compute(book, today)), protocol=5)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def collect() -> Values:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not payload:
            return compute(book, today)
        return iter(pickle.loads(payload))

    return collect
