"""``new_workbook``: build, compute and write a blank PAC workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .atomic import check_output, write_atomically
from .book import BookModel
from .build import build_book
from .cache import background_values, frozen_heap
from .options import NewOptions, new_options
from .spec import load_spec
from .writer import write_book


@dataclass(frozen=True)
class NewResult:
    """What ``new_workbook`` wrote."""

    path: Path
    year: int
    sheets: int
    formulas: int
    validations: int


def default_output(options: NewOptions) -> Path:
    return Path(f"PAC_{options.year}.xlsx")


def render(book: BookModel, path: Path, options: NewOptions,
           today: dt.date | None = None) -> tuple[int, int]:
    """Compute every formula of ``book`` and write it to ``path`` (not atomically).

    Returns:
        How many formulas and validation ranges were written.
    """
    with frozen_heap():
        return write_book(book, path, load_spec(), options.currency,
                          background_values(book, today))


def new_workbook(output: str | Path | None = None, options: NewOptions | None = None, *,
                 force: bool = False, today: dt.date | None = None) -> NewResult:
    """Write a blank PAC workbook.

    Args:
        output: the .xlsx to write; ``PAC_<year>.xlsx`` in the current folder by default.
        options: from :func:`pacxl.options.new_options`; the defaults otherwise.
        force: replace an existing file.
        today: the date TODAY() means in the cached values (tests fix it).

    Returns:
        The path written and what the workbook holds.

    Raises:
        OutputError: the output exists (without ``force``), or cannot be written.
    """
    options = options or new_options()
    path = check_output(Path(output) if output else default_output(options), force=force,
                        suffix=".xlsx")
    book = build_book(options)
    counts: list[tuple[int, int]] = []
    write_atomically(path, lambda tmp: counts.append(render(book, tmp, options, today)))
    formulas, validations = counts[0]
    return NewResult(path, options.year, len(book.sheets), formulas, validations)
