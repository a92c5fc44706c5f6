"""Cells of the Excel report: formats by style key, tables, page set-up.

A style key names a value type of the workbook description (``money``, ``percent``,
``points``, ``date``…, with a trailing ``+`` for a signed gap) or a role (``text``, ``wrap``,
``title``, ``section``, ``header``, ``label``), optionally followed by ``@`` and a fill
(``good``, ``near``, ``bad``, ``grey``, ``late``, ``start``): ``"text@good"`` is a status
word on green. Values are written by type (:mod:`.sheet`): text as a plain string, never a
formula.

A table is worked out column by column (:func:`tabulate`: each column's values and styles
for every row at once), then written row by row (:func:`write_table`), the order in which
a spreadsheet numbers its shared strings: a report of 500 actions holds 17 000 cells, and
the time per cell is what counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ...spec import load_spec
from ...styles import number_format
from ..figures import is_empty
from .sheet import ReportSheet

A4 = 9
LINE_HEIGHT = 13.5  # points per line of wrapped text (Calibri 11), plus a margin of 3
FILLS = {"grey": ("#EDEDED", "#404040"), "start": ("#DDEBF7", "#1F4E79")}
# a status key → the fill of its cell (the word stays: never colour alone)
STATUS_FILLS = {"met": "good", "near": "near", "missed": "bad", "missing": "grey",
                "qualitative": "grey", "tracking": "grey"}
KIND_FILLS = {"keep": "good", "review": "near", "stop": "bad", "start": "start"}
Row = dict[str, Any]
HUGE = 1e300  # beyond, a number's width is worked out one by one (see fitted_widths)


class Formats:
    """xlsxwriter formats by style key, created once each."""

    def __init__(self, workbook: xlsxwriter.Workbook, lang: str, currency: str):
        self._wb, self._lang, self._currency = workbook, lang, currency
        self._spec = load_spec()
        self._cache: dict[tuple[str, bool], Format] = {}

    def __call__(self, style: str, bold: bool = False) -> Format:
        found = self._cache.get((style, bold))
        if found is None:
            found = self._cache[(style, bold)] = self._wb.add_format(self.properties(style, bold))
        return found

    def number_format(self, kind: str) -> str:
        """The number format of a value type; ``kind+`` shows the sign of a gap."""
        base = kind.rstrip("+")
        fmt = number_format(self._spec, base, self._lang, self._currency) or "General"
        if kind.endswith("+") and ";" not in fmt:
            return f"\\+{fmt};\\-{fmt};{fmt}"
        return fmt

    def properties(self, style: str, bold: bool = False) -> dict[str, Any]:
        """The xlsxwriter format properties of a style key."""
        c = self._spec.colours
        kind, _, fill = style.partition("@")
        fixed = {
            "title": {"bold": True, "font_size": 14, "font_color": c["title"]},
            "section": {"bold": True, "font_size": 12, "font_color": c["title"]},
            "header": {"bold": True, "bg_color": c["header"], "font_color": c["header_text"],
                       "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1,
                       "border_color": c["border"]},
        }
        if kind in fixed:
            return fixed[kind]
        props: dict[str, Any] = {"valign": "top", "border": 1, "border_color": c["border"]}
        if kind in ("wrap", "label"):
            props["text_wrap"] = True
        elif kind != "text":
            props["num_format"] = self.number_format(kind)
        if fill:
            back, text = FILLS.get(fill) or (c[fill], c.get(f"{fill}_text", "#000000"))
            props.update(bg_color=back, font_color=text)
        if bold or kind == "label":
            props["bold"] = True
        return props


def whole_or_decimal(value: Any) -> str:
    """``integer`` for a whole number (or none), else ``number`` (two decimals)."""
    return "integer" if is_empty(value) or float(value).is_integer() else "number"


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading, the values and styles of its rows, its width.

    ``values`` and ``styles`` take every row at once: a column read from a key or styled
    alike all the way down costs one list, not a call per row.
    """

    heading: str
    values: Callable[[list[Row]], list[Any]]
    styles: Callable[[list[Row]], list[str]]
    width: float


