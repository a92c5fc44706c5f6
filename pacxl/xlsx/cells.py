"""Cells column-wise while parsing, converted values, and the bounds of the used range.

A sheet is parsed into parallel lists (rows, columns, values, kinds, formula flags,
formats) because appending to lists is the cheapest thing Python does per cell, and
because lists of numbers and strings cross a pipe as a few large pickled objects. The
``{(row, col): RawCell}`` dict is built once at the end, in C (``zip``/``map``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from array import array
from dataclasses import dataclass, field
from itertools import repeat

from ..errors import ReadError
from .limits import Limits
from .model import RawCell, RawSheet
from .styles import Styles
from .text import clean

EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)


class BadValue(ValueError):
    """A cell's stored value contradicts its type (e.g. a string index out of range)."""


@dataclass
class Book:
    """What every sheet's parse needs from the rest of the workbook."""

    label: str
    limits: Limits
    strings: list[str] = field(default_factory=list)
    styles: Styles = field(default_factory=Styles)
    date1904: bool = False
    cells: int = 0  # stored so far, all sheets together
    texts: dict[bytes, str] = field(default_factory=dict)  # formula texts, decoded once
    _tables: tuple | None = None
    _strings: dict[bytes, str] | None = None

    def style_tables(self) -> tuple[dict[bytes, int], dict[bytes, str]]:
        """``s`` attribute bytes -> format index, and -> kind of a number ("d" or "n")."""
        if self._tables is None:
            table = self.styles.by_attribute()
            self._tables = (
                {s: fmt for s, (fmt, _) in table.items()},
                {s: kind for s, (_, kind) in table.items()},
            )
        return self._tables

    def string_table(self) -> dict[bytes, str]:
        """Shared strings by their index as written in ``<v>`` (b"0", b"1"…)."""
        if self._strings is None:
            self._strings = {str(i).encode(): s for i, s in enumerate(self.strings)}
        return self._strings

    def count(self, added: int) -> None:
        """Add ``added`` cells to the book's count; refuse past ``max_cells``."""
        self.cells += added
        if self.cells > self.limits.max_cells:
            raise ReadError("file_too_many_cells", path=self.label, max=self.limits.max_cells)


class Columns:
    """The cells of one sheet as parallel lists, in file order."""

    __slots__ = ("cols", "formats", "formulas", "kinds", "rows", "values")

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.values: list[object] = []
        self.kinds: list[str] = []
        self.formulas: list[object] = []  # anything true for a formula cell
        self.formats: list[int] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, row: int, col: int, value: object, kind: str, formula: bool, fmt: int) -> None:
        self.rows.append(row)
        self.cols.append(col)
        self.values.append(value)
        self.kinds.append(kind)
        self.formulas.append(formula)
        self.formats.append(fmt)

    def truncate(self, size: int) -> None:
        for column in (self.rows, self.cols, self.values, self.kinds, self.formulas):
            del column[size:]
        del self.formats[size:]

    def pack(self) -> Packed:
        """A compact copy: what a Columns becomes when pickled (to cross the pipe)."""
        return Packed(
            array("i", self.rows),
            array("i", self.cols),
            self.values,
            "".join(self.kinds),
            bytes(map(bool, self.formulas)),
            array("i", self.formats),
        )

    def __reduce__(self) -> tuple:
        packed = self.pack()
        return Packed, tuple(getattr(packed, f.name) for f in dataclasses.fields(Packed))

    def cells(self, formats: list[str]) -> dict[tuple[int, int], RawCell]:
        """The ``{(row, col): RawCell}`` dict."""
        return _cells(self, formats)


@dataclass
class Packed:
    """A sheet's cells as they cross the pipe from the parsing process."""

    rows: array
    cols: array
    values: list[object]
    kinds: str
    formulas: bytes
    formats: array

    def cells(self, formats: list[str]) -> dict[tuple[int, int], RawCell]:
        """The ``{(row, col): RawCell}`` dict."""
        return _cells(self, formats)


