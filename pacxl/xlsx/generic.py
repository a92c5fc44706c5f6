"""The generic worksheet parser: expat, namespace-aware, for any well-formed worksheet.

It reads what the fast path declines: namespace prefixes (``<x:c>``), cells without an
``r`` attribute (their place follows the previous cell), rich inline strings, comments,
other encodings. It also parses the head and tail around the fast path's body (views,
columns, merged cells), and is the judge of a cell the fast path found malformed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.parsers import expat

from ..errors import ReadError
from .cells import BadValue, Book, Columns, cell_name, convert, out_of_range, range_error
from .reasons import root_reason, xml_reason
from .sniff import STRICT_NS
from .strings import MAIN_NS

_NAMES = ("worksheet", "sheetData", "row", "c", "v", "f", "is", "t", "rPh", "mergeCell")
(WORKSHEET, SHEET_DATA, ROW, C, V, F, IS, T, RPH, MERGE) = (f"{MAIN_NS} {n}" for n in _NAMES)
_ROOTS = {f"{MAIN_NS} {n}" for n in ("worksheet", "dialogsheet")} | {
    "http://schemas.microsoft.com/office/excel/2006/main macrosheet"
}
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def column_index(letters: str) -> int:
    """0-based index of column ``letters`` ("A" is 0)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def parse_ref(ref: str) -> tuple[int, int]:
    """0-based (row, col) of an A1 reference; ValueError if it is not one."""
    found = _REF.fullmatch(ref.strip())
    if not found or int(found.group(2)) < 1:
        raise ValueError(f"{ref!r} is not a cell reference")
    return int(found.group(2)) - 1, column_index(found.group(1))


class GenericSheet:
    """Parse one worksheet part with expat into :class:`Columns` and merged ranges."""

    def __init__(self, book: Book, sheet: str, part: str) -> None:
        self.book, self.sheet, self.part = book, sheet, part
        self.columns = Columns()
        self.merged: list[tuple[int, int, int, int]] = []
        self.sheet_data = 0  # <sheetData> elements met as children of the root
        self._depth = 0
        self._in_data = False
        self._row, self._col = -1, -1
        self._cell: list | None = None  # row, col, s, t, formula, v, inline
        self._text: list[str] | None = None
        self._phonetic = 0
        self._counted = 0

    def parse(self, chunks: Iterable[bytes]) -> GenericSheet:
        """Feed the part's bytes; return self."""
        return self._feed(chunks, b"")

    def parse_around(self, head: bytes, tail: bytes) -> GenericSheet:
        """Parse what surrounds the rows the fast path read (``head`` up to ``<sheetData>``,
        ``tail`` after ``</sheetData>``); return self.

        The tail holds validations and conditional formats, thousands of elements this
        parser has no use for: unless it may hold merged cells or another ``sheetData``,
        expat only checks that it is well-formed, without calling back for each element.
        """
        if b"mergeCell" in tail or b"sheetData" in tail:
            return self._feed([head, b"</sheetData>", tail], b"")
        return self._feed([head, b"</sheetData>"], tail)

    def _feed(self, chunks: Iterable[bytes], unwatched: bytes) -> GenericSheet:
        # ``unwatched``: the last bytes of the part, fed with the element handlers off (expat
        # still checks that they are well-formed)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        try:
            for chunk in chunks:
                parser.Parse(chunk, False)
            if unwatched:
                parser.StartElementHandler = parser.EndElementHandler = None
                parser.CharacterDataHandler = None
                parser.Parse(unwatched, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise ReadError(
                "file_bad_xml", path=self.book.label, part=self.part, reason=xml_reason(error)
            ) from error
        except BadValue as error:
            raise self._bad_value(str(error)) from error
        self.book.count(len(self.columns) - self._counted)
        return self

    def _refuse(self, *_: object) -> None:
        raise ReadError("file_doctype", path=self.book.label, part=self.part)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        if self._depth == 1:
            self._check_root(name)
        elif name == C and self._in_data:
            self._start_cell(attrs)
        elif self._cell is not None:
            self._start_in_cell(name)
        elif name == ROW and self._in_data:
            ref = attrs.get("r")
            self._row = self._number(ref, "row") - 1 if ref else self._row + 1
            self._col = -1
        elif name == SHEET_DATA and self._depth == 2:
            self._in_data = True
            self.sheet_data += 1
        elif name == MERGE:
            self._merge(attrs.get("ref", ""))

    def _check_root(self, name: str) -> None:
        if name.startswith(STRICT_NS.decode()):
            raise ReadError("file_is_strict", path=self.book.label)
        if name not in _ROOTS:
            reason = root_reason(name)
            raise ReadError("file_bad_xml", path=self.book.label, part=self.part, reason=reason)

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            try:
                row, col = parse_ref(ref)
            except ValueError as error:
                raise self._bad_value(str(error), ref[:20]) from error
        else:
            row, col = max(self._row, 0), self._col + 1
        self._row, self._col = row, col
        self._cell = [row, col, attrs.get("s", ""), attrs.get("t", ""), False, None, None]

    def _start_in_cell(self, name: str) -> None:
        cell = self._cell
        assert cell is not None
        if name == F:
            cell[4] = True
        elif name == V:
            self._text = []
        elif name == IS:
            cell[6] = []
        elif name == RPH:
            self._phonetic += 1
        elif name == T and cell[6] is not None and not self._phonetic:
            self._text = []

    def _end(self, name: str) -> None:
        self._depth -= 1
        cell = self._cell
        if cell is None:
            if name == SHEET_DATA:
                self._in_data = False
            return
        if name == V and self._text is not None:
            cell[5] = "".join(self._text)
            self._text = None
        elif name == T and self._text is not None and cell[6] is not None:
            cell[6].append("".join(self._text))
            self._text = None
        elif name == RPH:
            self._phonetic -= 1
        elif name == C:
            self._cell = None
            self._emit(cell)

    def _characters(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _emit(self, cell: list) -> None:
        row, col, s, t, formula, v, inline = cell
        fmt, number_kind = self.book.styles.lookup(s.encode())
        text = "".join(inline) if inline is not None else None
        value, kind = convert(t, v, text, number_kind, self.book)
        if out_of_range(self.book, row, col):
            if value is None and not formula:
                return  # a formatted empty cell far away: nothing to keep
            raise range_error(self.book, self.sheet, row, col)
        self.columns.add(row, col, value, kind, formula, fmt)
        if len(self.columns) - self._counted >= 65536:
            self.book.count(len(self.columns) - self._counted)
            self._counted = len(self.columns)

    def _merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        try:
            r1, c1 = parse_ref(first)
            r2, c2 = parse_ref(last or first)
        except ValueError:
            return  # a merge Excel would drop; it carries no value
        self.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    def _number(self, text: str, what: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise self._bad_value(f"{what} number {text!r}") from None

    def _bad_value(self, reason: str, where: str = "") -> ReadError:
        cell = self._cell
        where = where or ("?" if cell is None else cell_name(cell[0], cell[1]))
        return ReadError(
            "file_bad_value", path=self.book.label, sheet=self.sheet, cell=where, reason=reason
        )
