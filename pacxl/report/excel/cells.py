"""Cells of the Excel report: formats by style key, typed values, tables, page set-up.

A style key names a value type of the workbook description (``money``, ``percent``,
``points``, ``date``…, with a trailing ``+`` for a signed gap) or a role (``text``, ``wrap``,
``title``, ``section``, ``header``, ``label``), optionally followed by ``@`` and a fill
(``good``, ``near``, ``bad``, ``grey``, ``late``, ``start``): ``"text@good"`` is a status
word on green. Every text goes through ``write_string``: the report holds no formula.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ...spec import load_spec
from ...styles import number_format
from ..figures import is_empty

A4 = 9
LINE_HEIGHT = 13.5  # points per line of wrapped text (Calibri 11), plus a margin of 3
FILLS = {"grey": ("#EDEDED", "#404040"), "start": ("#DDEBF7", "#1F4E79")}
# a status key → the fill of its cell (the word stays: never colour alone)
STATUS_FILLS = {"met": "good", "near": "near", "missed": "bad", "missing": "grey",
                "qualitative": "grey", "tracking": "grey"}
KIND_FILLS = {"keep": "good", "review": "near", "stop": "bad", "start": "start"}
Row = dict[str, Any]


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


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: Format) -> None:
    """Write one value with its type: text as a plain string, never a formula."""
    if is_empty(value) or (isinstance(value, str) and not value):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, pd.Timestamp | dt.date):
        ws.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), fmt)
    elif math.isfinite(float(value)):
        ws.write_number(row, col, float(value), fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def whole_or_decimal(value: Any) -> str:
    """``integer`` for a whole number (or none), else ``number`` (two decimals)."""
    return "integer" if is_empty(value) or float(value).is_integer() else "number"


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading, how a row gives its value and its style."""

    heading: str
    value: Callable[[Row], Any]
    style: Callable[[Row], str]
    width: float


def column(heading: str, value: str | Callable[[Row], Any], style: str | Callable[[Row], str]
           = "text", width: float = 12) -> Column:
    """A :class:`Column`; ``value`` a row key or a function, ``style`` a key or a function."""
    get = (lambda row: row[value]) if isinstance(value, str) else value
    how = (lambda row: style) if isinstance(style, str) else style
    return Column(heading, get, how, width)


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


def fitted(columns: list[Column], rows: list[Row], symbol: str) -> list[Column]:
    """The columns, widened where a number would not fit (a spreadsheet shows «###»);
    ``symbol`` is the currency's."""
    widths = [c.width for c in columns]
    for row in rows:
        for i, spec in enumerate(columns):
            value = spec.value(row)
            if not is_empty(value) and isinstance(value, int | float) and \
                    not isinstance(value, bool) and math.isfinite(float(value)):
                widths[i] = max(widths[i], number_width(float(value), spec.style(row), symbol))
    return [replace(c, width=w) for c, w in zip(columns, widths, strict=True)]


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


def write_table(ws: Worksheet, formats: Formats, top: int, columns: list[Column],
                rows: Iterable[Row], bold: Callable[[Row], bool] | None = None) -> int:
    """Write a header row at ``top`` and the rows under it; returns the last row written."""
    for col, spec in enumerate(columns):
        ws.write_string(top, col, spec.heading, formats("header"))
    # bold headings are wider than body text: count them in a narrower column
    lines = max((wrapped_lines(c.heading, c.width / 1.15) for c in columns), default=1)
    ws.set_row(top, LINE_HEIGHT * max(lines, 2) + 3)
    last = top
    for last, row in enumerate(rows, top + 1):
        strong = bool(bold(row)) if bold else False
        lines = 1
        for col, spec in enumerate(columns):
            value, style = spec.value(row), spec.style(row)
            put(ws, last, col, value, formats(style, strong))
            if isinstance(value, str) and style.startswith(("wrap", "label")):
                lines = max(lines, wrapped_lines(value, spec.width))
        if lines > 1:
            ws.set_row(last, LINE_HEIGHT * lines + 3)
    return last


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at
    spaces (a width counts digits: about 20 % more letters fit)."""
    room = max(1, int(width * 1.2) - 1)
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
    """The rows of a frame as dicts."""
    return frame.to_dict("records")