def column(heading: str, value: str | Callable[[Row], Any], style: str | Callable[[Row], str]
           = "text", width: float = 12) -> Column:
    """A :class:`Column`; ``value`` a row key or a function of a row, ``style`` a style key
    or a function of a row."""
    if isinstance(value, str):
        values = lambda rows: [row[value] for row in rows]  # noqa: E731
    else:
        values = lambda rows: [value(row) for row in rows]  # noqa: E731
    if isinstance(style, str):
        styles = lambda rows: [style] * len(rows)  # noqa: E731
    else:
        styles = lambda rows: [style(row) for row in rows]  # noqa: E731
    return Column(heading, values, styles, width)


def filled(kind: str, fill: str | None) -> str:
    """The style key of ``kind`` on ``fill`` (none: unfilled)."""
    return f"{kind}@{fill}" if fill else kind


def status_style(key: str) -> Callable[[Row], str]:
    """The style of a status word whose key is in the row's column ``key``."""
    return lambda row: filled("text", STATUS_FILLS.get("" if is_empty(row[key]) else row[key]))


def word_style(key: str, keys: dict[str, str]) -> Callable[[Row], str]:
    """The style of a status word in the row's column ``key``, its status found in ``keys``
    (case-folded words → status keys)."""
    def style(row: Row) -> str:
        word = "" if is_empty(row.get(key)) else str(row[key]).casefold()
        return filled("text", STATUS_FILLS.get(keys.get(word, "")))
    return style


@dataclass(frozen=True)
class Table:
    """A table's cells, worked out once: each column's values and styles, row by row."""

    columns: list[Column]
    values: list[list[Any]]  # by column, then by row
    styles: list[list[str]]
    bold: list[bool]  # by row


def tabulate(columns: list[Column], rows: list[Row],
             bold: Callable[[Row], bool] | None = None) -> Table:
    """The cells of ``rows`` under ``columns``; ``bold`` says which rows are in bold."""
    return Table(columns, [c.values(rows) for c in columns], [c.styles(rows) for c in columns],
                 [bool(bold(row)) for row in rows] if bold else [False] * len(rows))


def fitted_widths(table: Table, symbol: str) -> list[float]:
    """The columns' widths, widened where a number would not fit (a spreadsheet shows
    «###»); ``symbol`` is the currency's."""
    widths = []
    for spec, values, styles in zip(table.columns, table.values, table.styles, strict=True):
        # a number's width only grows with its size, so the largest of each style is enough;
        # past HUGE a rate times 100 may overflow (and show short): each such number counts
        largest: dict[str, float] = {}
        huge: list[tuple[str, float]] = []
        for value, style in zip(values, styles, strict=True):
            kind = type(value)  # by identity first: this runs for every cell
            if (kind is float or kind is int or (kind is not bool and isinstance(
                    value, int | float))) and math.isfinite(value):
                size = abs(float(value))
                if size > HUGE:
                    huge.append((style, size))
                elif size >= largest.get(style, -1.0):
                    largest[style] = size
        widths.append(max([spec.width, *(number_width(size, style, symbol)
                                         for style, size in [*largest.items(), *huge])]))
    return widths


def number_width(value: float, style: str, symbol: str) -> float:
    """About how wide a number shows in ``style``: digits, separators, sign, the currency
    ``symbol``, a bold font."""
    kind = style.partition("@")[0].rstrip("+")
    size = abs(value)
    if kind == "percent":
        text = f"{size * 100:,.1f} %"
    elif kind == "points":
        text = f"{size:,.1f} pts"
    else:
        decimals = {"money2": 2, "number": 2, "times": 1, "years": 1}.get(kind, 0)
        text = f"{size:,.{decimals}f}" + (f" {symbol}" if kind.startswith("money") else "")
    return (len(text) + 1) * 1.15 + 1