def _cells(columns: Columns | Packed, formats: list[str]) -> dict[tuple[int, int], RawCell]:
    # built in C: zip and map over the columns, no Python code per cell
    codes = map(formats.__getitem__, columns.formats)
    flags = map(bool, columns.formulas)
    fields = zip(columns.values, columns.kinds, flags, codes, strict=True)
    cells = map(tuple.__new__, repeat(RawCell), fields)  # RawCell(*fields), in C
    return dict(zip(zip(columns.rows, columns.cols, strict=True), cells, strict=True))


@dataclass
class ParsedSheet:
    """One sheet as the parse hands it over."""

    name: str
    hidden: bool
    packed: Columns | Packed  # a Columns pickles as a Packed
    merged: list[tuple[int, int, int, int]]
    loaded: bool = True

    def raw(self, formats: list[str]) -> RawSheet:
        cells = self.packed.cells(formats)
        return RawSheet(self.name, cells, self.merged, self.hidden, self.loaded)


def convert(
    t: str, v: str | None, inline: str | None, number_kind: str, book: Book
) -> tuple[object, str]:
    """(value, kind) of a cell from its type attribute ``t``, ``<v>`` and ``<is>`` texts.

    Raises:
        BadValue: a shared-string index that is not one.
    """
    if inline is not None or t == "inlineStr":
        return clean(inline if inline is not None else v or ""), "s"
    if t in ("", "n"):
        return number(v, number_kind)
    if t == "s":
        return shared(v, book.strings), "s"
    if t == "str":
        return clean(v or ""), "s"
    if t == "b":
        return boolean(v)
    if t == "e":
        error = v.strip() if v else ""
        return error or None, "e"
    if t == "d":
        return iso_date(v, book.date1904)
    return number(v, number_kind)


def number(v: str | bytes | None, kind: str) -> tuple[object, str]:
    if not v or not v.strip():
        return None, kind
    try:
        x = float(v)
    except ValueError:
        return clean(v if isinstance(v, str) else v.decode("utf-8", "replace")), "s"
    return (x, kind) if math.isfinite(x) else ("#NUM!", "e")


def shared(v: str | bytes | None, strings: list[str]) -> str | None:
    if not v or not v.strip():
        return None
    try:
        index = int(v)
    except ValueError:
        raise BadValue(f"shared string number {v!r} is not a number") from None
    if not 0 <= index < len(strings):
        raise BadValue(f"shared string {index} does not exist ({len(strings)} strings)")
    return strings[index]


def boolean(v: str | None) -> tuple[object, str]:
    text = (v or "").strip().lower()
    if text in ("1", "true"):
        return True, "b"
    if text in ("0", "false"):
        return False, "b"
    return (clean(v) if v and v.strip() else None), ("s" if text else "b")


def iso_date(v: str | None, date1904: bool) -> tuple[object, str]:
    # t="d": an ISO 8601 date or time, stored as text; turned into a serial number
    text = (v or "").strip()
    if not text:
        return None, "d"
    try:
        if "-" in text[1:]:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
        else:
            time = dt.time.fromisoformat(text)
            moment = dt.datetime.combine(EPOCH_1904 if date1904 else EPOCH_1900, time)
    except ValueError:
        return clean(text), "s"
    epoch = EPOCH_1904 if date1904 else EPOCH_1900
    return (moment - epoch) / dt.timedelta(days=1), "d"


def out_of_range(book: Book, row: int, col: int) -> bool:
    return row >= book.limits.max_rows or col >= book.limits.max_cols


def range_error(book: Book, sheet: str, row: int, col: int) -> ReadError:
    return ReadError(
        "file_range_too_big",
        path=book.label,
        sheet=sheet,
        cell=cell_name(row, col),
        max_rows=book.limits.max_rows,
        max_cols=book.limits.max_cols,
    )


def cell_name(row: int, col: int) -> str:
    """``A1`` notation of a 0-based (row, col)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"
