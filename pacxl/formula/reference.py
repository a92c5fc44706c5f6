"""References (rectangles of cells) and arrays (computed rectangles of values).

Only the rows a sheet uses are ever read: a whole-column reference ``A:A`` keeps its
logical height of 1 048 576 rows, but its values stop at the sheet's last used row; the
rows past it are known to be empty and are accounted for without being materialised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import VALUE, ExcelError

if TYPE_CHECKING:
    from .evaluator import Evaluator


class Range:
    """A rectangle of cells on one sheet, 0-based inclusive bounds."""

    __slots__ = ("c0", "c1", "r0", "r1", "sheet")

    def __init__(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> None:
        self.sheet, self.r0, self.c0, self.r1, self.c1 = sheet, r0, c0, r1, c1

    @property
    def nrows(self) -> int:
        return self.r1 - self.r0 + 1

    @property
    def ncols(self) -> int:
        return self.c1 - self.c0 + 1

    def __repr__(self) -> str:
        return f"Range({self.sheet!r}, {self.r0}, {self.c0}, {self.r1}, {self.c1})"

    def used_rows(self, ev: Evaluator) -> int:
        """How many of the range's rows (from the top) can hold something."""
        return max(0, min(self.r1, ev.max_row(self.sheet) - 1) - self.r0 + 1)

    def rows(self, ev: Evaluator, count: int | None = None) -> list[list]:
        """The values of the first `count` rows (default: the used ones), row by row."""
        used = self.used_rows(ev)
        count = used if count is None else count
        values = ev.matrix(self.sheet, self.r0, self.c0, self.r0 + min(used, count) - 1, self.c1)
        if count > used:
            values = values + [[None] * self.ncols for _ in range(count - used)]
        return values

    def values(self, ev: Evaluator) -> list:
        """The values of the used rows, flattened row by row."""
        return self.flat(ev, self.used_rows(ev))

    def flat(self, ev: Evaluator, count: int) -> list:
        """The values of the first `count` rows, flattened row by row (empty past the used
        rows); shared with the evaluator's cache: do not modify."""
        used = min(self.used_rows(ev), count)
        values = ev.flat(self.sheet, self.r0, self.c0, self.r0 + used - 1, self.c1)
        if count > used:
            values = values + [None] * ((count - used) * self.ncols)
        return values

    def to_array(self, ev: Evaluator) -> Array:
        return Array(self.rows(ev), self.nrows, self.ncols)


class Array:
    """A computed rectangle of values (array context, inside SUMPRODUCT).

    `rows` may hold fewer rows than `nrows`: the missing ones are all empty cells."""

    __slots__ = ("ncols", "nrows", "rows")

    def __init__(self, rows: list[list], nrows: int, ncols: int) -> None:
        self.rows, self.nrows, self.ncols = rows, nrows, ncols

    def __repr__(self) -> str:
        return f"Array({self.rows!r}, {self.nrows}, {self.ncols})"

    def values(self, ev: Evaluator | None = None) -> list:
        return [v for row in self.rows for v in row]

    def padded(self, count: int) -> list[list]:
        """`count` rows, empty rows added past the stored ones."""
        missing = count - len(self.rows)
        if missing <= 0:
            return self.rows[:count]
        return self.rows + [[None] * self.ncols for _ in range(missing)]


def intersect(ev: Evaluator, rng: Range) -> object:
    """Implicit intersection: the value a range stands for in a single-value context."""
    if rng.r0 == rng.r1 and rng.c0 == rng.c1:
        return ev.get(rng.sheet, rng.r0, rng.c0)
    pos = ev.position
    if pos is not None:
        _, row, col = pos
        if rng.c0 == rng.c1 and rng.r0 <= row <= rng.r1:
            return ev.get(rng.sheet, row, rng.c0)
        if rng.r0 == rng.r1 and rng.c0 <= col <= rng.c1:
            return ev.get(rng.sheet, rng.r0, col)
    return VALUE


def scalar(ev: Evaluator, v: object) -> object:
    """A single value for any evaluation result (ranges intersected, arrays top-left)."""
    if type(v) is Range:
        return intersect(ev, v)
    if type(v) is Array:
        return v.rows[0][0] if v.rows else None
    return v


def bounding(a: object, b: object) -> Range | ExcelError:
    """The ":" operator between two computed references."""
    if type(a) is ExcelError:
        return a
    if type(b) is ExcelError:
        return b
    if type(a) is not Range or type(b) is not Range or a.sheet != b.sheet:
        return VALUE
    return Range(a.sheet, min(a.r0, b.r0), min(a.c0, b.c0), max(a.r1, b.r1), max(a.c1, b.c1))
