"""The cached values of a workbook's formulas, computed on another core when one is free.

``background_values(book)`` starts the evaluation in a forked child and returns at once;
the writer lays out everything else meanwhile, then asks for the values. The child sends
them in chunks as it computes them, so the writer starts on the first formulas while the
child is still computing the last ones. Without fork (or with other threads running) the
values are computed here instead, and if the child fails the values it did not send are:
the result is the same either way, only the time differs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from itertools import islice

from .book import BookModel

Values = Iterator[object]  # the value of each formula cell, in the book's order
CHUNK = 256  # values per message from the child


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


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Have the garbage collector skip every object alive now, until the block ends.

    The description and the book outlive the writing, while the writer and the evaluator
    allocate a lot: each full collection would walk them again and, in the forked child,
    touch (so copy) their pages. Freezing before fork is what Python's documentation
    recommends for that. Left alone if something else already froze objects.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
            with os.fdopen(write_end, "wb") as pipe:
                values = compute(book, today)
                while chunk := list(islice(values, CHUNK)):
                    pickle.dump(chunk, pipe, protocol=5)
                    pipe.flush()
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return lambda: _receive(read_end, pid, book, today)


def _receive(read_end: int, pid: int, book: BookModel, today: dt.date | None) -> Values:
    """The values the child sends, then, if it failed, the rest computed here."""
    received = 0
    try:
        with os.fdopen(read_end, "rb") as pipe:
            while True:
                try:
                    chunk = pickle.load(pipe)
                except (EOFError, pickle.UnpicklingError):  # the end, or a child cut short
                    break
                received += len(chunk)
                yield from chunk
    finally:  # also when the writer stops early: the closed pipe ends the child
        _, status = os.waitpid(pid, 0)
    if status != 0:
        yield from islice(compute(book, today), received, None)
