"""The Evaluator: computed cell values of a Book, memoised, with cycle detection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Protocol

from .compiler import compile_formula, evaluate_compiled
from .parser import MAX_ROWS
from .values import NAME, REF, ExcelError, date_to_serial

_DEPTH_LIMIT = 40  # nested formula cells evaluated on the Python stack at once
_MATRIX_CACHE_CELLS = 2_000_000
_MISSING = object()


class Book(Protocol):
    """What the evaluator reads: cell inputs and defined names.

    An optional ``max_row(sheet) -> int`` tells how many rows a sheet uses (rows from there
    on are all empty); without it whole-column references scan all 1 048 576 rows."""

    names: Mapping[str, str]

    def cell(self, sheet: str, row: int, col: int) -> object:
        """Input content of a cell (0-based): None, int/float, str, bool, or "=formula"."""
        ...


class _TooDeep(Exception):
    """Raised to unwind the stack when formula cells nest deeper than _DEPTH_LIMIT."""

    def __init__(self, key: tuple[str, int, int]) -> None:
        super().__init__(key)
        self.key = key


def _input_value(raw: object) -> object:
    t = type(raw)
    if t is float or raw is None or t is bool or t is ExcelError:
        return raw
    if t is int:
        return float(raw)  # type: ignore[arg-type]
    if t is str:
        return raw if raw else None
    if isinstance(raw, str):  # a str subclass (pacxl.book.Literal): text, never a formula
        return str(raw) if raw else None
    if isinstance(raw, dt.datetime):
        midnight = raw.replace(hour=0, minute=0, second=0, microsecond=0)
        return date_to_serial(raw) + (raw - midnight).total_seconds() / 86400.0
    if isinstance(raw, dt.date):
        return date_to_serial(raw)
    if isinstance(raw, int | float):
        return float(raw)
    return str(raw)


class Evaluator:
    """Computes the value of any cell of a book, evaluating formula cells on demand."""

    def __init__(self, book: Book, today: dt.date | None = None) -> None:
        self.book = book
        self.today = today or dt.date.today()
        self.position: tuple[str, int, int] | None = None  # the formula cell being computed
        self._cell = book.cell
        self._values: dict[tuple[str, int, int], object] = {}
        self._busy: set[tuple[str, int, int]] = set()
        self._depth = 0
        self._matrices: dict[tuple, list] = {}
        self._matrix_cells = 0
        self._max_rows: dict[str, int] = {}
        names = getattr(book, "names", None) or {}
        self._name_texts = {name.casefold(): text for name, text in names.items()}
        self._name_fns: dict[str, tuple] = {}

    # -- public ----------------------------------------------------------------------

    def value(self, sheet: str, row: int, col: int) -> object:
        """Computed value of a cell: None if empty, else float, str, bool or ExcelError."""
        v = self._values.get((sheet, row, col), _MISSING)
        if v is not _MISSING:
            return v
        return self._resolve(lambda: self.get(sheet, row, col))

    def evaluate(self, formula: str, sheet: str) -> object:
        """Value of a formula text placed on `sheet` (raises FormulaError if unsupported)."""
        fn, params = compile_formula(formula)
        return self._resolve(lambda: evaluate_compiled(self, fn, sheet, params))

    # -- used by the compiled closures -----------------------------------------------

    def get(self, sheet: str, row: int, col: int) -> object:
        """Value of a cell, None for an empty one."""
        key = (sheet, row, col)
        v = self._values.get(key, _MISSING)
        if v is _MISSING:
            v = self._compute(key)
        return v

    def max_row(self, sheet: str) -> int:
        """Number of rows `sheet` uses (every row from there on is empty)."""
        n = self._max_rows.get(sheet)
        if n is None:
            probe = getattr(self.book, "max_row", None)
            n = self._max_rows[sheet] = MAX_ROWS if probe is None else min(probe(sheet), MAX_ROWS)
        return n

    def matrix(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> list[list]:
        """Values of a rectangle, row by row (cached; do not modify)."""
        key = (sheet, r0, c0, r1, c1)
        rows = self._matrices.get(key)
        if rows is None:
            get = self.get
            rows = [[get(sheet, r, c) for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]
            self._remember(key, rows, len(rows) * (c1 - c0 + 1))
        return rows

    def flat(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> list:
        """Values of a rectangle flattened row by row (cached; do not modify)."""
        key = (sheet, r0, c0, r1, c1, "flat")
        values = self._matrices.get(key)
        if values is None:
            if c0 == c1:
                get = self.get
                values = [get(sheet, r, c0) for r in range(r0, r1 + 1)]
            else:
                values = [v for row in self.matrix(sheet, r0, c0, r1, c1) for v in row]
            self._remember(key, values, len(values))
        return values

    def _remember(self, key: tuple, values: list, cells: int) -> None:
        self._matrix_cells += cells
        if self._matrix_cells > _MATRIX_CACHE_CELLS:
            self._matrices.clear()
            self._matrix_cells = 0
        self._matrices[key] = values

    def name_value(self, key: str, sheet: str) -> object:
        """What a defined name (case-folded) refers to: a Range or a value; #NAME? if unknown."""
        entry = self._name_fns.get(key)
        if entry is None:
            text = self._name_texts.get(key)
            if text is None:
                return NAME
            entry = self._name_fns[key] = compile_formula("=" + text.removeprefix("="), "R")
        fn, params = entry
        return fn(self, sheet, params)

    # -- internals -------------------------------------------------------------------

    def _compute(self, key: tuple[str, int, int]) -> object:
        raw = self._cell(*key)
        if type(raw) is str and raw.startswith("="):
            if key in self._busy:
                return REF  # circular reference
            if self._depth >= _DEPTH_LIMIT:
                raise _TooDeep(key)
            fn, params = compile_formula(raw)
            saved = self.position
            self._busy.add(key)
            self._depth += 1
            self.position = key
            try:
                v = evaluate_compiled(self, fn, key[0], params)
            finally:
                self._busy.discard(key)
                self._depth -= 1
                self.position = saved
        else:
            v = _input_value(raw)
        self._values[key] = v
        return v

    def _resolve(self, compute: Callable[[], object]) -> object:
        """Run compute(), first evaluating (bottom-up) any cells nested too deep for the
        stack; a chain that comes back to a cell already pending is a cycle: #REF!."""
        pending: list[tuple[str, int, int]] = []
        while True:
            try:
                if not pending:
                    return compute()
                self.get(*pending[-1])
                pending.pop()
            except _TooDeep as deep:
                if deep.key in pending:
                    self._values[deep.key] = REF
                else:
                    pending.append(deep.key)
