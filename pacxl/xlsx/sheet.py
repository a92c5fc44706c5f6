"""One worksheet: a fast path for plain rows, the generic expat parser for the rest.

Excel, LibreOffice, xlsxwriter and openpyxl all write cells as
``<c r="B3" s="7" t="s"><f>…</f><v>12</v></c>`` (Gnumeric indents them: blanks between
the elements of a cell are allowed). The fast path lexes a piece of rows at a
time with one regular expression whose alternatives cover every byte (cells, row tags,
blanks, and a catch-all for anything else); ``findall`` builds the tuples in C, and the
loop only converts values. Any catch-all token, a cell it cannot convert, a namespace
declaration or a non-UTF-8 declaration makes the whole sheet go through
:class:`GenericSheet` instead, which is slower but reads any well-formed worksheet and
reports a bad cell by its reference. The head and tail around ``<sheetData>`` always go
through :class:`GenericSheet` (it checks the root, collects merged cells, and checks that
the tail's validations and conditional formats are well-formed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import closing
from itertools import product

from .cells import BadValue, Book, Columns, ParsedSheet, convert, out_of_range, range_error
from .generic import GenericSheet
from .parts import Parts
from .split import Unusual, split_body
from .strings import CONTROL_BYTES
from .text import clean, xml_text

_START = re.compile(rb"<sheetData>")
_DECLARATION = re.compile(rb"""^<\?xml[^>]*encoding=["'](?!utf-8["'])""", re.IGNORECASE)
# "(?:x|)" rather than "(?:x)?": the same match, but re runs an optional group holding
# captures a third slower than an alternation with an empty branch
_CELL = (
    rb"""(?:<row\b[^>]*>|)<c\ r="([A-Z]{1,3})([0-9]{1,7})"(?:\ s="([0-9]{1,9})"|)"""
    rb"""(?:\ t="([a-zA-Z]{1,9})"|)"""
    rb"""(?:/>|>_(?:(<)f\b[^>]*?(?:/>|>[^<]*</f>)_|)(?:(?:<v>([^<]*)</v>|<v/>)_|)"""
)
_INLINE = rb"""(?:(<)is>_(?:<t>|<t\ xml:space="preserve">)([^<]*)</t>_</is>_|)"""
_REST = rb"""</c>)(?:</row>|)|<row\b[^>]*>|</row>|\s+|(<[^>]*>?|[^<\s][^<]*)"""


def _tokens(blanks: bytes, inline: bool) -> re.Pattern[bytes]:
    # ``blanks``: what may separate the elements of a cell; ``inline``: with the two groups
    # of inline strings (rare: most pieces have none, and each group costs on every cell)
    cell = _CELL + (_INLINE if inline else b"") + _REST
    return re.compile(cell.replace(b"_", blanks), re.VERBOSE)


# (indented as Gnumeric writes, with inline strings) -> the pattern
_TOKENS = {(indented, inline): _tokens(rb"\s*" if indented else b"", inline)
           for indented in (False, True) for inline in (False, True)}
_NO_TEXT = (b"",)


_PLAIN = frozenset((b"", b"n", b"s", b"str"))
_KIND_OF_TYPE = {b"s": "s", b"str": "s", b"inlineStr": "s", b"b": "b", b"e": "e", b"d": "d"}


def _column_letters() -> dict[bytes, int]:
    # b"A" -> 0 … b"XFD" -> 16383
    names = [bytes(p) for n in (1, 2, 3) for p in product(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=n)]
    return {name: index for index, name in enumerate(names[:16384])}


COLUMNS = _column_letters()


def read_sheet(parts: Parts, book: Book, name: str, part: str, hidden: bool) -> ParsedSheet:
    """Parse the worksheet ``part`` of sheet ``name``.

    Raises:
        ReadError: bad XML, a bad cell, a used range or cell count over the limits.
    """
    cells, inflated = book.cells, parts.inflated
    try:
        columns, merged = _fast(parts, book, name, part)
    except Unusual:
        book.cells, parts.inflated = cells, inflated  # the generic parse counts again
        with closing(parts.stream(part)) as chunks:
            generic = GenericSheet(book, name, part).parse(chunks)
        columns, merged = generic.columns, generic.merged
    return ParsedSheet(name, hidden, columns, merged)


def _fast(parts: Parts, book: Book, sheet: str, part: str) -> tuple[Columns, list]:
    columns = Columns()
    frame: dict[str, bytes] = {"head": b"", "tail": b""}
    with closing(parts.stream(part)) as chunks:
        for kind, data in split_body(chunks, _START, b"</sheetData>", b"</row>"):
            if kind == "body":
                _piece(data, columns, book, sheet)
            elif kind == "head" and _DECLARATION.match(data):
                raise Unusual("not UTF-8")
            else:
                frame[kind] = data
    around = GenericSheet(book, sheet, part).parse_around(frame["head"], frame["tail"])
    if around.sheet_data != 1 or len(around.columns):
        raise Unusual("cells outside the one <sheetData>")
    return columns, around.merged


def _piece(body: bytes, columns: Columns, book: Book, sheet: str) -> None:
    if b"xmlns" in body:
        raise Unusual("namespace declaration among the rows")
    start = len(columns)
    bounds = _lex(body, columns, book)
    if bounds is not None:
        _check_piece(columns, start, bounds, book, sheet)


def _lex(body: bytes, out: Columns, book: Book) -> tuple[int, int, int] | None:
    # column-wise: findall and the maps run in C, only the values need a Python loop;
    # returns the first and last rows and the last column of the cells added, if any
    inline = b"<is>" in body
    tokens = _TOKENS[b"\n" in body, inline].findall(body)
    if not tokens:
        return None
    columns = list(zip(*tokens, strict=True))
    if any(columns[-1]):
        raise Unusual("unexpected markup")
    if not all(columns[0]):  # empty rows or blanks between tags: keep the cells only
        cells = [token for token in tokens if token[0]]
        if not cells:
            return None
        columns = list(zip(*cells, strict=True))
    cols, rows, ss, ts, fs, vs = columns[:6]
    inlines, texts = columns[6:8] if inline else (_NO_TEXT * len(cols),) * 2
    if _has_control_bytes(b"".join(vs), b"".join(texts)):
        raise Unusual("control character: not well-formed XML")  # expat says where
    start = len(out)
    formats, number_kinds = book.style_tables()
    try:
        numbers = {row: int(row) - 1 for row in set(rows)}  # converted once per row
        letters = {col: COLUMNS[col] for col in set(cols)}  # and once per column
        out.rows.extend(map(numbers.__getitem__, rows))
        out.cols.extend(map(letters.__getitem__, cols))
        out.formats.extend(map(formats.__getitem__, ss))
        out.kinds.extend(map(_KIND_OF_TYPE.get, ts, map(number_kinds.__getitem__, ss)))
        out.formulas.extend(fs)
        _values(ts, vs, out.values.append, book)
        if not _PLAIN.issuperset(ts) or (inline and any(inlines)):
            _special(start, ts, vs, inlines, texts, ss, out, book)
    except (KeyError, ValueError, IndexError, BadValue) as error:  # let GenericSheet judge
        raise Unusual(f"{type(error).__name__}: {error}") from error
    return min(numbers.values()), max(numbers.values()), max(letters.values())


def _has_control_bytes(*texts: bytes) -> bool:
    # C0 controls but TAB, LF, CR are not allowed in XML 1.0, even raw
    return any(len(text.translate(None, CONTROL_BYTES)) != len(text) for text in texts)


def _values(ts: tuple, vs: tuple, add: Callable[[object], None], book: Book) -> None:
    # the values of number, shared-string and formula-text cells (None for the other types,
    # for now); formula texts repeat (statuses, echoed names), so each is decoded once
    strings, texts = book.string_table(), book.texts
    for t, v in zip(ts, vs, strict=True):
        if t == b"s":
            add(strings[v] if v else None)
        elif v and (not t or t == b"n"):
            x = float(v)
            if x - x:  # inf or nan: let GenericSheet judge
                raise ValueError(v)
            add(x)
        elif t == b"str":
            text = texts.get(v)
            if text is None:
                text = texts[v] = clean(xml_text(v))
            add(text)
        else:
            add(None)


def _special(start: int, ts: tuple, vs: tuple, inlines: tuple, texts: tuple, ss: tuple,
             out: Columns, book: Book) -> None:  # fmt: skip
    # booleans, errors, formula strings, inline strings, ISO dates: found by C-speed index()
    number_kinds = book.style_tables()[1]
    places = {i for t in set(ts) - _PLAIN for i in _indexes(ts, t)}
    places.update(_indexes(inlines, b"<"))
    for i in sorted(places):
        inline = inlines[i]
        value, kind = convert(
            ts[i].decode(),
            xml_text(vs[i]) if vs[i] or not inline else None,
            xml_text(texts[i]) if inline else None,
            number_kinds[ss[i]],
            book,
        )
        out.values[start + i] = value
        out.kinds[start + i] = kind


def _indexes(items: tuple, wanted: object) -> list[int]:
    found: list[int] = []
    i = -1
    while True:
        try:
            i = items.index(wanted, i + 1)
        except ValueError:
            return found
        found.append(i)


def _check_piece(out: Columns, start: int, bounds: tuple[int, int, int], book: Book,
                 sheet: str) -> None:
    # count the new cells, and keep the used range within the limits
    book.count(len(out) - start)
    first_row, last_row, last_col = bounds
    if first_row < 0:
        raise Unusual("row 0")
    limits = book.limits
    if last_row < limits.max_rows and last_col < limits.max_cols:
        return
    keep = start
    for i in range(start, len(out)):
        row, col = out.rows[i], out.cols[i]
        if out_of_range(book, row, col):
            if out.values[i] is not None or out.formulas[i]:
                raise range_error(book, sheet, row, col)
            continue  # a formatted empty cell far away: nothing to keep
        for column in (out.rows, out.cols, out.values, out.kinds, out.formulas, out.formats):
            column[keep] = column[i]
        keep += 1
    out.truncate(keep)