def write_table(ws: ReportSheet, formats: Formats, top: int, table: Table,
                widths: list[float]) -> int:
    """Write a header row at ``top`` and the rows under it, the columns ``widths`` wide
    (for the heights of wrapped text); returns the last row written."""
    for col, spec in enumerate(table.columns):
        ws.write_string(top, col, spec.heading, formats("header"))
    # bold headings are wider than body text: count them in a narrower column
    lines = max((wrapped_lines(c.heading, width / 1.15)
                 for c, width in zip(table.columns, widths, strict=True)), default=1)
    ws.set_row(top, LINE_HEIGHT * max(lines, 2) + 3)
    # row by row, left to right: the order numbers the shared strings in the file
    last = top
    for last, (values, cell_formats) in enumerate(
            zip(zip(*table.values, strict=True), zip(*_formats(formats, table), strict=True),
                strict=True), top + 1):
        ws.write_values(last, values, cell_formats)
    for row, lines in enumerate(_lines(table, widths), top + 1):
        if lines > 1:
            ws.set_row(row, LINE_HEIGHT * lines + 3)
    return last


def _formats(formats: Formats, table: Table) -> list[list[Format]]:
    # each cell's format, by column; the new ones are made in the order of their first cell,
    # row by row, left to right, as writing a cell at a time made them
    bold = any(table.bold)  # if not, a style is key enough
    keys: list[list[Any]] = [list(zip(styles, table.bold, strict=True)) if bold else styles
                             for styles in table.styles]
    distinct = [list(dict.fromkeys(column_keys)) for column_keys in keys]
    first: dict[Any, tuple[int, int]] = {}
    for col, (column_keys, found) in enumerate(zip(keys, distinct, strict=True)):
        for key in found:
            first[key] = min(first.get(key, (len(column_keys), col)),
                             (column_keys.index(key), col))
    made = {key: formats(*key) if bold else formats(key)
            for key in sorted(first, key=first.__getitem__)}
    return [[made[found[0]]] * len(column_keys) if len(found) == 1
            else [made[key] for key in column_keys]
            for column_keys, found in zip(keys, distinct, strict=True)]


def _lines(table: Table, widths: list[float]) -> list[int]:
    # how many lines each row's wrapped text takes
    lines = [1] * len(table.bold)
    for values, styles, width in zip(table.values, table.styles, widths, strict=True):
        wrapping = {s for s in set(styles) if s.startswith(("wrap", "label"))}
        room = _room(width)
        for i, (value, style) in enumerate(zip(values, styles, strict=True)):
            if style in wrapping and isinstance(value, str) and not (
                    len(value) <= room and value.isprintable()):  # no line break: one line
                lines[i] = max(lines[i], wrapped_lines(value, width))
    return lines


def _room(width: float) -> int:
    # how many letters fit on a line of a column ``width`` characters wide
    return max(1, int(width * 1.2) - 1)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at
    spaces (a width counts digits: about 20 % more letters fit)."""
    room = _room(width)
    if len(text) <= room:  # most cells: every paragraph fits on its line
        return max(1, len(text.splitlines()))
    lines = 0
    for paragraph in text.splitlines() or [""]:
        used = 0
        lines += 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            while used > room:  # a word longer than the column breaks anywhere
                lines += 1
                used -= room
    return lines


def set_widths(ws: Worksheet, widths: Iterable[float]) -> None:
    """Column widths, in characters, from the first column."""
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)


def page_setup(ws: Worksheet, header_rows: tuple[int, int] | None, *,
               one_page: bool = False) -> None:
    """Landscape A4, fitted to the page width, the header rows repeated on every page."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("&L&8&A&R&8&D")
    ws.set_footer("&C&8&P / &N")
    if header_rows:
        ws.repeat_rows(*header_rows)


@dataclass(frozen=True)
class ChartData:
    """Where a chart's data lies: a sheet, its categories and its series (0-based cells)."""

    sheet: str
    categories: tuple[int, int, int, int]  # first row, first column, last row, last column
    series: tuple[tuple[tuple[int, int], tuple[int, int, int, int]], ...]  # name, values

    def ref(self, cells: tuple[int, ...]) -> list[Any]:
        """An xlsxwriter reference to ``cells`` of the sheet."""
        return [self.sheet, *cells]


def records(frame: pd.DataFrame) -> list[Row]:
    """The rows of a frame as dicts of Python values, ``None`` where empty (NA, NaN, NaT),
    converted a block of columns at a time: ``to_dict`` converts a cell at a time."""
    names = list(frame.columns)
    rows = frame.to_numpy(dtype=object, na_value=None).tolist()
    return [dict(zip(names, row, strict=True)) for row in rows]
